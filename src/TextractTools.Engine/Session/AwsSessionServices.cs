using System;
using System.Threading;
using System.Threading.Tasks;
using TextractTools.Engine.Access;
using TextractTools.Engine.Api;
using TextractTools.Engine.Batch;
using TextractTools.Engine.Jobs;
using TextractTools.Engine.Output;

namespace TextractTools.Engine.Session
{
    /// <summary>
    /// The engine's services built on a session's clients, for the cmdlet assembly. That assembly must not name an
    /// AWSSDK type, not even as the type of a property it reads: on PowerShell 7 it lives in the default load context,
    /// where the runtime would bind such a name to whatever AWSSDK AWS.Tools loaded there, while the engine's clients
    /// come from the module's own load context. Everything that hands an S3, KMS or SQS client over therefore happens
    /// here, inside the engine. (A test checks the cmdlet assembly's references.)
    /// </summary>
    public static class AwsSessionServices
    {
        /// <summary>Uploads local documents to S3 with the session's S3 client.</summary>
        public static DocumentUploader CreateDocumentUploader(this AwsSession session) => new DocumentUploader(session.S3)
        {
            ResolveKeyArn = (key, ct) => KmsKeyMatcher.ResolveArnAsync(session.Kms, key, ct),
        };

        /// <summary>Checks S3, KMS and Textract access with the session's clients.</summary>
        public static AccessPreflight CreateAccessPreflight(this AwsSession session) =>
            new AccessPreflight(session.S3, session.Kms, session.Textract, session.Region);

        /// <summary>Reads jobs' output through the Get API or from the output bucket.</summary>
        public static JobOutputReader CreateJobOutputReader(this AwsSession session) => new JobOutputReader(session.Textract, session.S3);

        /// <summary>Audits the encryption of Textract's output objects in S3.</summary>
        public static OutputEncryptionAuditor CreateOutputEncryptionAuditor(this AwsSession session) => new OutputEncryptionAuditor(session.S3);

        /// <summary>Lists the documents under an S3 prefix.</summary>
        public static S3DocumentLister CreateDocumentLister(this AwsSession session) => new S3DocumentLister(session.S3);

        /// <summary>Runs a batch with the session's Textract and S3 clients.</summary>
        public static BatchRunner CreateBatchRunner(this AwsSession session, BatchJournal journal, BatchOptions options) =>
            new BatchRunner(session.Textract, session.S3, journal, options);

        /// <summary>Waits for jobs through the notifications an SQS queue receives.</summary>
        public static QueueNotificationWaiter CreateQueueNotificationWaiter(this AwsSession session, string queueUrl, Func<TextractJob, ITextractApi> apiFor) =>
            new QueueNotificationWaiter(session.Sqs, queueUrl, apiFor);

        /// <summary>Resolves a KMS key id, ARN or alias to the key's ARN.</summary>
        public static Task<string> ResolveKmsKeyArnAsync(this AwsSession session, string keyReference, CancellationToken cancellationToken) =>
            KmsKeyMatcher.ResolveArnAsync(session.Kms, keyReference, cancellationToken);
    }
}
