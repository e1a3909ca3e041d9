using System;

namespace TextractTools.Engine.Validation
{
    /// <summary>What kind of problem a refused value has: the cmdlets turn it into an error category.</summary>
    public enum ParameterProblem
    {
        /// <summary>The value is malformed or contradicts another (a key id of the wrong shape, an empty value).</summary>
        InvalidValue,

        /// <summary>The thing the value names cannot be used as asked (a file that is no PDF, TIFF, JPEG or PNG; empty output).</summary>
        InvalidContent,

        /// <summary>The thing the value names is beyond a service limit (a 600 MB PDF, 31 queries on a page).</summary>
        LimitExceeded,

        /// <summary>A local place the command must write to cannot be created or written.</summary>
        NotWritable,
    }

    /// <summary>
    /// A value refused before any AWS call, with an error id that names the problem (EmptyKmsKeyId, UnsupportedDocumentFormat,
    /// DocumentTooLarge ...), what kind of problem it is, and the parameter. The message says what is wrong and what to do.
    /// </summary>
    public sealed class ParameterValueException : ArgumentException
    {
        private readonly string _message;

        public ParameterValueException(string errorId, ParameterProblem problem, string parameterName, string message, Exception? inner = null)
            : base(message, parameterName, inner)
        {
            ErrorId = errorId ?? throw new ArgumentNullException(nameof(errorId));
            Problem = problem;
            _message = message;
        }

        /// <summary>A stable id for scripts and error records, e.g. "InvalidKmsKeyId".</summary>
        public string ErrorId { get; }

        public ParameterProblem Problem { get; }

        /// <summary>The message as given: ArgumentException would append the parameter's name, which ours name already.</summary>
        public override string Message => _message;

        /// <summary>A malformed value of <paramref name="parameterName"/>: error id "Invalid" + the parameter's name.</summary>
        public static ParameterValueException Invalid(string parameterName, string message) =>
            new ParameterValueException("Invalid" + parameterName, ParameterProblem.InvalidValue, parameterName, message);
    }
}
