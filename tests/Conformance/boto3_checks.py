"""Conformance checks of the local endpoint with boto3 (Debian's python3-boto3 where installed), a client nobody in
this project wrote.

    python3 boto3_checks.py --list          prints the check names (JSON array); needs no boto3
    python3 boto3_checks.py --out FILE      runs every check and writes [{name, outcome, message}] to FILE

The environment is the one checks.mjs reads (see there); tests/Pester/Conformance.Tests.ps1 sets it. boto3 before
1.34 speaks SQS's query protocol, later ones JSON 1.0: the SQS checks run in whichever the installed boto3 speaks.
"""
import concurrent.futures
import hashlib
import json
import os
import secrets
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
@check('S3 bucket lifecycle: create_bucket, head_bucket, get_bucket_location, list_buckets, delete_bucket')
def _(c):
    bucket = c.name('life')
    c.s3.create_bucket(Bucket=bucket)
    c.s3.head_bucket(Bucket=bucket)
    location = c.s3.get_bucket_location(Bucket=bucket)['LocationConstraint']
    ok(location in (None, c.region), f'LocationConstraint {location}')
    ok(any(b['Name'] == bucket for b in c.s3.list_buckets()['Buckets']), 'list_buckets names the bucket')
    c.s3.delete_bucket(Bucket=bucket)
    c.rejects(lambda: c.s3.head_bucket(Bucket=bucket), 404, '404')


@check('S3 create_bucket errors: BucketAlreadyOwnedByYou, InvalidBucketName, BucketNotEmpty')
def _(c):
    bucket = c.new_bucket('errs')
    c.rejects(lambda: c.s3.create_bucket(Bucket=bucket), 409, 'BucketAlreadyOwnedByYou')
    c.s3.put_object(Bucket=bucket, Key='k', Body=b'x')
    c.rejects(lambda: c.s3.delete_bucket(Bucket=bucket), 409, 'BucketNotEmpty')


@check('S3 put_object and get_object round-trip body, content type, metadata and ETag')
def _(c):
    bucket = c.new_bucket('rt')
    body = b'hello, conformance'
    put = c.s3.put_object(Bucket=bucket, Key='dir/a b+c.txt', Body=body, ContentType='text/plain', Metadata={'origin': 'py'})
    eq(put['ETag'], f'"{md5(body)}"', 'put_object ETag')
    get = c.s3.get_object(Bucket=bucket, Key='dir/a b+c.txt')
    eq(get['Body'].read(), body, 'body')
    eq(get['ContentType'], 'text/plain', 'ContentType')
    eq(get['Metadata'].get('origin'), 'py', 'metadata')
    eq(get['ETag'], put['ETag'], 'get_object ETag')


@check('S3 head_object and ranged get_object')
def _(c):
    bucket = c.new_bucket('range')
    c.s3.put_object(Bucket=bucket, Key='r.txt', Body=b'0123456789')
    eq(c.s3.head_object(Bucket=bucket, Key='r.txt')['ContentLength'], 10, 'ContentLength')
    part = c.s3.get_object(Bucket=bucket, Key='r.txt', Range='bytes=2-5')
    eq(part['Body'].read(), b'2345', 'ranged body')
    eq(part['ContentRange'], 'bytes 2-5/10', 'ContentRange')


@check('S3 missing object and bucket: NoSuchKey, NoSuchBucket, head_object 404')
def _(c):
    bucket = c.new_bucket('missing')
    c.rejects(lambda: c.s3.get_object(Bucket=bucket, Key='absent'), 404, 'NoSuchKey', 'The specified key does not exist.')
    c.rejects(lambda: c.s3.get_object(Bucket=c.name('nobucket'), Key='k'), 404, 'NoSuchBucket', 'The specified bucket does not exist')
    c.rejects(lambda: c.s3.head_object(Bucket=bucket, Key='absent'), 404, '404', 'Not Found')


