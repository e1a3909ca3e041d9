"""Conformance checks of the local endpoint with the AWS CLI (Debian's awscli where installed), run as a user would:
one `aws` process per command, JSON output, errors read from stderr and the exit code.

    python3 awscli_checks.py --list                 prints the check names (JSON array)
    python3 awscli_checks.py --aws PATH --out FILE  runs every check with that aws executable

The environment is the one checks.mjs reads (see there); tests/Pester/Conformance.Tests.ps1 sets it.
"""
import base64
import hashlib
import json
import os
import re
import secrets
import subprocess
import sys
import tempfile
import time
import traceback
import urllib.error
import urllib.request

CHECKS = []
MIB = 1024 * 1024


def check(name):
    def register(run):
        CHECKS.append((name, run))
        return run
    return register


# ---------------------------------------------------------------------------------------------------------------- S3
@check('aws s3 mb, ls, cp up and down, rm, rb')
def _(c):
    bucket = c.name('cp')
    c.aws('s3', 'mb', f's3://{bucket}')
    ok(bucket in c.aws('s3', 'ls', json_out=False), 'aws s3 ls names the bucket')
    source = c.file(b'hello from the aws cli')
    c.aws('s3', 'cp', source, f's3://{bucket}/dir/hello.txt')
    ok('hello.txt' in c.aws('s3', 'ls', f's3://{bucket}/dir/', json_out=False), 'aws s3 ls of the prefix')
    target = c.path('down.txt')
    c.aws('s3', 'cp', f's3://{bucket}/dir/hello.txt', target)
    eq(read(target), b'hello from the aws cli', 'downloaded content')
    c.aws('s3', 'rm', f's3://{bucket}/dir/hello.txt')
    c.aws('s3', 'rb', f's3://{bucket}')


@check('aws s3 cp of a 9 MiB file: multipart upload, ETag of two parts, ranged download')
def _(c):
    bucket = c.new_bucket('big')
    data = os.urandom(9 * MIB)
    c.aws('s3', 'cp', c.file(data), f's3://{bucket}/big.bin')
    head = c.aws('s3api', 'head-object', '--bucket', bucket, '--key', 'big.bin')
    eq(head['ETag'], multipart_etag([data[:8 * MIB], data[8 * MIB:]]), 'ETag')
    target = c.path('big.out')
    c.aws('s3', 'cp', f's3://{bucket}/big.bin', target)
    eq(md5(read(target)), md5(data), 'MD5 of the download')


@check('aws s3 cp s3-to-s3 of a 9 MiB object (multipart copy) and with --sse aws:kms')
def _(c):
    bucket = c.new_bucket('s3copy')
    key = c.new_key()
    data = os.urandom(9 * MIB)
    c.aws('s3', 'cp', c.file(data), f's3://{bucket}/a.bin')
    c.aws('s3', 'cp', f's3://{bucket}/a.bin', f's3://{bucket}/b.bin', '--sse', 'aws:kms', '--sse-kms-key-id', key['Arn'])
    head = c.aws('s3api', 'head-object', '--bucket', bucket, '--key', 'b.bin')
    eq(head['ContentLength'], len(data), 'size of the copy')
    eq(head['ServerSideEncryption'], 'aws:kms', 'ServerSideEncryption')
    eq(head['SSEKMSKeyId'], key['Arn'], 'SSEKMSKeyId')


@check('aws s3 sync of a folder, then aws s3 rm --recursive')
def _(c):
    bucket = c.new_bucket('sync')
    folder = c.path('tree')
    os.makedirs(os.path.join(folder, 'sub'))
    for relative in ('a.txt', 'sub/b.txt'):
        with open(os.path.join(folder, relative), 'wb') as f:
            f.write(relative.encode())
    c.aws('s3', 'sync', folder, f's3://{bucket}/tree/')
    keys = [o['Key'] for o in c.aws('s3api', 'list-objects-v2', '--bucket', bucket).get('Contents', [])]
    eq(sorted(keys), ['tree/a.txt', 'tree/sub/b.txt'], 'synced keys')
    c.aws('s3', 'rm', f's3://{bucket}/tree/', '--recursive')
    eq(c.aws('s3api', 'list-objects-v2', '--bucket', bucket).get('Contents', []), [], 'objects left after rm --recursive')


