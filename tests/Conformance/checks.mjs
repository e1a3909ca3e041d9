// Conformance checks of the local endpoint with the AWS SDK for JavaScript v3, a client nobody in this project wrote.
//   node checks.mjs --list            prints the check names (JSON array); needs no installed package
//   node checks.mjs --out FILE        runs every check against the endpoint named by the environment (below) and
//                                     writes [{ name, outcome: "passed"|"failed"|"skipped", message }] to FILE
// Environment: CONFORMANCE_ENDPOINT (http://127.0.0.1:PORT/), AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION,
// CONFORMANCE_SAMPLE_PDF (a PDF Textract can read), CONFORMANCE_LIMITED_ACCESS_KEY / _SECRET_KEY (a principal of the
// endpoint's policy file that may do nothing). tests/Pester/Conformance.Tests.ps1 starts the endpoint and sets these.
// Each check makes its own buckets, keys, queues and topics, so checks do not depend on one another's order.
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { Readable } from 'node:stream';

const checks = [];
const check = (name, run) => checks.push({ name, run });

// ---------------------------------------------------------------------------------------------------------------- S3
check('S3 bucket lifecycle: CreateBucket, HeadBucket, GetBucketLocation, ListBuckets, DeleteBucket', async () => {
  const bucket = name('life');
  await s3.send(new S3.CreateBucketCommand({ Bucket: bucket }));
  const head = await s3.send(new S3.HeadBucketCommand({ Bucket: bucket }));
  eq(head.BucketRegion, region, 'HeadBucket BucketRegion');
  const location = await s3.send(new S3.GetBucketLocationCommand({ Bucket: bucket }));
  ok(location.LocationConstraint === undefined || location.LocationConstraint === region, `LocationConstraint ${location.LocationConstraint}`);
  const list = await s3.send(new S3.ListBucketsCommand({}));
  ok(list.Buckets.some((b) => b.Name === bucket), 'ListBuckets names the new bucket');
  await s3.send(new S3.DeleteBucketCommand({ Bucket: bucket }));
  await rejects(s3.send(new S3.HeadBucketCommand({ Bucket: bucket })), { status: 404, name: 'NotFound' });
});

check('S3 CreateBucket errors: BucketAlreadyOwnedByYou, InvalidBucketName, BucketNotEmpty', async () => {
  const bucket = await newBucket('errs');
  await rejects(s3.send(new S3.CreateBucketCommand({ Bucket: bucket })), { status: 409, name: 'BucketAlreadyOwnedByYou' });
  await rejects(s3.send(new S3.CreateBucketCommand({ Bucket: 'Not_A_Valid_Name' })), { status: 400, name: 'InvalidBucketName' });
  await s3.send(new S3.PutObjectCommand({ Bucket: bucket, Key: 'k', Body: 'x' }));
  await rejects(s3.send(new S3.DeleteBucketCommand({ Bucket: bucket })), { status: 409, name: 'BucketNotEmpty' });
});

check('S3 PutObject and GetObject round-trip body, content type, metadata and ETag', async () => {
  const bucket = await newBucket('rt');
  const body = 'hello, conformance';
  const put = await s3.send(new S3.PutObjectCommand({
    Bucket: bucket, Key: 'dir/a b+c.txt', Body: body, ContentType: 'text/plain', Metadata: { origin: 'js' },
  }));
  eq(put.ETag, `"${md5(body)}"`, 'PutObject ETag');
  const get = await s3.send(new S3.GetObjectCommand({ Bucket: bucket, Key: 'dir/a b+c.txt' }));
  eq(await get.Body.transformToString(), body, 'body');
  eq(get.ContentType, 'text/plain', 'ContentType');
  eq(get.Metadata.origin, 'js', 'metadata');
  eq(get.ETag, put.ETag, 'GetObject ETag');
  eq(get.ContentLength, body.length, 'ContentLength');
});

check('S3 PutObject of a stream (aws-chunked body with a CRC32 trailer)', async () => {
  const bucket = await newBucket('chunk');
  const data = randomBytes(300 * 1024);
  await s3.send(new S3.PutObjectCommand({ Bucket: bucket, Key: 'stream.bin', Body: Readable.from([data.subarray(0, 100000), data.subarray(100000)]), ContentLength: data.length }));
  const get = await s3.send(new S3.GetObjectCommand({ Bucket: bucket, Key: 'stream.bin' }));
  eq(md5(Buffer.from(await get.Body.transformToByteArray())), md5(data), 'MD5 of the stored bytes');
});

check('S3 HeadObject and ranged GetObject', async () => {
  const bucket = await newBucket('range');
  await s3.send(new S3.PutObjectCommand({ Bucket: bucket, Key: 'r.txt', Body: '0123456789' }));
  const head = await s3.send(new S3.HeadObjectCommand({ Bucket: bucket, Key: 'r.txt' }));
  eq(head.ContentLength, 10, 'HeadObject ContentLength');
  ok(head.LastModified instanceof Date, 'HeadObject LastModified is a date');
  const part = await s3.send(new S3.GetObjectCommand({ Bucket: bucket, Key: 'r.txt', Range: 'bytes=2-5' }));
  eq(await part.Body.transformToString(), '2345', 'ranged body');
  eq(part.ContentRange, 'bytes 2-5/10', 'ContentRange');
  eq(part.$metadata.httpStatusCode, 206, 'status of a ranged GET');
});

check('S3 missing object and bucket: NoSuchKey, NoSuchBucket, HeadObject 404 NotFound', async () => {
  const bucket = await newBucket('missing');
  await rejects(s3.send(new S3.GetObjectCommand({ Bucket: bucket, Key: 'absent' })),
    { status: 404, name: 'NoSuchKey', message: 'The specified key does not exist.' });
  await rejects(s3.send(new S3.GetObjectCommand({ Bucket: name('nobucket'), Key: 'k' })),
    { status: 404, name: 'NoSuchBucket', message: 'The specified bucket does not exist' });
  await rejects(s3.send(new S3.HeadObjectCommand({ Bucket: bucket, Key: 'absent' })), { status: 404, name: 'NotFound' });
});