@check('S3 copy_object, delete_object and delete_objects')
def _(c):
    bucket = c.new_bucket('copy')
    c.s3.put_object(Bucket=bucket, Key='src', Body=b'copied')
    copy = c.s3.copy_object(Bucket=bucket, Key='dst', CopySource={'Bucket': bucket, 'Key': 'src'})
    eq(copy['CopyObjectResult']['ETag'], f'"{md5(b"copied")}"', 'copy ETag')
    c.s3.delete_object(Bucket=bucket, Key='src')
    deleted = c.s3.delete_objects(Bucket=bucket, Delete={'Objects': [{'Key': 'dst'}, {'Key': 'never-was'}]})
    eq(sorted(d['Key'] for d in deleted['Deleted']), ['dst', 'never-was'], 'Deleted')
    eq(c.s3.list_objects_v2(Bucket=bucket)['KeyCount'], 0, 'KeyCount after deleting everything')


@check('S3 list_objects_v2 paginator with prefix and delimiter; list_objects with marker')
def _(c):
    bucket = c.new_bucket('list')
    for key in ['a/1', 'a/2', 'a/3', 'b/1', 'top']:
        c.s3.put_object(Bucket=bucket, Key=key, Body=key.encode())
    folders = c.s3.list_objects_v2(Bucket=bucket, Delimiter='/')
    eq([p['Prefix'] for p in folders['CommonPrefixes']], ['a/', 'b/'], 'CommonPrefixes')
    keys = [o['Key'] for page in c.s3.get_paginator('list_objects_v2').paginate(Bucket=bucket, Prefix='a/', PaginationConfig={'PageSize': 2})
            for o in page.get('Contents', [])]
    eq(keys, ['a/1', 'a/2', 'a/3'], 'keys over pages')
    eq([o['Key'] for o in c.s3.list_objects(Bucket=bucket, Marker='a/3')['Contents']], ['b/1', 'top'], 'list_objects after the marker')


@check('S3 SSE-KMS put_object and head_object report aws:kms and the key')
def _(c):
    bucket = c.new_bucket('kms')
    key = c.new_key()
    put = c.s3.put_object(Bucket=bucket, Key='secret', Body=b'x', ServerSideEncryption='aws:kms', SSEKMSKeyId=key['Arn'])
    eq(put['ServerSideEncryption'], 'aws:kms', 'ServerSideEncryption')
    head = c.s3.head_object(Bucket=bucket, Key='secret')
    eq(head['SSEKMSKeyId'], key['Arn'], 'SSEKMSKeyId')


@check('S3 presigned GET URL is served, and refused once tampered with')
def _(c):
    bucket = c.new_bucket('presign')
    c.s3.put_object(Bucket=bucket, Key='p.txt', Body=b'presigned')
    url = c.s3.generate_presigned_url('get_object', Params={'Bucket': bucket, 'Key': 'p.txt'}, ExpiresIn=300)
    with urllib.request.urlopen(url) as answer:
        eq(answer.read(), b'presigned', 'presigned body')
    try:
        urllib.request.urlopen(url.replace('p.txt', 'q.txt'))
        raise AssertionError('a tampered presigned URL was served')
    except urllib.error.HTTPError as e:
        eq(e.code, 403, 'status of a tampered presigned URL')
        ok(b'<Code>SignatureDoesNotMatch</Code>' in e.read(), 'SignatureDoesNotMatch in the body')


@check('S3 upload_file and download_file of 9 MiB (s3transfer multipart upload, ranged download)')
def _(c):
    bucket = c.new_bucket('xfer')
    data = os.urandom(9 * MIB)
    with tempfile.TemporaryDirectory() as folder:
        source, target = os.path.join(folder, 'in.bin'), os.path.join(folder, 'out.bin')
        with open(source, 'wb') as f:
            f.write(data)
        c.s3.upload_file(source, bucket, 'big.bin')
        head = c.s3.head_object(Bucket=bucket, Key='big.bin')
        eq(head['ETag'], multipart_etag([data[:8 * MIB], data[8 * MIB:]]), 'ETag of the multipart object')
        c.s3.download_file(bucket, 'big.bin', target)
        with open(target, 'rb') as f:
            eq(md5(f.read()), md5(data), 'MD5 of the downloaded file')


@check('S3 managed copy of 9 MiB (s3transfer multipart copy with upload_part_copy)')
def _(c):
    bucket = c.new_bucket('mcopy')
    data = os.urandom(9 * MIB)
    c.s3.put_object(Bucket=bucket, Key='src.bin', Body=data)
    c.s3.copy({'Bucket': bucket, 'Key': 'src.bin'}, bucket, 'dst.bin')
    head = c.s3.head_object(Bucket=bucket, Key='dst.bin')
    eq(head['ContentLength'], len(data), 'size of the copy')
    ok(head['ETag'].endswith('-2"'), f'a two-part ETag ({head["ETag"]})')
    eq(md5(c.s3.get_object(Bucket=bucket, Key='dst.bin')['Body'].read()), md5(data), 'MD5 of the copy')