@check('aws s3api put-object, get-object, head-object, copy-object, delete-objects, list-objects')
def _(c):
    bucket = c.new_bucket('api')
    put = c.aws('s3api', 'put-object', '--bucket', bucket, '--key', 'k', '--body', c.file(b'body'), '--content-type', 'text/plain',
                '--metadata', 'origin=cli')
    eq(put['ETag'], f'"{md5(b"body")}"', 'ETag')
    target = c.path('got')
    got = c.aws('s3api', 'get-object', '--bucket', bucket, '--key', 'k', '--range', 'bytes=1-2', target)
    eq(read(target), b'od', 'ranged body')
    eq(got['ContentRange'], 'bytes 1-2/4', 'ContentRange')
    eq(c.aws('s3api', 'head-object', '--bucket', bucket, '--key', 'k')['Metadata'], {'origin': 'cli'}, 'metadata')
    c.aws('s3api', 'copy-object', '--bucket', bucket, '--key', 'k2', '--copy-source', f'{bucket}/k')
    deleted = c.aws('s3api', 'delete-objects', '--bucket', bucket, '--delete', json.dumps({'Objects': [{'Key': 'k'}, {'Key': 'k2'}]}))
    eq(sorted(d['Key'] for d in deleted['Deleted']), ['k', 'k2'], 'deleted keys')
    eq(c.aws('s3api', 'list-objects', '--bucket', bucket).get('Contents', []), [], 'objects left')


@check('aws s3api errors: NoSuchKey, NoSuchBucket, 404 on head-object, BucketAlreadyOwnedByYou')
def _(c):
    bucket = c.new_bucket('err')
    c.fails(['s3api', 'get-object', '--bucket', bucket, '--key', 'absent', c.path('x')], 'NoSuchKey', 'GetObject', 'The specified key does not exist.')
    c.fails(['s3api', 'list-objects-v2', '--bucket', c.name('nobucket')], 'NoSuchBucket', 'ListObjectsV2', 'The specified bucket does not exist')
    c.fails(['s3api', 'head-object', '--bucket', bucket, '--key', 'absent'], '404', 'HeadObject', 'Not Found')
    c.fails(['s3api', 'create-bucket', '--bucket', bucket], 'BucketAlreadyOwnedByYou', 'CreateBucket')


@check('aws s3api multipart by hand: create, upload-part, list-parts, list-multipart-uploads, complete, abort')
def _(c):
    bucket = c.new_bucket('mp')
    upload_id = c.aws('s3api', 'create-multipart-upload', '--bucket', bucket, '--key', 'doc')['UploadId']
    parts = [os.urandom(5 * MIB), b'tail']
    etags = [c.aws('s3api', 'upload-part', '--bucket', bucket, '--key', 'doc', '--upload-id', upload_id, '--part-number', str(i + 1),
                   '--body', c.file(p))['ETag'] for i, p in enumerate(parts)]
    eq([p['Size'] for p in c.aws('s3api', 'list-parts', '--bucket', bucket, '--key', 'doc', '--upload-id', upload_id)['Parts']],
       [5 * MIB, 4], 'part sizes')
    eq([u['UploadId'] for u in c.aws('s3api', 'list-multipart-uploads', '--bucket', bucket)['Uploads']], [upload_id], 'uploads')
    done = c.aws('s3api', 'complete-multipart-upload', '--bucket', bucket, '--key', 'doc', '--upload-id', upload_id, '--multipart-upload',
                 json.dumps({'Parts': [{'PartNumber': i + 1, 'ETag': e} for i, e in enumerate(etags)]}))
    eq(done['ETag'], multipart_etag(parts), 'ETag of the object')
    other = c.aws('s3api', 'create-multipart-upload', '--bucket', bucket, '--key', 'dropped')['UploadId']
    c.aws('s3api', 'abort-multipart-upload', '--bucket', bucket, '--key', 'dropped', '--upload-id', other, json_out=False)
    c.fails(['s3api', 'list-parts', '--bucket', bucket, '--key', 'dropped', '--upload-id', other], 'NoSuchUpload', 'ListParts')


