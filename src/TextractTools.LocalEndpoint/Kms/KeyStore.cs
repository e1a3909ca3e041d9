using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;

namespace TextractTools.LocalEndpoint.Kms
{
    public sealed class KmsKey
    {
        public KmsKey(string keyId, string arn, string description, byte[] material)
        {
            KeyId = keyId;
            Arn = arn;
            Description = description;
            Material = material;
        }

        public string KeyId { get; }
        public string Arn { get; }
        public string Description { get; }
        public bool Enabled { get; set; } = true;
        public DateTimeOffset Created { get; } = DateTimeOffset.UtcNow;

        /// <summary>"CUSTOMER" for keys made by CreateKey, "AWS" for the AWS managed keys such as aws/s3.</summary>
        public string KeyManager { get; internal set; } = "CUSTOMER";

        /// <summary>The 256-bit key that encrypts data keys (AES-GCM); never leaves the endpoint.</summary>
        internal byte[] Material { get; }
    }

    /// <summary>
    /// The endpoint's KMS keys and aliases, in memory. Resolves every form a caller may give: key id, key ARN,
    /// alias name ("alias/x") and alias ARN.
    /// </summary>
    public sealed class KeyStore
    {
        private readonly ConcurrentDictionary<string, KmsKey> _keys = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, string> _aliases = new(StringComparer.Ordinal);
        private readonly object _managedKeyLock = new();

        public KeyStore(string region, string accountId)
        {
            Region = region;
            AccountId = accountId;
        }

        public string Region { get; }
        public string AccountId { get; }

        /// <param name="keyId">A key id chosen by the caller (keys created at start have ids known in advance); null for a new GUID.</param>
        public KmsKey CreateKey(string description = "", string? keyId = null)
        {
            var id = keyId ?? Guid.NewGuid().ToString();
            var key = new KmsKey(id, $"arn:aws:kms:{Region}:{AccountId}:key/{id}", description, RandomNumberGenerator.GetBytes(32));
            _keys[id] = key;
            return key;
        }

        /// <summary>
        /// The AWS managed key behind an "aws/..." alias (e.g. aws/s3, which S3 uses for SSE-KMS without a key id),
        /// created on first use as AWS does.
        /// </summary>
        public KmsKey GetOrCreateAwsManagedKey(string aliasName)
        {
            if (!aliasName.StartsWith("alias/", StringComparison.Ordinal)) aliasName = "alias/" + aliasName;
            lock (_managedKeyLock)
            {
                if (TryResolve(aliasName, out var existing)) return existing;
                var service = aliasName.StartsWith("alias/aws/", StringComparison.Ordinal) ? aliasName.Substring("alias/aws/".Length) : aliasName.Substring("alias/".Length);
                var key = CreateKey($"Default key that protects my {service} data when no other key is defined");
                key.KeyManager = "AWS";
                _aliases[aliasName] = key.KeyId;
                return key;
            }
        }

        /// <summary>The ARN of an alias: arn:aws:kms:region:account:alias/name.</summary>
        public string AliasArn(string aliasName) => $"arn:aws:kms:{Region}:{AccountId}:{aliasName}";

        /// <summary>Adds alias ("alias/name") for the key; false when the alias exists.</summary>
        public bool CreateAlias(string aliasName, string keyId) => _aliases.TryAdd(aliasName, keyId);

        public IReadOnlyList<(string AliasName, string KeyId)> ListAliases() =>
            _aliases.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => (a.Key, a.Value)).ToList();

        /// <summary>Finds a key by key id, key ARN, alias name or alias ARN.</summary>
        public bool TryResolve(string? keyIdOrAlias, out KmsKey key)
        {
            key = null!;
            if (string.IsNullOrEmpty(keyIdOrAlias)) return false;
            var id = keyIdOrAlias!;
            var aliasArnMarker = ":alias/";
            var idx = id.IndexOf(aliasArnMarker, StringComparison.Ordinal);
            if (id.StartsWith("arn:", StringComparison.Ordinal) && idx > 0) id = id.Substring(idx + 1);
            if (id.StartsWith("alias/", StringComparison.Ordinal))
            {
                if (!_aliases.TryGetValue(id, out var target)) return false;
                id = target;
            }
            else if (id.StartsWith("arn:", StringComparison.Ordinal))
            {
                var k = id.IndexOf(":key/", StringComparison.Ordinal);
                if (k < 0) return false;
                id = id.Substring(k + 5);
            }
            return _keys.TryGetValue(id, out key!);
        }
    }
}