@check('S3 conditional put_object If-None-Match: * creates once, then 412 PreconditionFailed')
def _(c):
    bucket = c.new_bucket('inm')
    first = c.conditional_put(Bucket=bucket, Key='once', Body=b'first', IfNoneMatch='*')
    eq(first['ETag'], f'"{md5(b"first")}"', 'ETag of the create')
    c.rejects(lambda: c.conditional_put(Bucket=bucket, Key='once', Body=b'second', IfNoneMatch='*'), 412, 'PreconditionFailed',
              'At least one of the pre-conditions you specified did not hold')
    eq(c.s3.get_object(Bucket=bucket, Key='once')['Body'].read(), b'first', 'the object keeps the first body')


@check('S3 conditional put_object If-Match replaces only the current ETag; absent key is 404 NoSuchKey')
def _(c):
    bucket = c.new_bucket('im')
    v1 = c.s3.put_object(Bucket=bucket, Key='k', Body=b'v1')
    c.conditional_put(Bucket=bucket, Key='k', Body=b'v2', IfMatch=v1['ETag'])
    c.rejects(lambda: c.conditional_put(Bucket=bucket, Key='k', Body=b'v3', IfMatch=v1['ETag']), 412, 'PreconditionFailed')
    c.rejects(lambda: c.conditional_put(Bucket=bucket, Key='absent', Body=b'x', IfMatch=v1['ETag']), 404, 'NoSuchKey')


@check('S3 concurrent conditional creates of one key from 12 threads: exactly one wins')
def _(c):
    bucket = c.new_bucket('race')

    def attempt(i):
        try:
            return c.conditional_put(Bucket=bucket, Key='claim', Body=f'writer {i}'.encode(), IfNoneMatch='*')['ETag']
        except c.ClientError as e:
            status, code = e.response['ResponseMetadata']['HTTPStatusCode'], e.response['Error']['Code']
            ok((status, code) in ((412, 'PreconditionFailed'), (409, 'ConditionalRequestConflict')), f'a losing writer got {status} {code}')
            return None

    with concurrent.futures.ThreadPoolExecutor(12) as pool:
        winners = [etag for etag in pool.map(attempt, range(12)) if etag]
    eq(len(winners), 1, 'number of successful conditional creates')
    eq(c.s3.head_object(Bucket=bucket, Key='claim')['ETag'], winners[0], 'the stored object is the winner\'s')