@check('aws s3api put-object --if-none-match "*": second write is 412 PreconditionFailed')
def _(c):
    if '--if-none-match' not in c.aws('s3api', 'put-object', 'help', json_out=False, env={'AWS_PAGER': '', 'PAGER': 'cat', 'MANPAGER': 'cat'}):
        raise Skip('this AWS CLI predates conditional writes (its put-object has no --if-none-match)')
    bucket = c.new_bucket('cond')
    c.aws('s3api', 'put-object', '--bucket', bucket, '--key', 'once', '--body', c.file(b'1'), '--if-none-match', '*')
    c.fails(['s3api', 'put-object', '--bucket', bucket, '--key', 'once', '--body', c.file(b'2'), '--if-none-match', '*'],
            'PreconditionFailed', 'PutObject', 'At least one of the pre-conditions you specified did not hold')


@check('aws s3 presign: the URL is served')
def _(c):
    bucket = c.new_bucket('presign')
    c.aws('s3', 'cp', c.file(b'presigned'), f's3://{bucket}/p.txt')
    url = c.aws('s3', 'presign', f's3://{bucket}/p.txt', '--expires-in', '300', json_out=False).strip()
    with urllib.request.urlopen(url) as answer:
        eq(answer.read(), b'presigned', 'presigned body')


@check('aws s3 with a wrong secret: SignatureDoesNotMatch; with an unknown key id: InvalidAccessKeyId')
def _(c):
    bucket = c.new_bucket('sig')
    c.fails(['s3api', 'list-objects-v2', '--bucket', bucket], 'SignatureDoesNotMatch', 'ListObjectsV2', env={'AWS_SECRET_ACCESS_KEY': 'wrong'})
    c.fails(['s3api', 'list-objects-v2', '--bucket', bucket], 'InvalidAccessKeyId', 'ListObjectsV2', env={'AWS_ACCESS_KEY_ID': 'AKIDNOTKNOWNHERE'})


# --------------------------------------------------------------------------------------------------------------- KMS
@check('aws kms create-key, create-alias, describe-key, list-aliases, encrypt, decrypt, generate-data-key')
def _(c):
    key = c.new_key()
    alias = 'alias/' + c.name('alias')
    c.aws('kms', 'create-alias', '--alias-name', alias, '--target-key-id', key['KeyId'], json_out=False)
    eq(c.aws('kms', 'describe-key', '--key-id', alias)['KeyMetadata']['KeyId'], key['KeyId'], 'describe-key by alias')
    eq([a['AliasName'] for a in c.aws('kms', 'list-aliases', '--key-id', key['KeyId'])['Aliases']], [alias], 'list-aliases')
    blob = c.aws('kms', 'encrypt', '--key-id', alias, '--plaintext', 'fileb://' + c.file(b'secret'), '--query', 'CiphertextBlob',
                 '--output', 'text', json_out=False).strip()
    # fileb:// with the raw ciphertext reads the same in CLI v1 and v2 (a base64 text argument is read differently).
    plain = c.aws('kms', 'decrypt', '--ciphertext-blob', 'fileb://' + c.file(base64.b64decode(blob)), '--query', 'Plaintext',
                  '--output', 'text', json_out=False).strip()
    eq(plain, 'c2VjcmV0', 'decrypted plaintext (base64)')
    data_key = c.aws('kms', 'generate-data-key', '--key-id', key['Arn'], '--key-spec', 'AES_256')
    eq(data_key['KeyId'], key['Arn'], 'generate-data-key KeyId')
    c.aws('kms', 'disable-key', '--key-id', key['KeyId'], json_out=False)
    c.fails(['kms', 'encrypt', '--key-id', key['KeyId'], '--plaintext', 'fileb://' + c.file(b'x')], 'DisabledException', 'Encrypt')
    c.aws('kms', 'enable-key', '--key-id', key['KeyId'], json_out=False)


@check('aws kms errors: NotFoundException; wrong secret InvalidSignatureException')
def _(c):
    c.fails(['kms', 'describe-key', '--key-id', 'alias/does-not-exist'], 'NotFoundException', 'DescribeKey')
    c.fails(['kms', 'list-aliases'], 'InvalidSignatureException', 'ListAliases', env={'AWS_SECRET_ACCESS_KEY': 'wrong'})