check('S3 CopyObject, DeleteObject and DeleteObjects', async () => {
  const bucket = await newBucket('copy');
  await s3.send(new S3.PutObjectCommand({ Bucket: bucket, Key: 'src', Body: 'copied', Metadata: { m: '1' } }));
  const copy = await s3.send(new S3.CopyObjectCommand({ Bucket: bucket, Key: 'dst', CopySource: `${bucket}/src` }));
  eq(copy.CopyObjectResult.ETag, `"${md5('copied')}"`, 'CopyObject ETag');
  const dst = await s3.send(new S3.GetObjectCommand({ Bucket: bucket, Key: 'dst' }));
  eq(await dst.Body.transformToString(), 'copied', 'copied body');
  eq(dst.Metadata.m, '1', 'copied metadata');
  await s3.send(new S3.DeleteObjectCommand({ Bucket: bucket, Key: 'src' }));
  const deleted = await s3.send(new S3.DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: [{ Key: 'dst' }, { Key: 'never-was' }] } }));
  eq(deleted.Deleted.map((d) => d.Key).sort().join(','), 'dst,never-was', 'DeleteObjects Deleted');
  const list = await s3.send(new S3.ListObjectsV2Command({ Bucket: bucket }));
  eq(list.KeyCount, 0, 'KeyCount after deleting everything');
});

check('S3 ListObjectsV2 with prefix, delimiter and continuation; ListObjects with marker', async () => {
  const bucket = await newBucket('list');
  for (const key of ['a/1', 'a/2', 'a/3', 'b/1', 'top']) await s3.send(new S3.PutObjectCommand({ Bucket: bucket, Key: key, Body: key }));
  const folders = await s3.send(new S3.ListObjectsV2Command({ Bucket: bucket, Delimiter: '/' }));
  eq(folders.CommonPrefixes.map((p) => p.Prefix).join(','), 'a/,b/', 'CommonPrefixes');
  eq(folders.Contents.map((c) => c.Key).join(','), 'top', 'Contents beside the folders');
  const keys = [];
  let token;
  do {
    const page = await s3.send(new S3.ListObjectsV2Command({ Bucket: bucket, Prefix: 'a/', MaxKeys: 2, ContinuationToken: token }));
    keys.push(...page.Contents.map((c) => c.Key));
    token = page.NextContinuationToken;
  } while (token);
  eq(keys.join(','), 'a/1,a/2,a/3', 'keys over pages');
  const v1 = await s3.send(new S3.ListObjectsCommand({ Bucket: bucket, Marker: 'a/3' }));
  eq(v1.Contents.map((c) => c.Key).join(','), 'b/1,top', 'ListObjects after the marker');
});

check('S3 SSE-KMS PutObject and GetObject report aws:kms and the key', async () => {
  const bucket = await newBucket('kms');
  const key = await newKey();
  const put = await s3.send(new S3.PutObjectCommand({ Bucket: bucket, Key: 'secret', Body: 'x', ServerSideEncryption: 'aws:kms', SSEKMSKeyId: key.Arn }));
  eq(put.ServerSideEncryption, 'aws:kms', 'PutObject ServerSideEncryption');
  eq(put.SSEKMSKeyId, key.Arn, 'PutObject SSEKMSKeyId');
  const head = await s3.send(new S3.HeadObjectCommand({ Bucket: bucket, Key: 'secret' }));
  eq(head.ServerSideEncryption, 'aws:kms', 'HeadObject ServerSideEncryption');
  eq(head.SSEKMSKeyId, key.Arn, 'HeadObject SSEKMSKeyId');
});

check('S3 presigned GET URL is served, and refused once tampered with', async () => {
  const bucket = await newBucket('presign');
  await s3.send(new S3.PutObjectCommand({ Bucket: bucket, Key: 'p.txt', Body: 'presigned' }));
  const url = await Presigner.getSignedUrl(s3, new S3.GetObjectCommand({ Bucket: bucket, Key: 'p.txt' }), { expiresIn: 300 });
  const good = await fetch(url);
  eq(good.status, 200, 'status of the presigned GET');
  eq(await good.text(), 'presigned', 'presigned body');
  const bad = await fetch(url.replace('p.txt', 'q.txt'));
  eq(bad.status, 403, 'status of a presigned URL for another key');
  ok((await bad.text()).includes('<Code>SignatureDoesNotMatch</Code>'), 'SignatureDoesNotMatch in the body');
});

check('S3 conditional PutObject If-None-Match: * creates once, then 412 PreconditionFailed', async () => {
  const bucket = await newBucket('inm');
  const first = await s3.send(new S3.PutObjectCommand({ Bucket: bucket, Key: 'once', Body: 'first', IfNoneMatch: '*' }));
  eq(first.ETag, `"${md5('first')}"`, 'ETag of the create');
  await rejects(s3.send(new S3.PutObjectCommand({ Bucket: bucket, Key: 'once', Body: 'second', IfNoneMatch: '*' })),
    { status: 412, name: 'PreconditionFailed', message: 'At least one of the pre-conditions you specified did not hold' });
  const get = await s3.send(new S3.GetObjectCommand({ Bucket: bucket, Key: 'once' }));
  eq(await get.Body.transformToString(), 'first', 'the object keeps the first body');
});

check('S3 conditional PutObject If-Match replaces only the current ETag; absent key is 404 NoSuchKey', async () => {
  const bucket = await newBucket('im');
  const v1 = await s3.send(new S3.PutObjectCommand({ Bucket: bucket, Key: 'k', Body: 'v1' }));
  const v2 = await s3.send(new S3.PutObjectCommand({ Bucket: bucket, Key: 'k', Body: 'v2', IfMatch: v1.ETag }));
  eq(v2.ETag, `"${md5('v2')}"`, 'ETag after a matching If-Match');
  await rejects(s3.send(new S3.PutObjectCommand({ Bucket: bucket, Key: 'k', Body: 'v3', IfMatch: v1.ETag })), { status: 412, name: 'PreconditionFailed' });
  await rejects(s3.send(new S3.PutObjectCommand({ Bucket: bucket, Key: 'absent', Body: 'x', IfMatch: v1.ETag })), { status: 404, name: 'NoSuchKey' });
});