@check('S3 multipart by hand: create, upload_part, list_parts, list_multipart_uploads, complete; errors; abort')
def _(c):
    bucket = c.new_bucket('mph')
    upload_id = c.s3.create_multipart_upload(Bucket=bucket, Key='doc.pdf', ContentType='application/pdf')['UploadId']
    parts = [os.urandom(5 * MIB), b'tail']
    etags = [c.s3.upload_part(Bucket=bucket, Key='doc.pdf', UploadId=upload_id, PartNumber=i + 1, Body=p)['ETag'] for i, p in enumerate(parts)]
    eq(etags, [f'"{md5(p)}"' for p in parts], 'part ETags')
    listed = c.s3.list_parts(Bucket=bucket, Key='doc.pdf', UploadId=upload_id)['Parts']
    eq([(p['PartNumber'], p['Size']) for p in listed], [(1, 5 * MIB), (2, 4)], 'list_parts')
    uploads = c.s3.list_multipart_uploads(Bucket=bucket)['Uploads']
    eq([(u['Key'], u['UploadId']) for u in uploads], [('doc.pdf', upload_id)], 'list_multipart_uploads')
    c.rejects(lambda: c.s3.complete_multipart_upload(Bucket=bucket, Key='doc.pdf', UploadId=upload_id, MultipartUpload={'Parts': [
        {'PartNumber': 2, 'ETag': etags[1]}, {'PartNumber': 1, 'ETag': etags[0]}]}), 400, 'InvalidPartOrder')
    c.rejects(lambda: c.s3.complete_multipart_upload(Bucket=bucket, Key='doc.pdf', UploadId=upload_id, MultipartUpload={'Parts': [
        {'PartNumber': 1, 'ETag': etags[1]}]}), 400, 'InvalidPart')
    done = c.s3.complete_multipart_upload(Bucket=bucket, Key='doc.pdf', UploadId=upload_id, MultipartUpload={'Parts': [
        {'PartNumber': i + 1, 'ETag': e} for i, e in enumerate(etags)]})
    eq(done['ETag'], multipart_etag(parts), 'complete ETag')
    eq(c.s3.head_object(Bucket=bucket, Key='doc.pdf')['ContentType'], 'application/pdf', 'content type of the object')
    small = c.s3.create_multipart_upload(Bucket=bucket, Key='small')['UploadId']
    small_etags = [c.s3.upload_part(Bucket=bucket, Key='small', UploadId=small, PartNumber=n, Body=b'tiny')['ETag'] for n in (1, 2)]
    c.rejects(lambda: c.s3.complete_multipart_upload(Bucket=bucket, Key='small', UploadId=small, MultipartUpload={'Parts': [
        {'PartNumber': n, 'ETag': e} for n, e in zip((1, 2), small_etags)]}), 400, 'EntityTooSmall',
        'Your proposed upload is smaller than the minimum allowed size')
    c.s3.abort_multipart_upload(Bucket=bucket, Key='small', UploadId=small)
    c.rejects(lambda: c.s3.list_parts(Bucket=bucket, Key='small', UploadId=small), 404, 'NoSuchUpload')


@check('S3 multipart with SSE-KMS (upload_file ExtraArgs): the object is aws:kms under the key')
def _(c):
    bucket = c.new_bucket('mpk')
    key = c.new_key()
    with tempfile.NamedTemporaryFile() as f:
        f.write(os.urandom(9 * MIB))
        f.flush()
        c.s3.upload_file(f.name, bucket, 'enc.bin', ExtraArgs={'ServerSideEncryption': 'aws:kms', 'SSEKMSKeyId': key['Arn']})
    head = c.s3.head_object(Bucket=bucket, Key='enc.bin')
    eq(head['ServerSideEncryption'], 'aws:kms', 'ServerSideEncryption')
    eq(head['SSEKMSKeyId'], key['Arn'], 'SSEKMSKeyId')
    ok(head['ETag'].endswith('-2"'), f'a two-part ETag ({head["ETag"]})')


@check('S3 signatures: a wrong secret is SignatureDoesNotMatch, an unknown key id InvalidAccessKeyId; policy AccessDenied')
def _(c):
    bucket = c.new_bucket('sig')
    c.rejects(lambda: c.client('s3', secret='wrong-secret').put_object(Bucket=bucket, Key='k', Body=b'x'), 403, 'SignatureDoesNotMatch')
    c.rejects(lambda: c.client('s3', access_key='AKIDNOTKNOWNHERE').list_objects_v2(Bucket=bucket), 403, 'InvalidAccessKeyId',
              'The AWS Access Key Id you provided does not exist in our records.')
    c.rejects(lambda: c.limited('s3').put_object(Bucket=bucket, Key='k', Body=b'x'), 403, 'AccessDenied')


# --------------------------------------------------------------------------------------------------------------- KMS
@check('KMS create_key, describe_key, create_alias, list_aliases, disable_key, enable_key')
def _(c):
    key = c.new_key()
    alias = 'alias/' + c.name('alias')
    c.kms.create_alias(AliasName=alias, TargetKeyId=key['KeyId'])
    eq(c.kms.describe_key(KeyId=alias)['KeyMetadata']['KeyId'], key['KeyId'], 'describe_key by alias')
    eq([a['AliasName'] for a in c.kms.list_aliases(KeyId=key['KeyId'])['Aliases']], [alias], 'list_aliases')
    c.kms.disable_key(KeyId=key['KeyId'])
    c.rejects(lambda: c.kms.encrypt(KeyId=key['KeyId'], Plaintext=b'x'), 400, 'DisabledException')
    c.kms.enable_key(KeyId=key['KeyId'])
    c.kms.encrypt(KeyId=key['KeyId'], Plaintext=b'x')


