using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace TextractTools.LocalEndpoint.Textract
{
    /// <summary>
    /// Reads members of a JSON 1.1 request body and applies the service model's constraints (length and pattern).
    /// The model's patterns are matched against the whole value, as the service's validator does, even where the
    /// model text leaves them unanchored.
    /// </summary>
    internal static class RequestMembers
    {
        public static JsonElement ParseBody(byte[] body)
        {
            // The SDK sends "{}" for a request with no members; an empty body is treated the same way.
            if (body.Length == 0) return JsonDocument.Parse("{}").RootElement.Clone();
            try
            {
                using var document = JsonDocument.Parse(body);
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                    throw TextractException.Serialization("The request body must be a JSON object.");
                return document.RootElement.Clone();
            }
            catch (JsonException e)
            {
                throw TextractException.Serialization("The request body is not valid JSON: " + e.Message);
            }
        }

        public static JsonElement? OptionalObject(JsonElement parent, string name)
        {
            if (!TryGetPresent(parent, name, out var value)) return null;
            if (value.ValueKind != JsonValueKind.Object) throw WrongType(name, "an object");
            return value;
        }

        public static JsonElement RequiredObject(JsonElement parent, string name) =>
            OptionalObject(parent, name) ?? throw TextractException.InvalidParameter($"{name} is required.");

        public static IReadOnlyList<JsonElement>? OptionalList(JsonElement parent, string name, int minItems, int maxItems)
        {
            if (!TryGetPresent(parent, name, out var value)) return null;
            if (value.ValueKind != JsonValueKind.Array) throw WrongType(name, "a list");
            var items = new List<JsonElement>();
            foreach (var item in value.EnumerateArray()) items.Add(item);
            if (items.Count < minItems || items.Count > maxItems)
                throw TextractException.InvalidParameter($"{name} must have {minItems} to {maxItems} items.");
            return items;
        }

        public static string? OptionalString(JsonElement parent, string name, int minLength, int maxLength, Regex? pattern)
        {
            if (!TryGetPresent(parent, name, out var value)) return null;
            if (value.ValueKind != JsonValueKind.String) throw WrongType(name, "a string");
            return CheckString(name, value.GetString()!, minLength, maxLength, pattern);
        }

        public static string RequiredString(JsonElement parent, string name, int minLength, int maxLength, Regex? pattern) =>
            OptionalString(parent, name, minLength, maxLength, pattern)
            ?? throw TextractException.InvalidParameter($"{name} is required.");

        public static string CheckString(string name, string value, int minLength, int maxLength, Regex? pattern)
        {
            if (value.Length < minLength || value.Length > maxLength)
                throw TextractException.InvalidParameter($"{name} must be {minLength} to {maxLength} characters long.");
            if (pattern is not null && !pattern.IsMatch(value))
                throw TextractException.InvalidParameter($"{name} '{value}' does not match the pattern {pattern}.");
            return value;
        }

        public static int? OptionalInteger(JsonElement parent, string name)
        {
            if (!TryGetPresent(parent, name, out var value)) return null;
            if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var number)) throw WrongType(name, "an integer");
            // Out-of-range numbers are a constraint violation, not a type error: clamp into int's range and let the
            // caller's range check reject them.
            return (int)Math.Clamp(number, int.MinValue, int.MaxValue);
        }

        // JSON null is how some clients spell "absent"; the service treats it so.
        private static bool TryGetPresent(JsonElement parent, string name, out JsonElement value) =>
            parent.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;

        private static TextractException WrongType(string name, string expected) =>
            TextractException.Serialization($"{name} must be {expected}.");
    }

    /// <summary>The service model's patterns, anchored.</summary>
    internal static class TextractPatterns
    {
        public static readonly Regex BucketName = new(@"^[0-9A-Za-z\.\-_]*$", RegexOptions.CultureInvariant);
        public static readonly Regex NonBlank = new(@"^(?s).*\S.*$", RegexOptions.CultureInvariant);
        public static readonly Regex KmsKeyId = new(@"^[A-Za-z0-9][A-Za-z0-9:_/+=,@.-]{0,2048}$", RegexOptions.CultureInvariant);
        public static readonly Regex JobTag = new(@"^[a-zA-Z0-9_.\-:]+$", RegexOptions.CultureInvariant);
        public static readonly Regex TokenOrJobId = new(@"^[a-zA-Z0-9-_]+$", RegexOptions.CultureInvariant);
        public static readonly Regex SnsTopicArn = new(@"^arn:([a-z\d-]+):sns:[a-zA-Z\d-]{1,20}:\w{12}:.+$", RegexOptions.CultureInvariant);
        public static readonly Regex RoleArn = new(@"^arn:([a-z\d-]+):iam::\d{12}:role/?[a-zA-Z_0-9+=,.@\-_/]+$", RegexOptions.CultureInvariant);
        public static readonly Regex QueryText = new(@"^[\x20-\x7E\s]+$", RegexOptions.CultureInvariant);
        public static readonly Regex QueryPage = new(@"^[0-9\*\-]+$", RegexOptions.CultureInvariant);
        public static readonly Regex AdapterId = new(@"^[a-zA-Z0-9-_]+$", RegexOptions.CultureInvariant);
        public static readonly Regex AdapterVersion = new(@"^[a-zA-Z0-9-_]+$", RegexOptions.CultureInvariant);
    }
}
