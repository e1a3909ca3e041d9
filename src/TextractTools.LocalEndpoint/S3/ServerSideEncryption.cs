using System;
using TextractTools.LocalEndpoint.Hosting;
using TextractTools.LocalEndpoint.Kms;
using TextractTools.LocalEndpoint.Storage;

namespace TextractTools.LocalEndpoint.S3
{
    /// <summary>
    /// Decides how a new object is encrypted from its x-amz-server-side-encryption headers, as S3 does: AES256 by
    /// default, aws:kms with the named key or, without one, the account's AWS managed key aws/s3.
    /// Objects are not really encrypted in memory; what matters to clients is the reported state and the KMS checks.
    /// </summary>
    public sealed class ServerSideEncryption
    {
        public const string AlgorithmHeader = "x-amz-server-side-encryption";
        public const string KeyIdHeader = "x-amz-server-side-encryption-aws-kms-key-id";

        private readonly KeyStore _keys;

        public ServerSideEncryption(KeyStore keys) { _keys = keys; }

        public ObjectEncryption ForNewObject(IncomingRequest request)
        {
            var algorithm = request.Header(AlgorithmHeader);
            var keyId = request.Header(KeyIdHeader);
            if (algorithm is null)
            {
                if (keyId is not null)
                {
                    throw S3Error.InvalidArgument("Specifying the KMS key id requires x-amz-server-side-encryption: aws:kms.", KeyIdHeader, keyId);
                }
                return ObjectEncryption.S3Managed;
            }
            switch (algorithm)
            {
                case "AES256":
                    return ObjectEncryption.S3Managed;
                case "aws:kms":
                case "aws:kms:dsse":
                    var key = keyId is null ? _keys.GetOrCreateAwsManagedKey("alias/aws/s3") : Resolve(keyId);
                    RequireEnabled(key);
                    return ObjectEncryption.Kms(key.Arn);
                default:
                    throw S3Error.InvalidArgument("The encryption method specified is not supported", AlgorithmHeader, algorithm);
            }
        }

        /// <summary>Reading an SSE-KMS object needs its key usable (S3 asks KMS to decrypt the data key).</summary>
        public void RequireReadable(StoredObject obj)
        {
            if (obj.Encryption.KmsKeyArn is null) return;
            if (!_keys.TryResolve(obj.Encryption.KmsKeyArn, out var key))
            {
                throw new S3Error(400, "KMS.NotFoundException", $"Invalid keyId '{obj.Encryption.KmsKeyArn}'");
            }
            RequireEnabled(key);
        }

        private KmsKey Resolve(string keyId)
        {
            if (!_keys.TryResolve(keyId, out var key)) throw new S3Error(400, "KMS.NotFoundException", $"Invalid keyId '{keyId}'");
            return key;
        }

        private static void RequireEnabled(KmsKey key)
        {
            if (!key.Enabled) throw new S3Error(400, "KMS.DisabledException", $"{key.Arn} is disabled.");
        }
    }
}
