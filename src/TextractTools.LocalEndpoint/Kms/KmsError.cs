using System;

namespace TextractTools.LocalEndpoint.Kms
{
    /// <summary>A KMS error answer (JSON 1.1 "__type"), thrown by the operations and written by <see cref="KmsService"/>.</summary>
    public sealed class KmsError : Exception
    {
        public KmsError(string code, string message, int statusCode = 400) : base(message)
        {
            Code = code;
            StatusCode = statusCode;
        }

        public string Code { get; }
        public int StatusCode { get; }

        public static KmsError Validation(string member, string constraint) =>
            new("ValidationException", $"1 validation error detected: Value at '{member}' failed to satisfy constraint: {constraint}");

        public static KmsError Missing(string member) =>
            new("ValidationException", $"1 validation error detected: Value null at '{member}' failed to satisfy constraint: Member must not be null");
    }
}
