using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using TextractTools.LocalEndpoint.Hosting;
using TextractTools.LocalEndpoint.Policy;

namespace TextractTools.LocalEndpoint.Kms
{
    /// <summary>
    /// KMS over JSON 1.1 (X-Amz-Target: TrentService.Operation): the key management and cryptographic operations
    /// the module uses (keys, aliases, data keys, encrypt/decrypt, enable/disable).
    /// </summary>
    public sealed class KmsService : IJsonService
    {
        private static readonly Regex AliasNamePattern = new("^alias/[a-zA-Z0-9/_-]{1,250}$", RegexOptions.CultureInvariant);

        private readonly KeyStore _keys;
        private readonly Authorizer _authorizer;
        private readonly Dictionary<string, Func<JsonElement, JsonObject>> _operations;

        /// <param name="authorizer">The policy checks; null (or <see cref="Authorizer.AllowAll"/>) allows everything.</param>
        public KmsService(KeyStore keys, Authorizer? authorizer = null)
        {
            _keys = keys;
            _authorizer = authorizer ?? Authorizer.AllowAll;
            _operations = new Dictionary<string, Func<JsonElement, JsonObject>>(StringComparer.Ordinal)
            {
                ["CreateKey"] = CreateKey,
                ["DescribeKey"] = r => new JsonObject { ["KeyMetadata"] = KeyMetadata(Find(r)) },
                ["CreateAlias"] = CreateAlias,
                ["ListAliases"] = ListAliases,
                ["EnableKey"] = r => SetEnabled(r, true),
                ["DisableKey"] = r => SetEnabled(r, false),
                ["GenerateDataKey"] = r => GenerateDataKey(r, withPlaintext: true),
                ["GenerateDataKeyWithoutPlaintext"] = r => GenerateDataKey(r, withPlaintext: false),
                ["Encrypt"] = Encrypt,
                ["Decrypt"] = Decrypt,
            };
        }

        public string TargetPrefix => "TrentService";

        public Task<JsonServiceResponse> HandleAsync(string operation, byte[] body, CallContext context, CancellationToken cancellationToken)
        {
            if (!_operations.TryGetValue(operation, out var handler))
            {
                return Task.FromResult(JsonServiceResponse.Error(400, "UnknownOperationException", $"Operation {operation} is not supported by the local endpoint."));
            }
            try
            {
                using var doc = body.Length == 0 ? JsonDocument.Parse("{}") : JsonDocument.Parse(body);
                if (doc.RootElement.ValueKind != JsonValueKind.Object) throw new KmsError("SerializationException", "The request body must be a JSON object.");
                Authorize(operation, doc.RootElement, context);
                return Task.FromResult(JsonServiceResponse.Ok(handler(doc.RootElement).ToJsonString()));
            }
            catch (JsonException)
            {
                return Task.FromResult(JsonServiceResponse.Error(400, "SerializationException", "The request body is not valid JSON."));
            }
            catch (KmsError error)
            {
                return Task.FromResult(JsonServiceResponse.Error(error.StatusCode, error.Code, error.Message));
            }
        }

        /// <summary>
        /// kms:&lt;Operation&gt; on the key the request names (for Decrypt, the key inside the ciphertext), by key policy and
        /// identity policies; CreateKey and ListAliases have no key and are checked on "*". A key that cannot be
        /// resolved is left to the operation, which answers NotFoundException or InvalidCiphertextException.
        /// </summary>
        private void Authorize(string operation, JsonElement request, CallContext context)
        {
            if (!_authorizer.IsRestricted(context.AccessKeyId)) return;
            var action = "kms:" + operation;
            var keyReference = operation switch
            {
                "CreateKey" or "ListAliases" => null,
                "CreateAlias" => OptionalString(request, "TargetKeyId") ?? "",
                "Decrypt" => KeyIdOfCiphertext(request) ?? OptionalString(request, "KeyId") ?? "",
                _ => OptionalString(request, "KeyId") ?? "",
            };
            AccessDenial? denial;
            if (keyReference is null) denial = _authorizer.CheckAccountAction(context.AccessKeyId, action);
            else if (_keys.TryResolve(keyReference, out var key)) denial = _authorizer.CheckKmsKey(context.AccessKeyId, action, key.Arn);
            else return;
            if (denial is not null) throw new KmsError("AccessDeniedException", denial.Message);
        }

        private static string? KeyIdOfCiphertext(JsonElement request)
        {
            try { return OptionalString(request, "CiphertextBlob") is { } text ? KmsCiphertext.KeyIdOf(Convert.FromBase64String(text)) : null; }
            catch (FormatException) { return null; }
        }