# ---------------------------------------------------------------------------------------------------------- Textract
@check('aws textract start-document-text-detection and get-document-text-detection')
def _(c):
    location = c.upload_sample('txt')
    job_id = c.aws('textract', 'start-document-text-detection', '--document-location', json.dumps({'S3Object': location}))['JobId']
    done = c.wait_for_job(['textract', 'get-document-text-detection', '--job-id', job_id, '--max-results', '1000'])
    ok(any(b['BlockType'] == 'LINE' for b in done['Blocks']), 'LINE blocks')


@check('aws textract start-document-analysis and get-document-analysis')
def _(c):
    location = c.upload_sample('ana')
    job_id = c.aws('textract', 'start-document-analysis', '--document-location', json.dumps({'S3Object': location}),
                   '--feature-types', 'TABLES', 'FORMS')['JobId']
    done = c.wait_for_job(['textract', 'get-document-analysis', '--job-id', job_id, '--max-results', '1000'])
    ok(any(b['BlockType'] == 'TABLE' for b in done['Blocks']), 'TABLE blocks')


@check('aws textract start-expense-analysis, get-expense-analysis, start-lending-analysis, get-lending-analysis-summary')
def _(c):
    location = c.upload_sample('exp')
    job_id = c.aws('textract', 'start-expense-analysis', '--document-location', json.dumps({'S3Object': location}))['JobId']
    done = c.wait_for_job(['textract', 'get-expense-analysis', '--job-id', job_id, '--max-results', '20'])
    ok(any(f['Type']['Text'] == 'TOTAL' for d in done['ExpenseDocuments'] for f in d['SummaryFields']), 'a TOTAL summary field')
    job_id = c.aws('textract', 'start-lending-analysis', '--document-location', json.dumps({'S3Object': location}))['JobId']
    done = c.wait_for_job(['textract', 'get-lending-analysis', '--job-id', job_id, '--max-results', '30'])
    ok(all(r['PageClassification']['PageType'][0]['Value'] for r in done['Results']), 'every result classified')
    ok(c.aws('textract', 'get-lending-analysis-summary', '--job-id', job_id)['Summary']['DocumentGroups'], 'document groups')


@check('aws textract errors: InvalidJobIdException; wrong secret InvalidSignatureException')
def _(c):
    c.fails(['textract', 'get-document-analysis', '--job-id', 'a' * 64], 'InvalidJobIdException', 'GetDocumentAnalysis')
    c.fails(['textract', 'get-document-analysis', '--job-id', 'a' * 64], 'InvalidSignatureException', 'GetDocumentAnalysis',
            env={'AWS_SECRET_ACCESS_KEY': 'wrong'})


# --------------------------------------------------------------------------------------------------------------- SQS
@check('aws sqs create-queue, get-queue-url, list-queues, get-queue-attributes, send, receive, delete, purge, delete-queue')
def _(c):
    queue = c.name('q')
    url = c.aws('sqs', 'create-queue', '--queue-name', queue, '--attributes', 'VisibilityTimeout=45')['QueueUrl']
    eq(c.aws('sqs', 'get-queue-url', '--queue-name', queue)['QueueUrl'], url, 'get-queue-url')
    eq(c.aws('sqs', 'list-queues', '--queue-name-prefix', queue)['QueueUrls'], [url], 'list-queues')
    eq(c.aws('sqs', 'get-queue-attributes', '--queue-url', url, '--attribute-names', 'All')['Attributes']['VisibilityTimeout'], '45', 'attributes')
    sent = c.aws('sqs', 'send-message', '--queue-url', url, '--message-body', 'a <message> & more')
    received = c.aws('sqs', 'receive-message', '--queue-url', url, '--wait-time-seconds', '1', '--attribute-names', 'All')['Messages']
    eq([(m['MessageId'], m['Body']) for m in received], [(sent['MessageId'], 'a <message> & more')], 'received')
    c.aws('sqs', 'change-message-visibility', '--queue-url', url, '--receipt-handle', received[0]['ReceiptHandle'], '--visibility-timeout', '0',
          json_out=False)
    again = c.aws('sqs', 'receive-message', '--queue-url', url, '--wait-time-seconds', '1')['Messages']
    c.aws('sqs', 'delete-message', '--queue-url', url, '--receipt-handle', again[0]['ReceiptHandle'], json_out=False)
    c.aws('sqs', 'purge-queue', '--queue-url', url, json_out=False)
    c.aws('sqs', 'delete-queue', '--queue-url', url, json_out=False)
    eq(c.aws('sqs', 'list-queues', '--queue-name-prefix', queue).get('QueueUrls', []), [], 'queues left')


