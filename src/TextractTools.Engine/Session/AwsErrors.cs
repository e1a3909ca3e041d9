using System;
using Amazon.Runtime;

namespace TextractTools.Engine.Session
{
    /// <summary>
    /// Describes the AWS SDK's exceptions (S3, KMS, SQS, credentials) in plain values. The cmdlet assembly must not
    /// name AWSSDK types: on PowerShell 7 it lives in the default load context, where AWS.Tools' older AWSSDK.Core
    /// may be loaded, while the engine and our AWSSDK live in the module's own context.
    /// </summary>
    public static class AwsErrors
    {
        /// <summary>
        /// True when <paramref name="exception"/> is a service's answer (an HTTP error with an error code);
        /// <paramref name="code"/> is that code (or "AwsServiceError" when the answer had none).
        /// </summary>
        public static bool TryGetServiceError(Exception exception, out string code, out int statusCode)
        {
            if (exception is AmazonServiceException service)
            {
                code = string.IsNullOrEmpty(service.ErrorCode) ? "AwsServiceError" : service.ErrorCode;
                statusCode = (int)service.StatusCode;
                return true;
            }
            code = "";
            statusCode = 0;
            return false;
        }

        /// <summary>
        /// True for the SDK's client-side failures: refused connection, DNS, TLS, timeout, an answer it could not read,
        /// or no credentials. Ask <see cref="TryGetServiceError"/> first: the SDK may class service answers as these too.
        /// </summary>
        public static bool IsClientError(Exception? exception) => exception is AmazonClientException;
    }
}