check('S3 concurrent conditional creates of one key: exactly one wins, the others get 412 or 409', async () => {
  const bucket = await newBucket('race');
  const attempts = await Promise.allSettled(Array.from({ length: 12 }, (_, i) =>
    s3.send(new S3.PutObjectCommand({ Bucket: bucket, Key: 'claim', Body: `writer ${i}`, IfNoneMatch: '*' }))));
  const winners = attempts.filter((a) => a.status === 'fulfilled');
  eq(winners.length, 1, 'number of successful conditional creates');
  for (const loser of attempts.filter((a) => a.status === 'rejected')) {
    const status = loser.reason.$metadata?.httpStatusCode;
    ok((status === 412 && loser.reason.name === 'PreconditionFailed') || (status === 409 && loser.reason.name === 'ConditionalRequestConflict'),
      `a losing writer got ${status} ${loser.reason.name}`);
  }
  const get = await s3.send(new S3.GetObjectCommand({ Bucket: bucket, Key: 'claim' }));
  eq(get.ETag, winners[0].value.ETag, 'the stored object is the winner\'s');
});

check('S3 multipart upload with lib-storage Upload (3 parts): ETag is MD5 of part MD5s + "-3"', async () => {
  const bucket = await newBucket('mpu');
  const data = randomBytes(11 * MiB);
  const upload = new Storage.Upload({ client: s3, params: { Bucket: bucket, Key: 'big.bin', Body: data }, partSize: 5 * MiB, queueSize: 2 });
  const done = await upload.done();
  const expected = multipartEtag([data.subarray(0, 5 * MiB), data.subarray(5 * MiB, 10 * MiB), data.subarray(10 * MiB)]);
  eq(done.ETag, expected, 'ETag of the completed upload');
  const head = await s3.send(new S3.HeadObjectCommand({ Bucket: bucket, Key: 'big.bin' }));
  eq(head.ContentLength, data.length, 'size of the object');
  eq(head.ETag, expected, 'HeadObject ETag');
  const get = await s3.send(new S3.GetObjectCommand({ Bucket: bucket, Key: 'big.bin' }));
  eq(md5(Buffer.from(await get.Body.transformToByteArray())), md5(data), 'MD5 of the stored bytes');
});

check('S3 multipart by hand: CreateMultipartUpload, UploadPart, ListParts, ListMultipartUploads, Complete', async () => {
  const bucket = await newBucket('mph');
  const create = await s3.send(new S3.CreateMultipartUploadCommand({ Bucket: bucket, Key: 'doc.pdf', ContentType: 'application/pdf', Metadata: { m: 'v' } }));
  ok(create.UploadId, 'an UploadId');
  const parts = [randomBytes(5 * MiB), Buffer.from('tail')];
  const etags = [];
  for (let i = 0; i < parts.length; i++) {
    const r = await s3.send(new S3.UploadPartCommand({ Bucket: bucket, Key: 'doc.pdf', UploadId: create.UploadId, PartNumber: i + 1, Body: parts[i] }));
    eq(r.ETag, `"${md5(parts[i])}"`, `ETag of part ${i + 1}`);
    etags.push(r.ETag);
  }
  const listed = await s3.send(new S3.ListPartsCommand({ Bucket: bucket, Key: 'doc.pdf', UploadId: create.UploadId }));
  eq(listed.Parts.map((p) => `${p.PartNumber}:${p.Size}:${p.ETag}`).join(','), `1:${5 * MiB}:${etags[0]},2:4:${etags[1]}`, 'ListParts');
  const uploads = await s3.send(new S3.ListMultipartUploadsCommand({ Bucket: bucket }));
  eq(uploads.Uploads.map((u) => `${u.Key}:${u.UploadId}`).join(','), `doc.pdf:${create.UploadId}`, 'ListMultipartUploads');
  const done = await s3.send(new S3.CompleteMultipartUploadCommand({
    Bucket: bucket, Key: 'doc.pdf', UploadId: create.UploadId,
    MultipartUpload: { Parts: etags.map((ETag, i) => ({ ETag, PartNumber: i + 1 })) },
  }));
  eq(done.ETag, multipartEtag(parts), 'CompleteMultipartUpload ETag');
  eq(done.Key, 'doc.pdf', 'CompleteMultipartUpload Key');
  const head = await s3.send(new S3.HeadObjectCommand({ Bucket: bucket, Key: 'doc.pdf' }));
  eq(head.ContentType, 'application/pdf', 'content type set at CreateMultipartUpload');
  eq(head.Metadata.m, 'v', 'metadata set at CreateMultipartUpload');
  const after = await s3.send(new S3.ListMultipartUploadsCommand({ Bucket: bucket }));
  eq((after.Uploads ?? []).length, 0, 'uploads left after completion');
});

