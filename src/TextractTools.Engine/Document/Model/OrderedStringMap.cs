using System;
using System.Collections;
using System.Collections.Generic;

namespace TextractTools.Engine.Document
{
    /// <summary>
    /// A read-only name -> text map that keeps its insertion order (a Dictionary does not promise one), so table
    /// rows export with their columns in table order.
    /// </summary>
    internal sealed class OrderedStringMap : IReadOnlyDictionary<string, string>
    {
        private readonly string[] _keys;
        private readonly string[] _values;
        private readonly Dictionary<string, int> _positions;

        public OrderedStringMap(string[] keys, string[] values)
        {
            if (keys.Length != values.Length) throw new ArgumentException("Keys and values differ in length.");
            _keys = keys;
            _values = values;
            _positions = new Dictionary<string, int>(keys.Length, StringComparer.Ordinal);
            for (int i = 0; i < keys.Length; i++) _positions.Add(keys[i], i);
        }

        public IReadOnlyList<string> Keys => new ReadableList<string>(_keys);
        public IReadOnlyList<string> ValuesInOrder => new ReadableList<string>(_values);

        public string this[string key] => _values[_positions[key]];
        public int Count => _keys.Length;
        IEnumerable<string> IReadOnlyDictionary<string, string>.Keys => _keys;
        IEnumerable<string> IReadOnlyDictionary<string, string>.Values => _values;
        public bool ContainsKey(string key) => _positions.ContainsKey(key);

        public bool TryGetValue(string key, out string value)
        {
            if (_positions.TryGetValue(key, out int i))
            {
                value = _values[i];
                return true;
            }
            value = string.Empty;
            return false;
        }

        public IEnumerator<KeyValuePair<string, string>> GetEnumerator()
        {
            for (int i = 0; i < _keys.Length; i++) yield return new KeyValuePair<string, string>(_keys[i], _values[i]);
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        /// <summary>"Name: text; Name: text", in order (what Export-Csv writes where a map is a property).</summary>
        public override string ToString()
        {
            var pairs = new string[_keys.Length];
            for (int i = 0; i < _keys.Length; i++) pairs[i] = _keys[i] + ": " + _values[i];
            return string.Join("; ", pairs);
        }
    }
}
