using System.Collections.Specialized;
using System.Linq;

namespace TextractTools.Engine.Access
{
    /// <summary>
    /// A policy as nested ordered dictionaries and string arrays: what PowerShell shows and ConvertTo-Json writes in
    /// the same order as <see cref="PolicyJsonWriter"/>, and what a script can edit before sending it.
    /// </summary>
    public static class PolicyOrderedObject
    {
        public static OrderedDictionary From(PolicyDocument document)
        {
            var result = new OrderedDictionary
            {
                ["Version"] = document.Version,
                ["Statement"] = document.Statement.Select(From).ToArray(),
            };
            return result;
        }

        public static OrderedDictionary From(PolicyStatement statement)
        {
            var result = new OrderedDictionary
            {
                ["Sid"] = statement.Sid,
                ["Effect"] = statement.Effect,
            };
            if (statement.Principal != null)
                result["Principal"] = new OrderedDictionary { [statement.Principal.Type] = statement.Principal.Identifiers.ToArray() };
            result["Action"] = statement.Action.ToArray();
            result["Resource"] = statement.Resource.ToArray();
            if (statement.Condition.Count > 0)
            {
                var condition = new OrderedDictionary();
                foreach (var byOperator in statement.Condition.GroupBy(c => c.Operator))
                {
                    var keys = new OrderedDictionary();
                    foreach (var c in byOperator) keys[c.Key] = c.Values.ToArray();
                    condition[byOperator.Key] = keys;
                }
                result["Condition"] = condition;
            }
            return result;
        }
    }
}