check('S3 multipart errors: EntityTooSmall, InvalidPart, InvalidPartOrder, NoSuchUpload after AbortMultipartUpload', async () => {
  const bucket = await newBucket('mpe');
  const { UploadId } = await s3.send(new S3.CreateMultipartUploadCommand({ Bucket: bucket, Key: 'k' }));
  const p1 = await s3.send(new S3.UploadPartCommand({ Bucket: bucket, Key: 'k', UploadId, PartNumber: 1, Body: 'small' }));
  const p2 = await s3.send(new S3.UploadPartCommand({ Bucket: bucket, Key: 'k', UploadId, PartNumber: 2, Body: 'small too' }));
  const complete = (Parts) => s3.send(new S3.CompleteMultipartUploadCommand({ Bucket: bucket, Key: 'k', UploadId, MultipartUpload: { Parts } }));
  await rejects(complete([{ PartNumber: 1, ETag: p1.ETag }, { PartNumber: 2, ETag: p2.ETag }]),
    { status: 400, name: 'EntityTooSmall', message: 'Your proposed upload is smaller than the minimum allowed size' });
  await rejects(complete([{ PartNumber: 1, ETag: p2.ETag }]), { status: 400, name: 'InvalidPart' });
  await rejects(complete([{ PartNumber: 2, ETag: p2.ETag }, { PartNumber: 1, ETag: p1.ETag }]), { status: 400, name: 'InvalidPartOrder' });
  await s3.send(new S3.AbortMultipartUploadCommand({ Bucket: bucket, Key: 'k', UploadId }));
  await rejects(s3.send(new S3.ListPartsCommand({ Bucket: bucket, Key: 'k', UploadId })), { status: 404, name: 'NoSuchUpload' });
  await rejects(s3.send(new S3.UploadPartCommand({ Bucket: bucket, Key: 'k', UploadId, PartNumber: 3, Body: 'x' })), { status: 404, name: 'NoSuchUpload' });
  await rejects(s3.send(new S3.GetObjectCommand({ Bucket: bucket, Key: 'k' })), { status: 404, name: 'NoSuchKey' });
});

check('S3 multipart with SSE-KMS: the completed object is aws:kms under the key', async () => {
  const bucket = await newBucket('mpk');
  const key = await newKey();
  const upload = new Storage.Upload({
    client: s3, partSize: 5 * MiB,
    params: { Bucket: bucket, Key: 'enc.bin', Body: randomBytes(6 * MiB), ServerSideEncryption: 'aws:kms', SSEKMSKeyId: key.Arn },
  });
  const done = await upload.done();
  ok(done.ETag.endsWith('-2"'), `a two-part ETag (${done.ETag})`);
  const head = await s3.send(new S3.HeadObjectCommand({ Bucket: bucket, Key: 'enc.bin' }));
  eq(head.ServerSideEncryption, 'aws:kms', 'ServerSideEncryption');
  eq(head.SSEKMSKeyId, key.Arn, 'SSEKMSKeyId');
});

check('S3 conditional CompleteMultipartUpload If-None-Match: * on an existing key is 412', async () => {
  const bucket = await newBucket('mpc');
  await s3.send(new S3.PutObjectCommand({ Bucket: bucket, Key: 'taken', Body: 'already here' }));
  const { UploadId } = await s3.send(new S3.CreateMultipartUploadCommand({ Bucket: bucket, Key: 'taken' }));
  const part = await s3.send(new S3.UploadPartCommand({ Bucket: bucket, Key: 'taken', UploadId, PartNumber: 1, Body: 'new' }));
  await rejects(s3.send(new S3.CompleteMultipartUploadCommand({
    Bucket: bucket, Key: 'taken', UploadId, IfNoneMatch: '*', MultipartUpload: { Parts: [{ PartNumber: 1, ETag: part.ETag }] },
  })), { status: 412, name: 'PreconditionFailed' });
  const get = await s3.send(new S3.GetObjectCommand({ Bucket: bucket, Key: 'taken' }));
  eq(await get.Body.transformToString(), 'already here', 'the existing object is kept');
});

check('S3 signatures: a wrong secret is SignatureDoesNotMatch, an unknown key id InvalidAccessKeyId', async () => {
  const bucket = await newBucket('sig');
  await rejects(wrongSecret(S3.S3Client, { forcePathStyle: true }).send(new S3.PutObjectCommand({ Bucket: bucket, Key: 'k', Body: 'x' })),
    { status: 403, name: 'SignatureDoesNotMatch' });
  await rejects(unknownKey(S3.S3Client, { forcePathStyle: true }).send(new S3.ListObjectsV2Command({ Bucket: bucket })),
    { status: 403, name: 'InvalidAccessKeyId', message: 'The AWS Access Key Id you provided does not exist in our records.' });
});

check('S3 policy: a principal without s3:PutObject is refused 403 AccessDenied', async () => {
  const bucket = await newBucket('deny');
  await rejects(limited(S3.S3Client, { forcePathStyle: true }).send(new S3.PutObjectCommand({ Bucket: bucket, Key: 'k', Body: 'x' })),
    { status: 403, name: 'AccessDenied' });
});

// --------------------------------------------------------------------------------------------------------------- KMS
check('KMS CreateKey, DescribeKey, CreateAlias, ListAliases', async () => {
  const created = await kms.send(new KMS.CreateKeyCommand({ Description: 'conformance' }));
  const keyId = created.KeyMetadata.KeyId;
  eq(created.KeyMetadata.Enabled, true, 'Enabled');
  const alias = `alias/${name('alias')}`;
  await kms.send(new KMS.CreateAliasCommand({ AliasName: alias, TargetKeyId: keyId }));
  const described = await kms.send(new KMS.DescribeKeyCommand({ KeyId: alias }));
  eq(described.KeyMetadata.KeyId, keyId, 'DescribeKey by alias');
  eq(described.KeyMetadata.Description, 'conformance', 'Description');
  const aliases = await kms.send(new KMS.ListAliasesCommand({ KeyId: keyId }));
  eq(aliases.Aliases.map((a) => a.AliasName).join(','), alias, 'ListAliases for the key');
});

check('KMS Encrypt, Decrypt, GenerateDataKey, GenerateDataKeyWithoutPlaintext', async () => {
  const key = await newKey();
  const plaintext = Buffer.from('kms round trip');
  const encrypted = await kms.send(new KMS.EncryptCommand({ KeyId: key.Arn, Plaintext: plaintext, EncryptionContext: { purpose: 'test' } }));
  eq(encrypted.KeyId, key.Arn, 'Encrypt KeyId');
  const decrypted = await kms.send(new KMS.DecryptCommand({ CiphertextBlob: encrypted.CiphertextBlob, EncryptionContext: { purpose: 'test' } }));
  eq(Buffer.from(decrypted.Plaintext).toString(), 'kms round trip', 'Decrypt Plaintext');
  const dataKey = await kms.send(new KMS.GenerateDataKeyCommand({ KeyId: key.Arn, KeySpec: 'AES_256' }));
  eq(dataKey.Plaintext.length, 32, 'data key length');
  const again = await kms.send(new KMS.DecryptCommand({ CiphertextBlob: dataKey.CiphertextBlob }));
  eq(Buffer.from(again.Plaintext).toString('hex'), Buffer.from(dataKey.Plaintext).toString('hex'), 'decrypted data key');
  const hidden = await kms.send(new KMS.GenerateDataKeyWithoutPlaintextCommand({ KeyId: key.Arn, NumberOfBytes: 16 }));
  ok(hidden.CiphertextBlob.length > 0 && hidden.Plaintext === undefined, 'only a ciphertext');
  await rejects(kms.send(new KMS.DecryptCommand({ CiphertextBlob: encrypted.CiphertextBlob, EncryptionContext: { purpose: 'other' } })),
    { status: 400, name: 'InvalidCiphertextException' });
});

