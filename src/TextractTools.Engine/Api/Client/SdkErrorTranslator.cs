using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Transform;

namespace TextractTools.Engine.Api.Client
{
    /// <summary>
    /// Turns what the SDK pipeline throws into our <see cref="TextractServiceException"/> family, so no Amazon.* type
    /// leaves the Api folder. Cancellation asked for by the caller is not translated: it must reach the caller as the
    /// OperationCanceledException it is.
    /// </summary>
    internal static class SdkErrorTranslator
    {
        /// <param name="endpointDescription">Where the call went, for connection failure messages.</param>
        public static bool TryTranslate(Exception exception, CancellationToken cancellationToken, Func<string> endpointDescription, out TextractServiceException translated)
        {
            translated = null!;
            switch (exception)
            {
                case OperationCanceledException when cancellationToken.IsCancellationRequested:
                    return false;

                case OperationCanceledException timeout:
                    // Not the caller's token: HttpClient's timeout, after the SDK's retries.
                    translated = TextractErrors.Create(TextractErrors.RequestTimeout,
                        "The request to Textract at " + endpointDescription() + " timed out.", 0, null, timeout);
                    return true;

                case AmazonUnmarshallingException unreadable:
                    translated = TextractErrors.Create(TextractErrors.InvalidResponse,
                        "Textract's answer could not be read: " + unreadable.Message, (int)unreadable.StatusCode, unreadable.RequestId, unreadable);
                    return true;

                case AmazonServiceException service when service.StatusCode == 0 && IsNetworkFailure(service):
                    translated = ConnectionFailure(service, endpointDescription);
                    return true;

                case AmazonServiceException service:
                    var statusCode = (int)service.StatusCode;
                    var code = string.IsNullOrEmpty(service.ErrorCode) ? CodeForStatus(statusCode) : service.ErrorCode;
                    translated = TextractErrors.Create(code, service.Message, statusCode, service.RequestId, service);
                    return true;

                case AmazonClientException client when IsNetworkFailure(client):
                    translated = ConnectionFailure(client, endpointDescription);
                    return true;

                case AmazonClientException client:
                    translated = TextractErrors.Create(TextractErrors.ClientError, client.Message, 0, null, client);
                    return true;

                case HttpRequestException _:
                case IOException _:
                case SocketException _:
                case WebException _:
                    translated = ConnectionFailure(exception, endpointDescription);
                    return true;

                default:
                    return false;
            }
        }

        private static TextractServiceException ConnectionFailure(Exception exception, Func<string> endpointDescription)
        {
            var cause = Innermost(exception).Message;
            return TextractErrors.Create(TextractErrors.ConnectionFailure,
                "Could not reach Textract at " + endpointDescription() + ": " + cause, 0, null, exception);
        }

        private static string CodeForStatus(int statusCode)
            => statusCode > 0 ? "HttpStatus" + statusCode : "Unknown";

        private static bool IsNetworkFailure(Exception exception)
        {
            for (var current = exception; current != null; current = current.InnerException)
            {
                if (current is HttpRequestException || current is IOException || current is SocketException || current is WebException)
                {
                    return true;
                }
            }

            return false;
        }

        private static Exception Innermost(Exception exception)
        {
            var current = exception;
            while (current.InnerException != null)
            {
                current = current.InnerException;
            }

            return current;
        }
    }
}
