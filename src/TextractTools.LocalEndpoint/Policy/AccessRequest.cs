using System;
using System.Collections.Generic;

namespace TextractTools.LocalEndpoint.Policy
{
    /// <summary>
    /// One question to the policies: may <see cref="PrincipalArn"/> do <see cref="Action"/> on <see cref="Resource"/>,
    /// with these condition keys (s3:prefix, kms:ViaService, aws:PrincipalArn, ...; names compare case-insensitively)?
    /// </summary>
    public sealed class AccessRequest
    {
        private readonly Dictionary<string, string> _keys = new(StringComparer.OrdinalIgnoreCase);

        public AccessRequest(string action, string resource, string principalArn, string accountId)
        {
            Action = action;
            Resource = resource;
            PrincipalArn = principalArn;
            AccountId = accountId;
            _keys["aws:PrincipalArn"] = principalArn;
            _keys["aws:PrincipalAccount"] = accountId;
        }

        public string Action { get; }
        public string Resource { get; }
        public string PrincipalArn { get; }
        public string AccountId { get; }

        /// <summary>Adds a condition key; a null value leaves the key absent (as for ListBucket without a prefix).</summary>
        public AccessRequest With(string key, string? value)
        {
            if (value is not null) _keys[key] = value;
            return this;
        }

        public bool TryGetKey(string key, out string value) => _keys.TryGetValue(key, out value!);
    }
}
