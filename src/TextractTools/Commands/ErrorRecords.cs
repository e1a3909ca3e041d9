using System;
using System.Management.Automation;
using Amazon.Runtime;
using TextractTools.Engine.Api;

namespace TextractTools.Commands
{
    /// <summary>
    /// Turns engine and service exceptions into ErrorRecords that carry a category, the target object, an error id
    /// that names the service's code, and a recommended action that says what to do.
    /// </summary>
    internal static class ErrorRecords
    {
        public static ErrorRecord From(Exception exception, object? target)
        {
            switch (exception)
            {
                case ArgumentException arg:
                    var invalid = Make(arg, "InvalidArgument", ErrorCategory.InvalidArgument, target,
                        "Correct the value named in the message and run the command again.");
                    // ArgumentException appends "(Parameter 'x')"; our messages name the parameter already.
                    if (arg.ParamName != null)
                        invalid.ErrorDetails = new ErrorDetails(arg.Message.Replace($" (Parameter '{arg.ParamName}')", ""))
                        {
                            RecommendedAction = invalid.ErrorDetails!.RecommendedAction,
                        };
                    return invalid;
                case TextractServiceException service:
                    return Make(service, service.ErrorCode, CategoryOf(service.ErrorCode, service.StatusCode), target,
                        ActionFor(service.ErrorCode));
                case AmazonServiceException aws:
                    var code = string.IsNullOrEmpty(aws.ErrorCode) ? "AwsServiceError" : aws.ErrorCode;
                    var wrapped = new InvalidOperationException($"{code}: {aws.Message}", aws);
                    return Make(wrapped, code, CategoryOf(code, (int)aws.StatusCode), target, ActionFor(code));
                case TimeoutException timeout:
                    return Make(timeout, "Timeout", ErrorCategory.OperationTimeout, target,
                        "Run the command again later, or with a larger -TimeoutSec.");
                default:
                    return Make(exception, exception.GetType().Name, ErrorCategory.NotSpecified, target, null);
            }
        }

        public static ErrorRecord Make(Exception exception, string errorId, ErrorCategory category, object? target, string? recommendedAction)
        {
            var record = new ErrorRecord(exception, errorId, category, target);
            if (recommendedAction != null) record.ErrorDetails = new ErrorDetails(exception.Message) { RecommendedAction = recommendedAction };
            return record;
        }

        private static ErrorCategory CategoryOf(string code, int status)
        {
            switch (code)
            {
                case "AccessDeniedException":
                case "AccessDenied":
                case "InvalidAccessKeyId":
                case "SignatureDoesNotMatch":
                case "InvalidSignatureException":
                case "UnrecognizedClientException":
                    return ErrorCategory.PermissionDenied;
                case "InvalidS3ObjectException":
                case "NoSuchKey":
                case "NoSuchBucket":
                case "InvalidJobIdException":
                case "NotFoundException":
                    return ErrorCategory.ObjectNotFound;
                case "ThrottlingException":
                case "ProvisionedThroughputExceededException":
                case "LimitExceededException":
                case "SlowDown":
                    return ErrorCategory.LimitsExceeded;
                case "InvalidParameterException":
                case "InvalidKMSKeyException":
                case "IdempotentParameterMismatchException":
                    return ErrorCategory.InvalidArgument;
                case "UnsupportedDocumentException":
                case "BadDocumentException":
                case "DocumentTooLargeException":
                    return ErrorCategory.InvalidData;
                default:
                    return status >= 500 ? ErrorCategory.ConnectionError : ErrorCategory.NotSpecified;
            }
        }

        private static string? ActionFor(string code)
        {
            switch (code)
            {
                case "InvalidS3ObjectException":
                    return "Check that the bucket and key exist, that the bucket is in the same region as Textract, and that you have s3:GetObject on the document (and s3:PutObject on the output prefix). Test-TextractAccess checks each.";
                case "InvalidKMSKeyException":
                    return "Check that the KMS key exists, is enabled, is in the job's region, and that you may use it (kms:GenerateDataKey, kms:Decrypt, kms:DescribeKey).";
                case "AccessDeniedException":
                case "AccessDenied":
                    return "Your identity lacks a permission for this call; New-TextractAccessPolicy shows the policy a Textract caller needs.";
                case "InvalidSignatureException":
                case "SignatureDoesNotMatch":
                    return "The secret key does not match the access key: check -SecretKey, the profile, or AWS_SECRET_ACCESS_KEY.";
                case "UnrecognizedClientException":
                case "InvalidAccessKeyId":
                    return "The access key is unknown to this endpoint or account: check -AccessKey, the profile, or AWS_ACCESS_KEY_ID.";
                case "InvalidJobIdException":
                    return "The job id is unknown in this region or older than 7 days; read its output from the output bucket with Get-TextractOutput -S3Uri.";
                case "IdempotentParameterMismatchException":
                    return "The same ClientRequestToken was used with other parameters; pass another -ClientRequestToken.";
                case "ThrottlingException":
                case "ProvisionedThroughputExceededException":
                    return "Textract's request rate quota was exceeded after retries; run fewer jobs at once or ask for a quota increase.";
                case "LimitExceededException":
                    return "Too many concurrent jobs; wait for running jobs to finish and start again.";
                case "UnsupportedDocumentException":
                    return "Textract reads PDF, TIFF, JPEG and PNG documents only.";
                default:
                    return null;
            }
        }
    }
}