check('KMS DisableKey and EnableKey; errors NotFoundException, DisabledException, InvalidCiphertextException', async () => {
  const key = await newKey();
  await kms.send(new KMS.DisableKeyCommand({ KeyId: key.KeyId }));
  await rejects(kms.send(new KMS.EncryptCommand({ KeyId: key.KeyId, Plaintext: Buffer.from('x') })), { status: 400, name: 'DisabledException' });
  await kms.send(new KMS.EnableKeyCommand({ KeyId: key.KeyId }));
  await kms.send(new KMS.EncryptCommand({ KeyId: key.KeyId, Plaintext: Buffer.from('x') }));
  await rejects(kms.send(new KMS.DescribeKeyCommand({ KeyId: 'alias/does-not-exist' })), { status: 400, name: 'NotFoundException' });
  await rejects(kms.send(new KMS.DecryptCommand({ CiphertextBlob: Buffer.from('not a ciphertext at all') })), { status: 400, name: 'InvalidCiphertextException' });
});

check('KMS signatures: wrong secret InvalidSignatureException, unknown key id UnrecognizedClientException; policy AccessDeniedException', async () => {
  await rejects(wrongSecret(KMS.KMSClient).send(new KMS.ListAliasesCommand({})), { status: 400, name: 'InvalidSignatureException' });
  await rejects(unknownKey(KMS.KMSClient).send(new KMS.ListAliasesCommand({})), { status: 400, name: 'UnrecognizedClientException' });
  const key = await newKey();
  await rejects(limited(KMS.KMSClient).send(new KMS.EncryptCommand({ KeyId: key.Arn, Plaintext: Buffer.from('x') })), { status: 400, name: 'AccessDeniedException' });
});

// ---------------------------------------------------------------------------------------------------------- Textract
check('Textract StartDocumentTextDetection and GetDocumentTextDetection until SUCCEEDED', async () => {
  const document = await uploadSample('txt');
  const { JobId } = await textract.send(new TX.StartDocumentTextDetectionCommand({ DocumentLocation: { S3Object: document } }));
  const done = await waitForJob(() => textract.send(new TX.GetDocumentTextDetectionCommand({ JobId })));
  eq(done.JobStatus, 'SUCCEEDED', 'JobStatus');
  ok(done.DocumentMetadata.Pages >= 1, 'DocumentMetadata.Pages');
  ok(done.Blocks.some((b) => b.BlockType === 'LINE' && b.Text), 'LINE blocks with text');
});

check('Textract StartDocumentAnalysis, GetDocumentAnalysis pages (MaxResults, NextToken), ClientRequestToken', async () => {
  const document = await uploadSample('ana');
  const start = { DocumentLocation: { S3Object: document }, FeatureTypes: ['TABLES', 'FORMS'], ClientRequestToken: name('tok') };
  const { JobId } = await textract.send(new TX.StartDocumentAnalysisCommand(start));
  const again = await textract.send(new TX.StartDocumentAnalysisCommand(start));
  eq(again.JobId, JobId, 'JobId of a repeated Start with the same ClientRequestToken');
  await waitForJob(() => textract.send(new TX.GetDocumentAnalysisCommand({ JobId, MaxResults: 1 })));
  let blocks = 0, pages = 0, token;
  do {
    const page = await textract.send(new TX.GetDocumentAnalysisCommand({ JobId, MaxResults: 50, NextToken: token }));
    eq(page.JobStatus, 'SUCCEEDED', 'JobStatus');
    blocks += page.Blocks.length;
    pages++;
    token = page.NextToken;
  } while (token && pages < 1000);
  ok(pages > 1, `more than one page of 50 blocks (${blocks} blocks)`);
});

check('Textract OutputConfig with KMSKeyId writes SSE-KMS output objects', async () => {
  const document = await uploadSample('out');
  const out = await newBucket('txout');
  const key = await newKey();
  const { JobId } = await textract.send(new TX.StartDocumentTextDetectionCommand({
    DocumentLocation: { S3Object: document }, OutputConfig: { S3Bucket: out, S3Prefix: 'textract' }, KMSKeyId: key.Arn,
  }));
  await waitForJob(() => textract.send(new TX.GetDocumentTextDetectionCommand({ JobId, MaxResults: 1 })));
  let listed;
  for (let i = 0; i < 100 && !(listed?.Contents?.length); i++) {
    listed = await s3.send(new S3.ListObjectsV2Command({ Bucket: out, Prefix: `textract/${JobId}/` }));
    if (!listed.Contents?.length) await sleep(100);
  }
  const first = listed.Contents.find((c) => c.Key === `textract/${JobId}/1`);
  ok(first, `textract/${JobId}/1 among ${listed.Contents.map((c) => c.Key).join(', ')}`);
  const head = await s3.send(new S3.HeadObjectCommand({ Bucket: out, Key: first.Key }));
  eq(head.SSEKMSKeyId, key.Arn, 'output object key');
});