@check('aws sqs errors: AWS.SimpleQueueService.NonExistentQueue; wrong secret refused')
def _(c):
    c.fails(['sqs', 'get-queue-url', '--queue-name', c.name('none')], 'AWS.SimpleQueueService.NonExistentQueue', 'GetQueueUrl')
    error = c.fails(['sqs', 'list-queues'], None, 'ListQueues', env={'AWS_SECRET_ACCESS_KEY': 'wrong'})
    ok('SignatureDoesNotMatch' in error or 'InvalidSignatureException' in error, f'a signature error: {error}')


# --------------------------------------------------------------------------------------------------------------- SNS
@check('aws sns create-topic, subscribe, list-subscriptions-by-topic, publish to a queue, unsubscribe, delete-topic')
def _(c):
    topic = c.aws('sns', 'create-topic', '--name', c.name('t'))['TopicArn']
    url = c.aws('sqs', 'create-queue', '--queue-name', c.name('tq'))['QueueUrl']
    queue_arn = c.aws('sqs', 'get-queue-attributes', '--queue-url', url, '--attribute-names', 'QueueArn')['Attributes']['QueueArn']
    subscription = c.aws('sns', 'subscribe', '--topic-arn', topic, '--protocol', 'sqs', '--notification-endpoint', queue_arn)['SubscriptionArn']
    ok(any(t['TopicArn'] == topic for t in c.aws('sns', 'list-topics')['Topics']), 'list-topics')
    eq([s['SubscriptionArn'] for s in c.aws('sns', 'list-subscriptions-by-topic', '--topic-arn', topic)['Subscriptions']], [subscription], 'subs')
    message_id = c.aws('sns', 'publish', '--topic-arn', topic, '--message', 'hello')['MessageId']
    body = json.loads(c.aws('sqs', 'receive-message', '--queue-url', url, '--wait-time-seconds', '2')['Messages'][0]['Body'])
    eq((body['MessageId'], body['Message']), (message_id, 'hello'), 'SNS envelope')
    c.aws('sns', 'unsubscribe', '--subscription-arn', subscription, json_out=False)
    c.aws('sns', 'delete-topic', '--topic-arn', topic, json_out=False)


@check('aws sns errors: NotFound; wrong secret SignatureDoesNotMatch')
def _(c):
    c.fails(['sns', 'publish', '--topic-arn', f'arn:aws:sns:{c.region}:000000000000:{c.name("none")}', '--message', 'x'], 'NotFound', 'Publish')
    c.fails(['sns', 'list-topics'], 'SignatureDoesNotMatch', 'ListTopics', env={'AWS_SECRET_ACCESS_KEY': 'wrong'})


# ------------------------------------------------------------------------------------------------------------ runner
class Skip(Exception):
    """A check that cannot run with this client, with the reason."""


def md5(data):
    return hashlib.md5(data).hexdigest()


def multipart_etag(parts):
    return '"' + md5(b''.join(hashlib.md5(p).digest() for p in parts)) + f'-{len(parts)}"'


def read(path):
    with open(path, 'rb') as f:
        return f.read()


def ok(condition, what):
    if not condition:
        raise AssertionError(what)


def eq(actual, expected, what):
    if actual != expected:
        raise AssertionError(f'{what}: expected {expected!r}, got {actual!r}')


