using System;
using System.Collections.Generic;
using System.Linq;
using TextractTools.LocalEndpoint.Kms;

namespace TextractTools.LocalEndpoint.Policy
{
    /// <summary>
    /// The endpoint's permission checks, one method per kind of resource. Each returns null when the caller may go on
    /// and an <see cref="AccessDenial"/> otherwise; the services turn a denial into their protocol's error.
    /// <para>
    /// Without a policy file every caller may do everything (<see cref="AllowAll"/>). With one, only the principals it
    /// defines are restricted: the endpoint's own credentials (--access-key) stay an administrator, which tests and
    /// demos use to set up buckets and keys.
    /// </para>
    /// </summary>
    public sealed class Authorizer
    {
        /// <summary>No policy file: nothing is checked.</summary>
        public static readonly Authorizer AllowAll = new();

        private readonly PolicyFile? _file;
        private readonly KeyStore? _keys;
        private readonly string _region;
        private readonly string _accountId;

        private Authorizer()
        {
            _region = "";
            _accountId = "";
        }

        public Authorizer(PolicyFile file, KeyStore keys)
        {
            _file = file ?? throw new ArgumentNullException(nameof(file));
            _keys = keys ?? throw new ArgumentNullException(nameof(keys));
            _region = keys.Region;
            _accountId = keys.AccountId;
        }

        /// <summary>kms:ViaService when S3 uses a key for a caller (SSE-KMS reads and writes, Textract's output).</summary>
        public string S3ViaService => $"s3.{_region}.amazonaws.com";

        /// <summary>kms:ViaService when Textract uses a key itself.</summary>
        public string TextractViaService => $"textract.{_region}.amazonaws.com";

        /// <summary>True when the caller is a principal of the policy file (its requests are checked).</summary>
        public bool IsRestricted(string accessKeyId) => _file is not null && _file.Principals.ContainsKey(accessKeyId);

        /// <summary>The caller's ARN: the policy file's for its principals, the account root for the administrator.</summary>
        public string PrincipalArnOf(string accessKeyId) =>
            _file is not null && _file.Principals.TryGetValue(accessKeyId, out var principal) ? principal.Arn : KeyPolicyEvaluator.RootArn(_accountId);

        /// <summary>
        /// s3:GetObject, s3:PutObject, s3:DeleteObject, ... on arn:aws:s3:::bucket/key. <paramref name="conditionKeys"/> are
        /// the request's own keys (a conditional write's s3:if-none-match, s3:if-match); a null value leaves a key absent.
        /// </summary>
        public AccessDenial? CheckS3Object(string accessKeyId, string action, string bucket, string key,
            IEnumerable<(string Key, string? Value)>? conditionKeys = null) =>
            CheckIdentity(accessKeyId, action, $"arn:aws:s3:::{bucket}/{key}", r =>
            {
                foreach (var (name, value) in conditionKeys ?? Array.Empty<(string, string?)>()) r.With(name, value);
                return r;
            });

        /// <summary>
        /// Bucket actions on arn:aws:s3:::bucket (s3:ListBucket, s3:GetBucketLocation, ...). <paramref name="prefix"/>
        /// is the s3:prefix condition key of s3:ListBucket; null leaves it absent, as when a listing names no prefix.
        /// </summary>
        public AccessDenial? CheckS3Bucket(string accessKeyId, string action, string bucket, string? prefix = null) =>
            CheckIdentity(accessKeyId, action, $"arn:aws:s3:::{bucket}", r => r.With("s3:prefix", prefix));

        /// <summary>Actions without a resource of their own (s3:ListAllMyBuckets, kms:CreateKey, kms:ListAliases, textract:*).</summary>
        public AccessDenial? CheckAccountAction(string accessKeyId, string action) => CheckIdentity(accessKeyId, action, "*");

        /// <summary>textract:&lt;Operation&gt; on "*" (Textract has no resource-level permissions for these operations).</summary>
        public AccessDenial? CheckTextract(string accessKeyId, string operation) => CheckAccountAction(accessKeyId, "textract:" + operation);

        /// <summary>iam:PassRole on the role a caller hands to a service (Textract's NotificationChannel.RoleArn).</summary>
        public AccessDenial? CheckPassRole(string accessKeyId, string roleArn) => CheckIdentity(accessKeyId, "iam:PassRole", roleArn);

        /// <summary>
        /// kms:&lt;Operation&gt; on a key, by the key policy and the identity policies together. <paramref name="viaService"/> is
        /// the kms:ViaService key when a service (S3, Textract) uses the key on the caller's behalf.
        /// </summary>
        public AccessDenial? CheckKmsKey(string accessKeyId, string action, string keyArn, string? viaService = null)
        {
            if (!IsRestricted(accessKeyId)) return null;
            var principal = _file!.Principals[accessKeyId];
            var request = new AccessRequest(action, keyArn, principal.Arn, AccountOf(principal.Arn))
                .With("kms:ViaService", viaService)
                .With("kms:CallerAccount", AccountOf(principal.Arn));
            var decision = KeyPolicyEvaluator.Evaluate(KeyPolicyOf(keyArn), principal.Policies, request);
            return Denial(decision, request);
        }

        /// <summary>The key's policy: the statements of every file entry that names it, else the AWS default for its kind.</summary>
        public PolicyDocument KeyPolicyOf(string keyArn)
        {
            if (_keys is null || !_keys.TryResolve(keyArn, out var key)) return DefaultKeyPolicies.CustomerManaged(_accountId);
            var named = _file!.KeyPolicies
                .Where(entry => _keys.TryResolve(entry.Key, out var k) && k.KeyId == key.KeyId)
                .Select(entry => entry.Value)
                .ToList();
            if (named.Count > 0) return new PolicyDocument(named[0].Version, named.SelectMany(p => p.Statements).ToList());
            return key.KeyManager == "AWS" ? DefaultKeyPolicies.AwsManaged(_accountId, S3ViaService) : DefaultKeyPolicies.CustomerManaged(_accountId);
        }

        private AccessDenial? CheckIdentity(string accessKeyId, string action, string resource, Func<AccessRequest, AccessRequest>? addKeys = null)
        {
            if (!IsRestricted(accessKeyId)) return null;
            var principal = _file!.Principals[accessKeyId];
            var request = new AccessRequest(action, resource, principal.Arn, AccountOf(principal.Arn));
            if (addKeys is not null) request = addKeys(request);
            return Denial(PolicyEvaluator.Evaluate(principal.Policies, request), request);
        }

        private static AccessDenial? Denial(PolicyDecision decision, AccessRequest request) =>
            decision == PolicyDecision.Allow ? null : new AccessDenial(request.PrincipalArn, request.Action, request.Resource, decision == PolicyDecision.ExplicitDeny);

        /// <summary>The account field of an IAM ARN (arn:aws:iam::ACCOUNT:user/x).</summary>
        private static string AccountOf(string arn)
        {
            var parts = arn.Split(':');
            return parts.Length > 4 ? parts[4] : "";
        }
    }
}