check('Textract StartExpenseAnalysis, GetExpenseAnalysis pages of expense documents, OutputConfig under KMS', async () => {
  const document = await uploadSample('exp');
  const out = await newBucket('expout');
  const key = await newKey();
  const { JobId } = await textract.send(new TX.StartExpenseAnalysisCommand({
    DocumentLocation: { S3Object: document }, OutputConfig: { S3Bucket: out, S3Prefix: 'expense' }, KMSKeyId: key.Arn, ClientRequestToken: name('exp'),
  }));
  const first = await waitForJob(() => textract.send(new TX.GetExpenseAnalysisCommand({ JobId, MaxResults: 1 })));
  eq(first.JobStatus, 'SUCCEEDED', 'JobStatus');
  eq(first.ExpenseDocuments.length, 1, 'expense documents in a page of MaxResults 1');
  ok(first.NextToken, 'NextToken to the next expense document');
  ok(first.AnalyzeExpenseModelVersion, 'AnalyzeExpenseModelVersion');
  const rest = await textract.send(new TX.GetExpenseAnalysisCommand({ JobId, NextToken: first.NextToken }));
  const fields = [...first.ExpenseDocuments, ...rest.ExpenseDocuments].flatMap((d) => d.SummaryFields);
  ok(fields.some((f) => f.Type.Text === 'TOTAL' && f.ValueDetection.Text), 'a TOTAL summary field with a value');
  const head = await s3.send(new S3.HeadObjectCommand({ Bucket: out, Key: `expense/${JobId}/1` }));
  eq(head.SSEKMSKeyId, key.Arn, 'output object key');
  await rejects(textract.send(new TX.GetLendingAnalysisCommand({ JobId })), { status: 400, name: 'InvalidJobIdException' });
});

check('Textract StartLendingAnalysis, GetLendingAnalysis results, GetLendingAnalysisSummary, detailedResponse/ under KMS', async () => {
  const document = await uploadSample('lend');
  const out = await newBucket('lendout');
  const key = await newKey();
  const { JobId } = await textract.send(new TX.StartLendingAnalysisCommand({
    DocumentLocation: { S3Object: document }, OutputConfig: { S3Bucket: out, S3Prefix: 'lending' }, KMSKeyId: key.Arn,
  }));
  const done = await waitForJob(() => textract.send(new TX.GetLendingAnalysisCommand({ JobId })));
  eq(done.JobStatus, 'SUCCEEDED', 'JobStatus');
  ok(done.Results.length >= 1 && done.Results.every((r) => r.PageClassification.PageType[0].Value), 'every result classified');
  const summary = await textract.send(new TX.GetLendingAnalysisSummaryCommand({ JobId }));
  ok(summary.Summary.DocumentGroups.length >= 1, 'document groups in the summary');
  const head = await s3.send(new S3.HeadObjectCommand({ Bucket: out, Key: `lending/${JobId}/detailedResponse/1` }));
  eq(head.SSEKMSKeyId, key.Arn, 'output object key');
});

check('Textract errors: InvalidJobIdException, InvalidS3ObjectException, InvalidParameterException', async () => {
  await rejects(textract.send(new TX.GetDocumentTextDetectionCommand({ JobId: 'a'.repeat(64) })), { status: 400, name: 'InvalidJobIdException' });
  const bucket = await newBucket('txerr');
  await rejects(textract.send(new TX.StartDocumentTextDetectionCommand({ DocumentLocation: { S3Object: { Bucket: bucket, Name: 'absent.pdf' } } })),
    { status: 400, name: 'InvalidS3ObjectException' });
  const document = await uploadSample('par');
  await rejects(textract.send(new TX.StartDocumentAnalysisCommand({ DocumentLocation: { S3Object: document }, FeatureTypes: [] })),
    { status: 400, name: 'InvalidParameterException' });
});

check('Textract signatures: wrong secret InvalidSignatureException, unknown key id UnrecognizedClientException; policy AccessDeniedException', async () => {
  await rejects(wrongSecret(TX.TextractClient).send(new TX.GetDocumentTextDetectionCommand({ JobId: 'a'.repeat(64) })), { status: 400, name: 'InvalidSignatureException' });
  await rejects(unknownKey(TX.TextractClient).send(new TX.GetDocumentTextDetectionCommand({ JobId: 'a'.repeat(64) })), { status: 400, name: 'UnrecognizedClientException' });
  await rejects(limited(TX.TextractClient).send(new TX.GetDocumentTextDetectionCommand({ JobId: 'a'.repeat(64) })), { status: 400, name: 'AccessDeniedException' });
});

