using System;
using Amazon.Runtime;
using TextractTools.Engine.Api;

namespace TextractTools.Engine.Session
{
    /// <summary>
    /// Tells AWS failures from other exceptions for the cmdlet assembly, which must not name AWSSDK types: on
    /// PowerShell 7 it lives in the default load context, where AWS.Tools' older AWSSDK.Core may be loaded, while the
    /// engine and our AWSSDK live in the module's own context. What kind of failure it is, is <see cref="AwsFailures"/>' to say.
    /// </summary>
    public static class AwsErrors
    {
        /// <summary>
        /// True for a service's answer (Textract, S3, KMS, SQS), the SDK's client-side failures (refused connection,
        /// DNS, TLS, an answer it could not read), and the session's "no credentials found".
        /// </summary>
        public static bool IsAwsError(Exception exception) =>
            exception is TextractServiceException
            || exception is AmazonServiceException
            || exception is AmazonClientException
            || (exception is InvalidOperationException && exception.InnerException is AmazonClientException);
    }
}