        private JsonObject CreateKey(JsonElement request)
        {
            var usage = OptionalString(request, "KeyUsage");
            if (usage is not null && usage != "ENCRYPT_DECRYPT")
            {
                throw new KmsError("UnsupportedOperationException", "The local endpoint supports symmetric ENCRYPT_DECRYPT keys only.");
            }
            var spec = OptionalString(request, "KeySpec") ?? OptionalString(request, "CustomerMasterKeySpec");
            if (spec is not null && spec != "SYMMETRIC_DEFAULT")
            {
                throw new KmsError("UnsupportedOperationException", "The local endpoint supports SYMMETRIC_DEFAULT keys only.");
            }
            var key = _keys.CreateKey(OptionalString(request, "Description") ?? "");
            return new JsonObject { ["KeyMetadata"] = KeyMetadata(key) };
        }

        private JsonObject CreateAlias(JsonElement request)
        {
            var aliasName = RequiredString(request, "AliasName");
            var target = RequiredString(request, "TargetKeyId");
            if (!AliasNamePattern.IsMatch(aliasName) || aliasName.StartsWith("alias/aws/", StringComparison.Ordinal))
            {
                throw new KmsError("InvalidAliasNameException",
                    $"Alias name '{aliasName}' must start with 'alias/', use only letters, digits, '/', '_' and '-', and not start with 'alias/aws/'.");
            }
            if (target.StartsWith("alias/", StringComparison.Ordinal) || target.Contains(":alias/"))
            {
                throw new KmsError("ValidationException", "TargetKeyId must be a key id or key ARN, not an alias.");
            }
            var key = Find(target);
            if (!_keys.CreateAlias(aliasName, key.KeyId))
            {
                throw new KmsError("AlreadyExistsException", $"An alias with the name {_keys.AliasArn(aliasName)} already exists");
            }
            return new JsonObject();
        }

        private JsonObject ListAliases(JsonElement request)
        {
            var filter = OptionalString(request, "KeyId");
            string? filterKeyId = null;
            if (filter is not null) filterKeyId = Find(filter).KeyId;
            var aliases = new JsonArray();
            foreach (var (aliasName, keyId) in _keys.ListAliases().Where(a => filterKeyId is null || a.KeyId == filterKeyId))
            {
                aliases.Add(new JsonObject
                {
                    ["AliasName"] = aliasName,
                    ["AliasArn"] = _keys.AliasArn(aliasName),
                    ["TargetKeyId"] = keyId,
                });
            }
            return new JsonObject { ["Aliases"] = aliases, ["Truncated"] = false };
        }

        private JsonObject SetEnabled(JsonElement request, bool enabled)
        {
            Find(RequiredString(request, "KeyId")).Enabled = enabled;
            return new JsonObject();
        }

        private JsonObject GenerateDataKey(JsonElement request, bool withPlaintext)
        {
            var key = FindUsable(request);
            var spec = OptionalString(request, "KeySpec");
            int? numberOfBytes = request.TryGetProperty("NumberOfBytes", out var n) && n.ValueKind == JsonValueKind.Number ? n.GetInt32() : null;
            if ((spec is null) == (numberOfBytes is null))
            {
                throw new KmsError("ValidationException", "Please specify either number of bytes or key spec.");
            }
            var length = spec switch
            {
                null => numberOfBytes!.Value,
                "AES_256" => 32,
                "AES_128" => 16,
                _ => throw KmsError.Validation("keySpec", "Member must satisfy enum value set: [AES_256, AES_128]"),
            };
            if (length < 1 || length > 1024) throw KmsError.Validation("numberOfBytes", "Member must have value between 1 and 1024");
            var plaintext = System.Security.Cryptography.RandomNumberGenerator.GetBytes(length);
            var result = new JsonObject
            {
                ["CiphertextBlob"] = Convert.ToBase64String(KmsCiphertext.Encrypt(key, plaintext, Context(request))),
                ["KeyId"] = key.Arn,
            };
            if (withPlaintext) result["Plaintext"] = Convert.ToBase64String(plaintext);
            return result;
        }

        private JsonObject Encrypt(JsonElement request)
        {
            var key = FindUsable(request);
            var plaintext = RequiredBlob(request, "Plaintext");
            if (plaintext.Length < 1 || plaintext.Length > 4096) throw KmsError.Validation("plaintext", "Member must have length between 1 and 4096");
            return new JsonObject
            {
                ["CiphertextBlob"] = Convert.ToBase64String(KmsCiphertext.Encrypt(key, plaintext, Context(request))),
                ["KeyId"] = key.Arn,
                ["EncryptionAlgorithm"] = "SYMMETRIC_DEFAULT",
            };
        }