// ------------------------------------------------------------------------------------- SQS, in both of its protocols
for (const [protocol, module] of [['JSON 1.0', () => SQS], ['query', () => SQSQuery]]) {
  const client = () => (protocol === 'query' ? sqsQuery : sqs);
  check(`SQS (${protocol}) CreateQueue, GetQueueUrl, ListQueues, GetQueueAttributes, DeleteQueue`, async () => {
    const M = module();
    const queue = name('q');
    const { QueueUrl } = await client().send(new M.CreateQueueCommand({ QueueName: queue, Attributes: { VisibilityTimeout: '45' } }));
    ok(QueueUrl.endsWith(`/${queue}`), `QueueUrl ${QueueUrl}`);
    const same = await client().send(new M.CreateQueueCommand({ QueueName: queue, Attributes: { VisibilityTimeout: '45' } }));
    eq(same.QueueUrl, QueueUrl, 'CreateQueue of an existing queue with the same attributes');
    eq((await client().send(new M.GetQueueUrlCommand({ QueueName: queue }))).QueueUrl, QueueUrl, 'GetQueueUrl');
    const listed = await client().send(new M.ListQueuesCommand({ QueueNamePrefix: queue }));
    eq(listed.QueueUrls.join(','), QueueUrl, 'ListQueues');
    const attributes = await client().send(new M.GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['VisibilityTimeout', 'QueueArn'] }));
    eq(attributes.Attributes.VisibilityTimeout, '45', 'VisibilityTimeout');
    eq(attributes.Attributes.QueueArn, `arn:aws:sqs:${region}:000000000000:${queue}`.replace('000000000000', attributes.Attributes.QueueArn.split(':')[4]), 'QueueArn');
    await client().send(new M.DeleteQueueCommand({ QueueUrl }));
    const gone = await client().send(new M.ListQueuesCommand({ QueueNamePrefix: queue }));
    eq((gone.QueueUrls ?? []).length, 0, 'queues left after DeleteQueue');
  });

  check(`SQS (${protocol}) SendMessage, ReceiveMessage, ChangeMessageVisibility, DeleteMessage, PurgeQueue`, async () => {
    const M = module();
    const { QueueUrl } = await client().send(new M.CreateQueueCommand({ QueueName: name('m') }));
    const body = 'message with <xml> & "quotes" ünïcode';
    const sent = await client().send(new M.SendMessageCommand({ QueueUrl, MessageBody: body }));
    eq(sent.MD5OfMessageBody, md5(body), 'MD5OfMessageBody');
    const received = await client().send(new M.ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1, AttributeNames: ['All'] }));
    eq(received.Messages.length, 1, 'messages received');
    const message = received.Messages[0];
    eq(message.Body, body, 'Body');
    eq(message.MessageId, sent.MessageId, 'MessageId');
    eq(message.Attributes.ApproximateReceiveCount, '1', 'ApproximateReceiveCount');
    await client().send(new M.ChangeMessageVisibilityCommand({ QueueUrl, ReceiptHandle: message.ReceiptHandle, VisibilityTimeout: 0 }));
    const again = await client().send(new M.ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 1 }));
    eq(again.Messages?.[0]?.MessageId, sent.MessageId, 'the message is visible again');
    await client().send(new M.DeleteMessageCommand({ QueueUrl, ReceiptHandle: again.Messages[0].ReceiptHandle }));
    await client().send(new M.SendMessageCommand({ QueueUrl, MessageBody: 'to purge' }));
    await client().send(new M.PurgeQueueCommand({ QueueUrl }));
    const empty = await client().send(new M.ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 1 }));
    eq((empty.Messages ?? []).length, 0, 'messages after delete and purge');
  });

  check(`SQS (${protocol}) errors: QueueDoesNotExist, QueueNameExists, invalid receipt handle`, async () => {
    const M = module();
    const missing = await rejects(client().send(new M.GetQueueUrlCommand({ QueueName: name('none') })), { status: 400, name: 'QueueDoesNotExist' });
    // Real SQS answers JSON errors with x-amzn-query-error, so a client sees the query protocol's code in both protocols.
    eq(missing.Error?.Code, 'AWS.SimpleQueueService.NonExistentQueue', 'the query-compatible error code (Error.Code)');
    const queue = name('dup');
    const { QueueUrl } = await client().send(new M.CreateQueueCommand({ QueueName: queue }));
    await rejects(client().send(new M.CreateQueueCommand({ QueueName: queue, Attributes: { VisibilityTimeout: '99' } })), { status: 400, name: 'QueueNameExists' });
    await rejects(client().send(new M.DeleteMessageCommand({ QueueUrl, ReceiptHandle: 'not-a-receipt-handle' })), { status: 400, name: 'ReceiptHandleIsInvalid' });
  });

  check(`SQS (${protocol}) signatures: a wrong secret is refused`, async () => {
    const M = module();
    const error = await rejects(wrongSecret(M.SQSClient).send(new M.ListQueuesCommand({})), { status: protocol === 'query' ? 403 : 400 });
    ok(['SignatureDoesNotMatch', 'InvalidSignatureException'].includes(error.Code ?? error.name), `code ${error.Code ?? error.name}`);
  });
}

// --------------------------------------------------------------------------------------------------------------- SNS
check('SNS CreateTopic, Subscribe (sqs), ListTopics, ListSubscriptionsByTopic, Publish, Unsubscribe, DeleteTopic', async () => {
  const { TopicArn } = await sns.send(new SNS.CreateTopicCommand({ Name: name('t') }));
  const { QueueUrl } = await sqs.send(new SQS.CreateQueueCommand({ QueueName: name('tq') }));
  const { Attributes } = await sqs.send(new SQS.GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
  const { SubscriptionArn } = await sns.send(new SNS.SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: Attributes.QueueArn }));
  ok((await sns.send(new SNS.ListTopicsCommand({}))).Topics.some((t) => t.TopicArn === TopicArn), 'ListTopics names the topic');
  const subscriptions = await sns.send(new SNS.ListSubscriptionsByTopicCommand({ TopicArn }));
  eq(subscriptions.Subscriptions.map((s) => s.SubscriptionArn).join(','), SubscriptionArn, 'ListSubscriptionsByTopic');
  const { MessageId } = await sns.send(new SNS.PublishCommand({ TopicArn, Message: 'wrapped', Subject: 'subject' }));
  const wrapped = await sqs.send(new SQS.ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 2 }));
  const envelope = JSON.parse(wrapped.Messages[0].Body);
  eq(envelope.Message, 'wrapped', 'Message in the SNS envelope');
  eq(envelope.MessageId, MessageId, 'MessageId in the SNS envelope');
  await sqs.send(new SQS.DeleteMessageCommand({ QueueUrl, ReceiptHandle: wrapped.Messages[0].ReceiptHandle }));
  await sns.send(new SNS.SetSubscriptionAttributesCommand({ SubscriptionArn, AttributeName: 'RawMessageDelivery', AttributeValue: 'true' }));
  await sns.send(new SNS.PublishCommand({ TopicArn, Message: 'raw' }));
  const raw = await sqs.send(new SQS.ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 2 }));
  eq(raw.Messages[0].Body, 'raw', 'raw delivery');
  await sns.send(new SNS.UnsubscribeCommand({ SubscriptionArn }));
  await sns.send(new SNS.DeleteTopicCommand({ TopicArn }));
  ok(!(await sns.send(new SNS.ListTopicsCommand({}))).Topics.some((t) => t.TopicArn === TopicArn), 'the topic is gone');
});