class Context:
    def __init__(self, aws, folder):
        self.executable = aws
        self.folder = folder
        self.endpoint = os.environ['CONFORMANCE_ENDPOINT']
        self.region = os.environ.get('AWS_REGION', 'us-east-1')
        self.run_id = secrets.token_hex(3)
        self.counter = 0
        # Nothing from the user's own configuration: only the endpoint's credentials, no pager, no retries.
        self.env = {k: v for k, v in os.environ.items() if not k.startswith('AWS_')}
        self.env.update({
            'AWS_ACCESS_KEY_ID': os.environ['AWS_ACCESS_KEY_ID'], 'AWS_SECRET_ACCESS_KEY': os.environ['AWS_SECRET_ACCESS_KEY'],
            'AWS_DEFAULT_REGION': self.region, 'AWS_REGION': self.region, 'AWS_PAGER': '', 'AWS_MAX_ATTEMPTS': '1',
            'AWS_CONFIG_FILE': os.path.join(folder, 'no-config'), 'AWS_SHARED_CREDENTIALS_FILE': os.path.join(folder, 'no-credentials'),
        })

    def name(self, what):
        self.counter += 1
        return f'cf-cli-{self.run_id}-{what}-{self.counter}'

    def path(self, name):
        return os.path.join(self.folder, f'{self.counter}-{name}')

    def file(self, data):
        self.counter += 1
        path = self.path('data')
        with open(path, 'wb') as f:
            f.write(data)
        return path

    def run(self, args, env=None):
        environment = dict(self.env, **(env or {}))
        command = [self.executable, '--endpoint-url', self.endpoint, *args]
        return subprocess.run(command, capture_output=True, env=environment, timeout=120, check=False)

    def aws(self, *args, json_out=None, env=None):
        """Runs a command that must succeed; its JSON answer parsed (the high-level `aws s3` commands print text)."""
        if json_out is None:
            json_out = args[0] != 's3'
        answer = self.run(list(args), env)
        if answer.returncode != 0:
            raise AssertionError(f'aws {" ".join(args)} exited {answer.returncode}: {answer.stderr.decode(errors="replace").strip()}')
        text = answer.stdout.decode()
        return (json.loads(text) if text.strip() else {}) if json_out else text

    def fails(self, args, code, operation, message=None, env=None):
        """Runs a command that must fail; compares the line the CLI prints: 'An error occurred (CODE) when calling the OP operation: MSG'."""
        answer = self.run(args, env)
        stderr = answer.stderr.decode(errors='replace').strip()
        ok(answer.returncode != 0, f'aws {" ".join(args)} succeeded')
        found = re.search(r'An error occurred \(([^)]*)\) when calling the (\w+) operation(?: \([^)]*\))?: (.*)', stderr)
        ok(found, f'no "An error occurred" line in: {stderr}')
        if code is not None:
            eq(found.group(1), code, 'error code')
        eq(found.group(2), operation, 'operation')
        if message is not None:
            eq(found.group(3).strip(), message, 'error message')
        return stderr

    def new_bucket(self, what):
        bucket = self.name(what)
        self.aws('s3api', 'create-bucket', '--bucket', bucket)
        return bucket

    def new_key(self):
        return self.aws('kms', 'create-key', '--description', 'conformance')['KeyMetadata']

    def upload_sample(self, what):
        bucket = self.new_bucket(what)
        self.aws('s3', 'cp', os.environ['CONFORMANCE_SAMPLE_PDF'], f's3://{bucket}/sample.pdf')
        return {'Bucket': bucket, 'Name': 'sample.pdf'}

    def wait_for_job(self, args):
        for _ in range(120):
            answer = self.aws(*args)
            if answer['JobStatus'] != 'IN_PROGRESS':
                eq(answer['JobStatus'], 'SUCCEEDED', 'JobStatus')
                return answer
            time.sleep(0.5)
        raise AssertionError('the job is still IN_PROGRESS after 60 s')


def main():
    if '--list' in sys.argv:
        print(json.dumps([name for name, _ in CHECKS]))
        return
    aws = sys.argv[sys.argv.index('--aws') + 1]
    out = sys.argv[sys.argv.index('--out') + 1]
    results = []
    with tempfile.TemporaryDirectory() as folder:
        context = Context(aws, folder)
        for name, run in CHECKS:
            started = time.monotonic()
            try:
                run(context)
                results.append({'name': name, 'outcome': 'passed', 'message': ''})
            except Skip as reason:
                results.append({'name': name, 'outcome': 'skipped', 'message': str(reason)})
            except Exception:  # noqa: BLE001 - every failure is reported, none stops the run
                results.append({'name': name, 'outcome': 'failed', 'message': traceback.format_exc()})
            print(f'{results[-1]["outcome"]:7} {name} ({(time.monotonic() - started) * 1000:.0f} ms)', file=sys.stderr)
    with open(out, 'w', encoding='utf-8') as f:
        json.dump(results, f, indent=1)


if __name__ == '__main__':
    main()