        private JsonObject Decrypt(JsonElement request)
        {
            var blob = RequiredBlob(request, "CiphertextBlob");
            var keyIdInBlob = KmsCiphertext.KeyIdOf(blob);
            if (keyIdInBlob is null || !_keys.TryResolve(keyIdInBlob, out var key))
            {
                throw new KmsError("InvalidCiphertextException", "The ciphertext is invalid or was not produced by this endpoint.");
            }
            var requested = OptionalString(request, "KeyId");
            if (requested is not null && (!_keys.TryResolve(requested, out var named) || named.KeyId != key.KeyId))
            {
                throw new KmsError("IncorrectKeyException", "The key ID in the request does not identify a CMK that can perform this operation.");
            }
            RequireEnabled(key);
            var plaintext = KmsCiphertext.Decrypt(key, blob, Context(request))
                ?? throw new KmsError("InvalidCiphertextException", "The ciphertext or its encryption context does not match.");
            return new JsonObject
            {
                ["Plaintext"] = Convert.ToBase64String(plaintext),
                ["KeyId"] = key.Arn,
                ["EncryptionAlgorithm"] = "SYMMETRIC_DEFAULT",
            };
        }

        private JsonObject KeyMetadata(KmsKey key) => new()
        {
            ["AWSAccountId"] = _keys.AccountId,
            ["KeyId"] = key.KeyId,
            ["Arn"] = key.Arn,
            // JSON 1.1 timestamps are epoch seconds as a number.
            ["CreationDate"] = key.Created.ToUnixTimeMilliseconds() / 1000.0,
            ["Enabled"] = key.Enabled,
            ["Description"] = key.Description,
            ["KeyUsage"] = "ENCRYPT_DECRYPT",
            ["KeyState"] = key.Enabled ? "Enabled" : "Disabled",
            ["Origin"] = "AWS_KMS",
            ["KeyManager"] = key.KeyManager,
            ["CustomerMasterKeySpec"] = "SYMMETRIC_DEFAULT",
            ["KeySpec"] = "SYMMETRIC_DEFAULT",
            ["EncryptionAlgorithms"] = new JsonArray("SYMMETRIC_DEFAULT"),
            ["MultiRegion"] = false,
        };

        private KmsKey FindUsable(JsonElement request)
        {
            var key = Find(RequiredString(request, "KeyId"));
            RequireEnabled(key);
            return key;
        }

        private static void RequireEnabled(KmsKey key)
        {
            if (!key.Enabled) throw new KmsError("DisabledException", $"{key.Arn} is disabled.");
        }

        private KmsKey Find(JsonElement request) => Find(RequiredString(request, "KeyId"));

        /// <summary>Resolves a key id, key ARN, alias name or alias ARN; NotFoundException worded as KMS words it.</summary>
        private KmsKey Find(string reference)
        {
            if (_keys.TryResolve(reference, out var key)) return key;
            var isAlias = reference.StartsWith("alias/", StringComparison.Ordinal) || reference.Contains(":alias/");
            if (isAlias)
            {
                var arn = reference.StartsWith("arn:", StringComparison.Ordinal) ? reference : _keys.AliasArn(reference);
                throw new KmsError("NotFoundException", $"Alias {arn} is not found.");
            }
            var keyArn = reference.StartsWith("arn:", StringComparison.Ordinal) ? reference : $"arn:aws:kms:{_keys.Region}:{_keys.AccountId}:key/{reference}";
            throw new KmsError("NotFoundException", $"Key '{keyArn}' does not exist");
        }

        private static IReadOnlyDictionary<string, string>? Context(JsonElement request)
        {
            if (!request.TryGetProperty("EncryptionContext", out var ctx) || ctx.ValueKind != JsonValueKind.Object) return null;
            return ctx.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "", StringComparer.Ordinal);
        }

        private static string? OptionalString(JsonElement request, string name) =>
            request.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

        private static string RequiredString(JsonElement request, string name) =>
            OptionalString(request, name) is { Length: > 0 } value ? value : throw KmsError.Missing(char.ToLowerInvariant(name[0]) + name.Substring(1));

        private static byte[] RequiredBlob(JsonElement request, string name)
        {
            var text = RequiredString(request, name);
            try { return Convert.FromBase64String(text); }
            catch (FormatException) { throw new KmsError("SerializationException", $"{name} is not valid base64."); }
        }
    }
}