@check('KMS encrypt, decrypt, generate_data_key, generate_data_key_without_plaintext')
def _(c):
    key = c.new_key()
    blob = c.kms.encrypt(KeyId=key['Arn'], Plaintext=b'round trip', EncryptionContext={'p': 'q'})['CiphertextBlob']
    eq(c.kms.decrypt(CiphertextBlob=blob, EncryptionContext={'p': 'q'})['Plaintext'], b'round trip', 'decrypt')
    data_key = c.kms.generate_data_key(KeyId=key['Arn'], KeySpec='AES_256')
    eq(len(data_key['Plaintext']), 32, 'data key length')
    eq(c.kms.decrypt(CiphertextBlob=data_key['CiphertextBlob'])['Plaintext'], data_key['Plaintext'], 'decrypted data key')
    ok('Plaintext' not in c.kms.generate_data_key_without_plaintext(KeyId=key['Arn'], NumberOfBytes=16), 'no plaintext')


@check('KMS errors: NotFoundException, InvalidCiphertextException')
def _(c):
    c.rejects(lambda: c.kms.describe_key(KeyId='alias/does-not-exist'), 400, 'NotFoundException')
    c.rejects(lambda: c.kms.decrypt(CiphertextBlob=b'not a ciphertext at all'), 400, 'InvalidCiphertextException')


@check('KMS signatures: wrong secret InvalidSignatureException, unknown key id UnrecognizedClientException; policy AccessDeniedException')
def _(c):
    c.rejects(lambda: c.client('kms', secret='wrong-secret').list_aliases(), 400, 'InvalidSignatureException')
    c.rejects(lambda: c.client('kms', access_key='AKIDNOTKNOWNHERE').list_aliases(), 400, 'UnrecognizedClientException')
    key = c.new_key()
    c.rejects(lambda: c.limited('kms').encrypt(KeyId=key['Arn'], Plaintext=b'x'), 400, 'AccessDeniedException')


# ---------------------------------------------------------------------------------------------------------- Textract
@check('Textract start_document_text_detection and get_document_text_detection until SUCCEEDED')
def _(c):
    job_id = c.textract.start_document_text_detection(DocumentLocation={'S3Object': c.upload_sample('txt')})['JobId']
    done = c.wait_for_job(lambda: c.textract.get_document_text_detection(JobId=job_id))
    eq(done['JobStatus'], 'SUCCEEDED', 'JobStatus')
    ok(any(b['BlockType'] == 'LINE' and b.get('Text') for b in done['Blocks']), 'LINE blocks with text')


@check('Textract start_document_analysis, get_document_analysis pages, ClientRequestToken')
def _(c):
    start = dict(DocumentLocation={'S3Object': c.upload_sample('ana')}, FeatureTypes=['TABLES', 'FORMS'], ClientRequestToken=c.name('tok'))
    job_id = c.textract.start_document_analysis(**start)['JobId']
    eq(c.textract.start_document_analysis(**start)['JobId'], job_id, 'JobId of a repeated start with the same token')
    c.wait_for_job(lambda: c.textract.get_document_analysis(JobId=job_id, MaxResults=1))
    pages, token = 0, None
    while True:
        page = c.textract.get_document_analysis(JobId=job_id, MaxResults=50, **({'NextToken': token} if token else {}))
        pages += 1
        token = page.get('NextToken')
        if not token or pages > 1000:
            break
    ok(pages > 1, 'more than one page of 50 blocks')


@check('Textract start_expense_analysis, get_expense_analysis pages, OutputConfig under KMS')
def _(c):
    out, key = c.new_bucket('expout'), c.new_key()
    job_id = c.textract.start_expense_analysis(DocumentLocation={'S3Object': c.upload_sample('exp')},
                                               OutputConfig={'S3Bucket': out, 'S3Prefix': 'expense'}, KMSKeyId=key['Arn'])['JobId']
    first = c.wait_for_job(lambda: c.textract.get_expense_analysis(JobId=job_id, MaxResults=1))
    eq(len(first['ExpenseDocuments']), 1, 'expense documents in a page of MaxResults 1')
    rest = c.textract.get_expense_analysis(JobId=job_id, NextToken=first['NextToken'])
    fields = [f for d in first['ExpenseDocuments'] + rest['ExpenseDocuments'] for f in d['SummaryFields']]
    ok(any(f['Type']['Text'] == 'TOTAL' for f in fields), 'a TOTAL summary field')
    eq(c.s3.head_object(Bucket=out, Key=f'expense/{job_id}/1')['SSEKMSKeyId'], key['Arn'], 'output object key')


