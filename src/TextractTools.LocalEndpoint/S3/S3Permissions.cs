using TextractTools.LocalEndpoint.Policy;
using TextractTools.LocalEndpoint.Storage;

namespace TextractTools.LocalEndpoint.S3
{
    /// <summary>
    /// The policy checks of the S3 operations, as S3 makes them: the action on the bucket or object ARN, and for
    /// SSE-KMS objects the key use S3 makes on the caller's behalf (kms:Decrypt to read, kms:GenerateDataKey to
    /// write, with kms:ViaService s3.REGION.amazonaws.com). A refusal is S3's 403 AccessDenied with AWS's wording.
    /// </summary>
    public sealed class S3Permissions
    {
        private readonly Authorizer _authorizer;

        public S3Permissions(Authorizer authorizer) { _authorizer = authorizer; }

        public void RequireObject(S3Call call, string action, string bucket, string key) =>
            Throw(_authorizer.CheckS3Object(Caller(call), action, bucket, key));

        /// <summary>
        /// s3:PutObject for a write that creates the object at the call's address (PutObject, CompleteMultipartUpload),
        /// with the condition keys of a conditional write, so that a policy can require If-None-Match or If-Match.
        /// </summary>
        public void RequireWrite(S3Call call) =>
            Throw(_authorizer.CheckS3Object(Caller(call), "s3:PutObject", call.Path.Bucket, call.Path.Key, ConditionalWrites.PolicyKeys(call.Request)));

        public void RequireBucket(S3Call call, string action, string? prefix = null) =>
            Throw(_authorizer.CheckS3Bucket(Caller(call), action, call.Path.Bucket, prefix));

        public void RequireAccountAction(S3Call call, string action) => Throw(_authorizer.CheckAccountAction(Caller(call), action));

        /// <summary>
        /// S3 answers a missing key with 404 only to callers who may list the bucket; others get 403, so that the
        /// existence of a key is not revealed to someone who may not see it. The key stands in for s3:prefix, so that
        /// a ListBucket grant limited to a prefix covers the keys under it (how S3 itself words this check is unverified).
        /// </summary>
        public AccessDenial? MissingKeyDenial(S3Call call, string bucket, string key) =>
            _authorizer.CheckS3Bucket(Caller(call), "s3:ListBucket", bucket, key);

        /// <summary>Reading an SSE-KMS object: S3 decrypts its data key with the caller's permissions.</summary>
        public void RequireDecrypt(S3Call call, StoredObject obj)
        {
            if (obj.Encryption.KmsKeyArn is { } keyArn)
                Throw(_authorizer.CheckKmsKey(Caller(call), "kms:Decrypt", keyArn, _authorizer.S3ViaService));
        }

        /// <summary>
        /// A part of an SSE-KMS multipart upload, and its completion: S3 decrypts the upload's data key with the caller's
        /// permissions (AWS documents kms:Decrypt besides kms:GenerateDataKey for multipart uploads; which of the calls
        /// needs it is unverified: the endpoint asks at UploadPart and CompleteMultipartUpload).
        /// </summary>
        public void RequireDecryptForUpload(S3Call call, ObjectEncryption encryption)
        {
            if (encryption.KmsKeyArn is { } keyArn)
                Throw(_authorizer.CheckKmsKey(Caller(call), "kms:Decrypt", keyArn, _authorizer.S3ViaService));
        }

        /// <summary>Writing an SSE-KMS object: S3 asks KMS for a data key with the caller's permissions.</summary>
        public void RequireGenerateDataKey(S3Call call, ObjectEncryption encryption)
        {
            if (encryption.KmsKeyArn is { } keyArn)
                Throw(_authorizer.CheckKmsKey(Caller(call), "kms:GenerateDataKey", keyArn, _authorizer.S3ViaService));
        }

        public AccessDenial? CheckObject(S3Call call, string action, string bucket, string key) =>
            _authorizer.CheckS3Object(Caller(call), action, bucket, key);

        public static S3Error AccessDenied(AccessDenial denial) => new(403, "AccessDenied", denial.Message);

        private static string Caller(S3Call call) => call.Signature.Authorization!.Scope.AccessKeyId;

        private static void Throw(AccessDenial? denial)
        {
            if (denial is not null) throw AccessDenied(denial);
        }
    }
}
