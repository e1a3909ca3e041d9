using TextractTools.LocalEndpoint.Hosting;
using TextractTools.LocalEndpoint.Policy;
using TextractTools.LocalEndpoint.Storage;

namespace TextractTools.LocalEndpoint.Textract
{
    /// <summary>
    /// The checks a Start makes with the caller's own permissions, as Textract does (it reads the input, writes the
    /// output and uses the key on the caller's behalf): s3:GetObject on the input object (and kms:Decrypt when it is
    /// SSE-KMS), s3:PutObject under {prefix}/{JobId}/ of the output bucket, kms:GenerateDataKey on the job's key (S3 asks
    /// for a data key for each SSE-KMS object it writes), iam:PassRole on the notification role. Each refusal is an AccessDeniedException naming the action;
    /// real Textract may answer a refused input with InvalidS3ObjectException instead (its choice is unverified).
    /// </summary>
    internal sealed class StartPermissions
    {
        private readonly Authorizer _authorizer;

        public StartPermissions(Authorizer authorizer) { _authorizer = authorizer; }

        public void RequirePassRole(CallContext caller, string roleArn) => Require(_authorizer.CheckPassRole(caller.AccessKeyId, roleArn));

        /// <summary>
        /// The output objects are written through S3, which asks KMS for a data key per object. Whether Textract itself
        /// also calls KMS with the caller's permissions (InvalidKMSKeyException is documented as "you do not have decrypt
        /// permissions with the KMS key entered") is unverified; no documented step of the service encrypts with the key
        /// directly, so kms:Encrypt is not required (the generated policies do not grant it).
        /// </summary>
        public void RequireJobKey(CallContext caller, string keyArn) =>
            Require(_authorizer.CheckKmsKey(caller.AccessKeyId, "kms:GenerateDataKey", keyArn, _authorizer.S3ViaService));

        public void RequireInput(CallContext caller, string bucket, string key) =>
            Require(_authorizer.CheckS3Object(caller.AccessKeyId, "s3:GetObject", bucket, key));

        public void RequireInputKey(CallContext caller, StoredObject input)
        {
            if (input.Encryption.KmsKeyArn is { } keyArn)
                Require(_authorizer.CheckKmsKey(caller.AccessKeyId, "kms:Decrypt", keyArn, _authorizer.S3ViaService));
        }

        /// <param name="key">The first object the job writes (its .s3_access_check), standing for {prefix}/{JobId}/*.</param>
        public void RequireOutput(CallContext caller, string bucket, string key) =>
            Require(_authorizer.CheckS3Object(caller.AccessKeyId, "s3:PutObject", bucket, key));

        public static void Require(AccessDenial? denial)
        {
            if (denial is not null) throw new AccessDeniedException(denial);
        }
    }
}