@check('Textract start_lending_analysis, get_lending_analysis, get_lending_analysis_summary')
def _(c):
    job_id = c.textract.start_lending_analysis(DocumentLocation={'S3Object': c.upload_sample('lend')})['JobId']
    done = c.wait_for_job(lambda: c.textract.get_lending_analysis(JobId=job_id))
    ok(all(r['PageClassification']['PageType'][0]['Value'] for r in done['Results']), 'every result classified')
    ok(c.textract.get_lending_analysis_summary(JobId=job_id)['Summary']['DocumentGroups'], 'document groups in the summary')
    c.rejects(lambda: c.textract.get_expense_analysis(JobId=job_id), 400, 'InvalidJobIdException')


@check('Textract errors: InvalidJobIdException, InvalidS3ObjectException')
def _(c):
    c.rejects(lambda: c.textract.get_document_text_detection(JobId='a' * 64), 400, 'InvalidJobIdException')
    bucket = c.new_bucket('txerr')
    c.rejects(lambda: c.textract.start_document_text_detection(DocumentLocation={'S3Object': {'Bucket': bucket, 'Name': 'absent.pdf'}}),
              400, 'InvalidS3ObjectException')


@check('Textract signatures: wrong secret InvalidSignatureException; policy AccessDeniedException')
def _(c):
    c.rejects(lambda: c.client('textract', secret='wrong-secret').get_document_text_detection(JobId='a' * 64), 400, 'InvalidSignatureException')
    c.rejects(lambda: c.limited('textract').get_document_text_detection(JobId='a' * 64), 400, 'AccessDeniedException')


# --------------------------------------------------------------------------------------------------------------- SQS
@check('SQS create_queue, get_queue_url, list_queues, get_queue_attributes, delete_queue')
def _(c):
    queue = c.name('q')
    url = c.sqs.create_queue(QueueName=queue, Attributes={'VisibilityTimeout': '45'})['QueueUrl']
    ok(url.endswith('/' + queue), f'QueueUrl {url}')
    eq(c.sqs.get_queue_url(QueueName=queue)['QueueUrl'], url, 'get_queue_url')
    eq(c.sqs.list_queues(QueueNamePrefix=queue).get('QueueUrls'), [url], 'list_queues')
    attributes = c.sqs.get_queue_attributes(QueueUrl=url, AttributeNames=['All'])['Attributes']
    eq(attributes['VisibilityTimeout'], '45', 'VisibilityTimeout')
    ok(attributes['QueueArn'].endswith(':' + queue), 'QueueArn')
    c.sqs.delete_queue(QueueUrl=url)
    eq(c.sqs.list_queues(QueueNamePrefix=queue).get('QueueUrls', []), [], 'queues left')


@check('SQS send_message, receive_message, change_message_visibility, delete_message, purge_queue')
def _(c):
    url = c.sqs.create_queue(QueueName=c.name('m'))['QueueUrl']
    body = 'message with <xml> & "quotes" ünïcode'
    sent = c.sqs.send_message(QueueUrl=url, MessageBody=body)
    eq(sent['MD5OfMessageBody'], md5(body.encode()), 'MD5OfMessageBody')
    messages = c.sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, WaitTimeSeconds=1, AttributeNames=['All'])['Messages']
    eq([(m['MessageId'], m['Body'], m['Attributes']['ApproximateReceiveCount']) for m in messages], [(sent['MessageId'], body, '1')], 'received')
    c.sqs.change_message_visibility(QueueUrl=url, ReceiptHandle=messages[0]['ReceiptHandle'], VisibilityTimeout=0)
    again = c.sqs.receive_message(QueueUrl=url, WaitTimeSeconds=1)['Messages']
    c.sqs.delete_message(QueueUrl=url, ReceiptHandle=again[0]['ReceiptHandle'])
    c.sqs.send_message(QueueUrl=url, MessageBody='to purge')
    c.sqs.purge_queue(QueueUrl=url)
    eq(c.sqs.receive_message(QueueUrl=url, WaitTimeSeconds=1).get('Messages', []), [], 'messages after delete and purge')


