using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using TextractTools.Engine.Validation;

namespace TextractTools.Commands
{
    /// <summary>
    /// A parameter typed on the command line with no value ($null, '' or only white space; usually a variable that was
    /// never set, as in -KmsKeyId $env:TEXTRACT_KEY) is refused before anything happens: read as "not given", it would
    /// silently mean something else (no key: SSE-S3 output; no output location: output kept by Textract; another
    /// identity or region). Only command-line values are judged: a piped object that lacks a property gives none.
    /// </summary>
    internal static class GivenParameters
    {
        // What leaving each out would quietly do instead, for the parameters where that matters most (by command where
        // the same name means something else).
        private static readonly Dictionary<string, string> WhatMissingMeans = new Dictionary<string, string>
        {
            ["KmsKeyId"] = "Read as not given, the output would be encrypted with SSE-S3 instead of under your KMS key.",
            ["Test-TextractOutputEncryption/KmsKeyId"] = "Read as not given, any encryption would pass the audit.",
            ["Test-TextractAccess/KmsKeyId"] = "Read as not given, no use of your key would be checked.",
            ["New-TextractAccessPolicy/KmsKeyId"] = "Read as not given, the policies would grant no use of your key.",
            ["ExpectedKmsKeyId"] = "Read as not given, the output's encryption would not be checked at all.",
            ["OutputUri"] = "Read as not given, Textract would keep the output itself instead of writing it to your bucket.",
            ["OutputBucket"] = "Read as not given, Textract would keep the output itself instead of writing it to your bucket.",
            ["Region"] = "Read as not given, another region would be used.",
            ["AccessKey"] = "Read as not given, other credentials would be used.",
            ["SecretKey"] = "Read as not given, other credentials would be used.",
            ["ProfileName"] = "Read as not given, other credentials would be used.",
            ["EndpointUrl"] = "Read as not given, AWS's own endpoints would be called.",
        };

        /// <summary>The first parameter bound without a value, as the refusal to throw; null when there is none.</summary>
        public static ParameterValueException? FirstBlank(string commandName, IDictionary<string, object> bound)
        {
            foreach (var entry in bound)
            {
                if (IsCommonParameter(entry.Key) || !IsBlank(entry.Value)) continue;
                var consequence = WhatMissingMeans.TryGetValue(commandName + "/" + entry.Key, out var text) || WhatMissingMeans.TryGetValue(entry.Key, out text) ? " " + text : "";
                return new ParameterValueException("Empty" + entry.Key, ParameterProblem.InvalidValue, entry.Key,
                    $"-{entry.Key} was given no value ($null, an empty string or white space; often a variable that is not set).{consequence} " +
                    $"Give a value, or leave -{entry.Key} out.");
            }
            return null;
        }

        private static bool IsBlank(object? value)
        {
            value = value is PSObject pso ? pso.BaseObject : value;
            switch (value)
            {
                case null: return true;
                case string text: return text.Trim().Length == 0;
                case SwitchParameter _: return false;
                case IEnumerable many when !(value is IDictionary):
                    foreach (var item in many)
                        if (IsBlank(item)) return true;
                    return false;
                default: return false;
            }
        }

        private static bool IsCommonParameter(string name) =>
            Cmdlet.CommonParameters.Contains(name) || Cmdlet.OptionalCommonParameters.Contains(name);
    }
}
