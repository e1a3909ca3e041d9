using System;
using System.Management.Automation;
using TextractTools.Engine.Api;
using TextractTools.Engine.Document;
using TextractTools.Engine.Session;
using TextractTools.Engine.Validation;

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
                case ParameterValueException refused:
                    return Make(refused, refused.ErrorId, CategoryOf(refused.Problem), target ?? refused.ParamName, ActionFor(refused));
                case ArgumentException arg:
                    // A value refused by name gets an id naming the parameter (InvalidOutputUri, InvalidQueueUrl ...).
                    var invalid = Make(arg, arg.ParamName is null ? "InvalidArgument" : "Invalid" + arg.ParamName, ErrorCategory.InvalidArgument, target,
                        "Correct the value named in the message and run the command again.");
                    // ArgumentException appends "(Parameter 'x')"; our messages name the parameter already.
                    if (arg.ParamName != null)
                        invalid.ErrorDetails = new ErrorDetails(arg.Message.Replace($" (Parameter '{arg.ParamName}')", ""))
                        {
                            RecommendedAction = invalid.ErrorDetails!.RecommendedAction,
                        };
                    return invalid;
                case Exception aws when AwsErrors.IsAwsError(aws):
                    return FromAwsFailure(aws, target);
                case TextractOutputException output:
                    return Make(output, "InvalidTextractOutput", ErrorCategory.InvalidData, target,
                        "Check that the location holds the complete, unmodified output of one Textract job (the Get API's JSON, or the numbered objects Textract wrote).");
                case System.IO.FileNotFoundException _:
                case System.IO.DirectoryNotFoundException _:
                    return Make(exception, "PathNotFound", ErrorCategory.ObjectNotFound, target, "Check the path and run the command again.");
                case UnauthorizedAccessException _:
                    return Make(exception, "PathAccessDenied", ErrorCategory.PermissionDenied, target, "Check that you may read (or write) the path.");
                case System.IO.InvalidDataException _:
                case FormatException _:
                    return Make(exception, exception.GetType().Name, ErrorCategory.InvalidData, target,
                        "The data is not in the expected format; the message names what is wrong.");
                case OperationCanceledException _:
                    return Make(exception, "OperationStopped", ErrorCategory.OperationStopped, target, null);
                case InvalidOperationException _:
                    return Make(exception, "InvalidOperation", ErrorCategory.InvalidOperation, target, null);
                default:
                    return Make(exception, exception.GetType().Name, ErrorCategory.NotSpecified, target, null);
            }
        }

        private static ErrorCategory CategoryOf(ParameterProblem problem)
        {
            switch (problem)
            {
                case ParameterProblem.InvalidContent: return ErrorCategory.InvalidData;
                case ParameterProblem.LimitExceeded: return ErrorCategory.LimitsExceeded;
                case ParameterProblem.NotWritable: return ErrorCategory.WriteError;
                default: return ErrorCategory.InvalidArgument;
            }
        }

        private static string ActionFor(ParameterValueException refused)
        {
            switch (refused.Problem)
            {
                case ParameterProblem.InvalidContent:
                case ParameterProblem.LimitExceeded:
                    return "Nothing was uploaded or started for this document: fix or replace it (the message says how), or leave it out.";
                case ParameterProblem.NotWritable:
                    return "Nothing was uploaded or started: give a folder this account can create and write, or fix its permissions.";
                default:
                    return $"Correct -{refused.ParamName} as the message says and run the command again (nothing was sent to AWS for this value).";
            }
        }

        public static ErrorRecord Make(Exception exception, string errorId, ErrorCategory category, object? target, string? recommendedAction)
        {
            var record = new ErrorRecord(exception, errorId, category, target);
            if (recommendedAction != null) record.ErrorDetails = new ErrorDetails(exception.Message) { RecommendedAction = recommendedAction };
            return record;
        }

        /// <summary>
        /// An AWS failure, by the engine's one classification (AwsFailures): the error id is the service's code, the
        /// category follows the kind of failure, and the action is what to do about that code.
        /// </summary>
        private static ErrorRecord FromAwsFailure(Exception exception, object? target)
        {
            var failure = AwsFailures.Classify(exception);
            switch (failure.Code)
            {
                case "NoAwsCredentials":
                    return Make(exception, failure.Code, ErrorCategory.AuthenticationError, target, AwsFailures.CredentialsAdvice(failure.Code));
                case AwsFailures.NoAnswer:
                case "AwsClientError":
                    // No answer at all (refused, DNS, TLS, timeout) or an answer the SDK could not read.
                    return Make(exception, "AwsClientError", ErrorCategory.ConnectionError, target,
                        "Check -EndpointUrl and -Region, the network path to the endpoint, and any proxy; then run the command again.");
            }
            // Our Textract exceptions carry the code already; other services' get it in front of their message.
            // Without the SDK's stand-in text for answers without a body, and raw KMS answers passed on by S3 said plainly.
            var shown = exception is TextractServiceException ? exception : new InvalidOperationException($"{failure.Code}: {AwsFailures.MessageOf(exception)}", exception);
            // Credentials AWS refuses: what to correct about them (the engine says it once, for the preflight too).
            var action = failure.Kind == AwsFailureKind.Credentials ? AwsFailures.CredentialsAdvice(failure.Code) : ActionFor(failure.Code);
            return Make(shown, failure.Code, CategoryOf(failure), target, action);
        }

        private static ErrorCategory CategoryOf(AwsFailure failure)
        {
            switch (failure.Kind)
            {
                case AwsFailureKind.Throttled:
                case AwsFailureKind.JobLimit:
                    return ErrorCategory.LimitsExceeded;
                case AwsFailureKind.Transient:
                    return failure.Code == TextractErrors.RequestTimeout || failure.Code == "RequestTimeout" ? ErrorCategory.OperationTimeout
                        : failure.Code == TextractErrors.InvalidResponse ? ErrorCategory.InvalidResult
                        : ErrorCategory.ConnectionError;
                case AwsFailureKind.CallerFault:
                    return ErrorCategory.InvalidArgument;
                case AwsFailureKind.BadDocument:
                    return ErrorCategory.InvalidData;
                case AwsFailureKind.NotFound:
                    return ErrorCategory.ObjectNotFound;
                case AwsFailureKind.AccessDenied:
                    return ErrorCategory.PermissionDenied;
                case AwsFailureKind.Credentials:
                    return ErrorCategory.AuthenticationError;
                case AwsFailureKind.Unavailable:
                    return ErrorCategory.ResourceUnavailable;
                case AwsFailureKind.Cancelled:
                    return ErrorCategory.OperationStopped;
                default:
                    return ErrorCategory.NotSpecified;
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
                case "BadDocumentException":
                    return "Textract could not read the document: check that it opens, is not password-protected, and is a PDF, TIFF, JPEG or PNG.";
                case "DocumentTooLargeException":
                    return "The asynchronous API takes documents of up to 500 MB (PDF, TIFF) or 10 MB (JPEG, PNG) and 3000 pages: split the document.";
                case "InvalidParameterException":
                    return "Textract refused a parameter: the message names it; check -Feature, -Query, -Adapter, the output location and -KmsKeyId.";
                case "NoSuchBucket":
                    return "The bucket does not exist in this account and region (or endpoint): check the name, -Region and -EndpointUrl.";
                case "NoSuchKey":
                case "NotFound":
                    return "No object has this key: check the S3 location (keys are case-sensitive).";
                case "NotFoundException":
                case "KMS.NotFoundException":
                    return "The KMS key or alias does not exist in this region: check -KmsKeyId (an alias is written alias/name) and -Region.";
                case "DisabledException":
                case "KMSInvalidStateException":
                case "KMS.DisabledException":
                case "KMS.KMSInvalidStateException":
                    return "The KMS key is disabled or pending deletion: enable it, or use another key.";
                case "InternalServerError":
                    return "The service failed after retries; run the command again later.";
                case TextractErrors.ConnectionFailure:
                    return "Textract could not be reached: check -EndpointUrl and -Region, the network path and any proxy.";
                case TextractErrors.RequestTimeout:
                    return "Textract did not answer in time after retries; run the command again later.";
                default:
                    return null;
            }
        }
    }
}