@check('SQS errors: AWS.SimpleQueueService.NonExistentQueue, QueueAlreadyExists, ReceiptHandleIsInvalid')
def _(c):
    c.rejects(lambda: c.sqs.get_queue_url(QueueName=c.name('none')), 400, 'AWS.SimpleQueueService.NonExistentQueue')
    queue = c.name('dup')
    url = c.sqs.create_queue(QueueName=queue)['QueueUrl']
    c.rejects(lambda: c.sqs.create_queue(QueueName=queue, Attributes={'VisibilityTimeout': '99'}), 400, 'QueueAlreadyExists')
    c.rejects(lambda: c.sqs.delete_message(QueueUrl=url, ReceiptHandle='not-a-receipt-handle'), 400, 'ReceiptHandleIsInvalid')


@check('SQS signatures: a wrong secret is refused')
def _(c):
    try:
        c.client('sqs', secret='wrong-secret').list_queues()
        raise AssertionError('the call succeeded')
    except c.ClientError as e:
        ok(e.response['Error']['Code'] in ('SignatureDoesNotMatch', 'InvalidSignatureException'), f'code {e.response["Error"]["Code"]}')


# --------------------------------------------------------------------------------------------------------------- SNS
@check('SNS create_topic, subscribe (sqs), list_topics, list_subscriptions_by_topic, publish, unsubscribe, delete_topic')
def _(c):
    topic = c.sns.create_topic(Name=c.name('t'))['TopicArn']
    url = c.sqs.create_queue(QueueName=c.name('tq'))['QueueUrl']
    queue_arn = c.sqs.get_queue_attributes(QueueUrl=url, AttributeNames=['QueueArn'])['Attributes']['QueueArn']
    subscription = c.sns.subscribe(TopicArn=topic, Protocol='sqs', Endpoint=queue_arn, Attributes={'RawMessageDelivery': 'true'})['SubscriptionArn']
    ok(any(t['TopicArn'] == topic for t in c.sns.list_topics()['Topics']), 'list_topics names the topic')
    eq([s['SubscriptionArn'] for s in c.sns.list_subscriptions_by_topic(TopicArn=topic)['Subscriptions']], [subscription], 'subscriptions')
    c.sns.publish(TopicArn=topic, Message='raw')
    eq(c.sqs.receive_message(QueueUrl=url, WaitTimeSeconds=2)['Messages'][0]['Body'], 'raw', 'raw delivery')
    c.sns.unsubscribe(SubscriptionArn=subscription)
    c.sns.delete_topic(TopicArn=topic)


@check('SNS errors: NotFound, InvalidParameter')
def _(c):
    c.rejects(lambda: c.sns.publish(TopicArn=f'arn:aws:sns:{c.region}:000000000000:{c.name("none")}', Message='x'), 404, 'NotFound')
    topic = c.sns.create_topic(Name=c.name('p'))['TopicArn']
    c.rejects(lambda: c.sns.subscribe(TopicArn=topic, Protocol='carrier-pigeon', Endpoint='x'), 400, 'InvalidParameter')


@check('SNS signatures: wrong secret SignatureDoesNotMatch, unknown key id InvalidClientTokenId')
def _(c):
    c.rejects(lambda: c.client('sns', secret='wrong-secret').list_topics(), 403, 'SignatureDoesNotMatch')
    c.rejects(lambda: c.client('sns', access_key='AKIDNOTKNOWNHERE').list_topics(), 403, 'InvalidClientTokenId')


# ------------------------------------------------------------------------------------------------------------ runner
def md5(data):
    return hashlib.md5(data).hexdigest()


def multipart_etag(parts):
    return '"' + md5(b''.join(hashlib.md5(p).digest() for p in parts)) + f'-{len(parts)}"'


def ok(condition, what):
    if not condition:
        raise AssertionError(what)


def eq(actual, expected, what):
    if actual != expected:
        raise AssertionError(f'{what}: expected {expected!r}, got {actual!r}')