check('SNS errors: NotFound for a missing topic, InvalidParameter for an unsupported protocol', async () => {
  await rejects(sns.send(new SNS.PublishCommand({ TopicArn: `arn:aws:sns:${region}:000000000000:${name('none')}`, Message: 'x' })),
    { status: 404, name: 'NotFoundException' });
  const { TopicArn } = await sns.send(new SNS.CreateTopicCommand({ Name: name('p') }));
  await rejects(sns.send(new SNS.SubscribeCommand({ TopicArn, Protocol: 'carrier-pigeon', Endpoint: 'x' })), { status: 400, name: 'InvalidParameterException' });
});

check('SNS signatures: wrong secret SignatureDoesNotMatch, unknown key id InvalidClientTokenId', async () => {
  await rejects(wrongSecret(SNS.SNSClient).send(new SNS.ListTopicsCommand({})), { status: 403, name: 'SignatureDoesNotMatch' });
  await rejects(unknownKey(SNS.SNSClient).send(new SNS.ListTopicsCommand({})), { status: 403, name: 'InvalidClientTokenId' });
});

// ------------------------------------------------------------------------------------------------------------ runner
const MiB = 1024 * 1024;
const env = process.env;
const endpoint = env.CONFORMANCE_ENDPOINT;
const region = env.AWS_REGION ?? 'us-east-1';
const runId = randomBytes(3).toString('hex');
let S3, KMS, TX, SQS, SQSQuery, SNS, Storage, Presigner;
let s3, kms, textract, sqs, sqsQuery, sns;
let counter = 0;

function name(what) { return `cf-js-${runId}-${what}-${++counter}`; }
function md5(data) { return createHash('md5').update(data).digest('hex'); }
function multipartEtag(parts) {
  const digests = Buffer.concat(parts.map((p) => createHash('md5').update(p).digest()));
  return `"${md5(digests)}-${parts.length}"`;
}
function sleep(ms) { return new Promise((resolve) => setTimeout(resolve, ms)); }
function ok(condition, what) { if (!condition) throw new Error(what); }
function eq(actual, expected, what) {
  if (actual !== expected) throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

/** Awaits a call that must fail; compares what the client surfaces: HTTP status, error name, message. */
async function rejects(promise, { status, name: code, message }) {
  let error;
  try { await promise; } catch (e) { error = e; }
  if (!error) throw new Error(`expected ${status} ${code ?? ''}, but the call succeeded`);
  const got = `${error.$metadata?.httpStatusCode} ${error.name}: ${error.message}`;
  if (status !== undefined && error.$metadata?.httpStatusCode !== status) throw new Error(`expected status ${status}, got ${got}`);
  if (code !== undefined && error.name !== code) throw new Error(`expected ${code}, got ${got}`);
  if (message !== undefined && error.message !== message) throw new Error(`expected message "${message}", got ${got}`);
  return error;
}

function config(credentials, extra = {}) {
  return { endpoint, region, credentials, maxAttempts: 1, ...extra };
}
const adminCredentials = () => ({ accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY });
const wrongSecret = (Client, extra) => new Client(config({ accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: 'wrong-secret' }, extra));
const unknownKey = (Client, extra) => new Client(config({ accessKeyId: 'AKIDNOTKNOWNHERE', secretAccessKey: 'whatever' }, extra));
const limited = (Client, extra) => new Client(config({ accessKeyId: env.CONFORMANCE_LIMITED_ACCESS_KEY, secretAccessKey: env.CONFORMANCE_LIMITED_SECRET_KEY }, extra));

async function newBucket(what) {
  const bucket = name(what);
  await s3.send(new S3.CreateBucketCommand({ Bucket: bucket }));
  return bucket;
}
async function newKey() { return (await kms.send(new KMS.CreateKeyCommand({ Description: 'conformance' }))).KeyMetadata; }
async function uploadSample(what) {
  const bucket = await newBucket(what);
  await s3.send(new S3.PutObjectCommand({ Bucket: bucket, Key: 'sample.pdf', Body: readFileSync(env.CONFORMANCE_SAMPLE_PDF), ContentType: 'application/pdf' }));
  return { Bucket: bucket, Name: 'sample.pdf' };
}
async function waitForJob(get) {
  for (let i = 0; i < 300; i++) {
    const answer = await get();
    if (answer.JobStatus !== 'IN_PROGRESS') return answer;
    await sleep(200);
  }
  throw new Error('the job is still IN_PROGRESS after 60 s');
}

async function main() {
  if (process.argv.includes('--list')) {
    process.stdout.write(JSON.stringify(checks.map((c) => c.name)) + '\n');
    return;
  }
  const outIndex = process.argv.indexOf('--out');
  if (outIndex < 0 || !endpoint) throw new Error('usage: CONFORMANCE_ENDPOINT=... node checks.mjs --out FILE (or --list)');
  [S3, KMS, TX, SQS, SQSQuery, SNS, Storage, Presigner] = await Promise.all([
    import('@aws-sdk/client-s3'), import('@aws-sdk/client-kms'), import('@aws-sdk/client-textract'), import('@aws-sdk/client-sqs'),
    import('client-sqs-query'), import('@aws-sdk/client-sns'), import('@aws-sdk/lib-storage'), import('@aws-sdk/s3-request-presigner'),
  ]);
  const credentials = adminCredentials();
  s3 = new S3.S3Client(config(credentials, { forcePathStyle: true }));
  kms = new KMS.KMSClient(config(credentials));
  textract = new TX.TextractClient(config(credentials));
  sqs = new SQS.SQSClient(config(credentials));
  sqsQuery = new SQSQuery.SQSClient(config(credentials));
  sns = new SNS.SNSClient(config(credentials));

  const results = [];
  for (const { name: checkName, run } of checks) {
    const started = Date.now();
    try {
      await run();
      results.push({ name: checkName, outcome: 'passed', message: '' });
    } catch (e) {
      results.push({ name: checkName, outcome: 'failed', message: String(e?.stack ?? e) });
    }
    process.stderr.write(`${results.at(-1).outcome.padEnd(7)} ${checkName} (${Date.now() - started} ms)\n`);
  }
  writeFileSync(process.argv[outIndex + 1], JSON.stringify(results, null, 1));
}

await main();