class Context:
    """The clients and helpers every check uses; resources get names unique to this run."""

    def __init__(self):
        import boto3
        import botocore.config
        from botocore.exceptions import ClientError
        self.boto3, self.ClientError = boto3, ClientError
        self.config = botocore.config.Config(retries={'max_attempts': 1, 'mode': 'standard'}, s3={'addressing_style': 'path'})
        self.endpoint = os.environ['CONFORMANCE_ENDPOINT']
        self.region = os.environ.get('AWS_REGION', 'us-east-1')
        self.run_id = secrets.token_hex(3)
        self.counter = 0
        self.s3, self.kms, self.textract, self.sqs, self.sns = (self.client(s) for s in ('s3', 'kms', 'textract', 'sqs', 'sns'))

    def client(self, service, access_key=None, secret=None):
        return self.boto3.client(service, endpoint_url=self.endpoint, region_name=self.region, config=self.config,
                                 aws_access_key_id=access_key or os.environ['AWS_ACCESS_KEY_ID'],
                                 aws_secret_access_key=secret or os.environ['AWS_SECRET_ACCESS_KEY'])

    def limited(self, service):
        return self.client(service, os.environ['CONFORMANCE_LIMITED_ACCESS_KEY'], os.environ['CONFORMANCE_LIMITED_SECRET_KEY'])

    def name(self, what):
        self.counter += 1
        return f'cf-py-{self.run_id}-{what}-{self.counter}'

    def new_bucket(self, what):
        bucket = self.name(what)
        self.s3.create_bucket(Bucket=bucket)
        return bucket

    def new_key(self):
        return self.kms.create_key(Description='conformance')['KeyMetadata']

    def upload_sample(self, what):
        bucket = self.new_bucket(what)
        with open(os.environ['CONFORMANCE_SAMPLE_PDF'], 'rb') as f:
            self.s3.put_object(Bucket=bucket, Key='sample.pdf', Body=f.read(), ContentType='application/pdf')
        return {'Bucket': bucket, 'Name': 'sample.pdf'}

    def wait_for_job(self, get):
        for _ in range(300):
            answer = get()
            if answer['JobStatus'] != 'IN_PROGRESS':
                return answer
            time.sleep(0.2)
        raise AssertionError('the job is still IN_PROGRESS after 60 s')

    def conditional_put(self, **params):
        """put_object with If-None-Match / If-Match: a parameter where this botocore's model has it (2024 on), else the
        header added before signing, as scripts written for older botocore do."""
        members = self.s3.meta.service_model.operation_model('PutObject').input_shape.members
        headers = {}
        for name, header in (('IfNoneMatch', 'If-None-Match'), ('IfMatch', 'If-Match')):
            if name in params and name not in members:
                headers[header] = params.pop(name)
        if not headers:
            return self.s3.put_object(**params)

        def add_headers(request, **_):
            for header, value in headers.items():
                request.headers[header] = value
        # A client of its own: event handlers belong to a client, and checks may write from several threads at once.
        client = self.client('s3')
        client.meta.events.register_first('before-sign.s3.PutObject', add_headers)
        return client.put_object(**params)

    def rejects(self, call, status, code, message=None):
        """Runs a call that must fail; compares what boto3 surfaces: HTTP status, Error.Code, Error.Message."""
        try:
            call()
        except self.ClientError as e:
            got = (e.response['ResponseMetadata']['HTTPStatusCode'], e.response['Error'].get('Code'), e.response['Error'].get('Message'))
            ok(got[0] == status and got[1] == code and (message is None or got[2] == message),
               f'expected {status} {code} {message or ""}, got {got}')
            return e
        raise AssertionError(f'expected {status} {code}, but the call succeeded')


def main():
    if '--list' in sys.argv:
        print(json.dumps([name for name, _ in CHECKS]))
        return
    out = sys.argv[sys.argv.index('--out') + 1]
    context = Context()
    results = []
    for name, run in CHECKS:
        started = time.monotonic()
        try:
            run(context)
            results.append({'name': name, 'outcome': 'passed', 'message': ''})
        except Exception:  # noqa: BLE001 - every failure is reported, none stops the run
            results.append({'name': name, 'outcome': 'failed', 'message': traceback.format_exc()})
        print(f'{results[-1]["outcome"]:7} {name} ({(time.monotonic() - started) * 1000:.0f} ms)', file=sys.stderr)
    with open(out, 'w', encoding='utf-8') as f:
        json.dump(results, f, indent=1)


if __name__ == '__main__':
    main()
