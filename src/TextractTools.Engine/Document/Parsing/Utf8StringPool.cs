using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text;

namespace TextractTools.Engine.Document.Parsing
{
    /// <summary>
    /// Hands out one shared string per distinct value of a small vocabulary (block types, relationship types,
    /// entity types, statuses), comparing the reader's UTF-8 bytes so that a known value costs no allocation.
    /// </summary>
    internal sealed class Utf8StringPool
    {
        // A hostile or odd input with many distinct values must not grow the pool without bound.
        private const int MaxEntries = 512;
        private readonly List<KeyValuePair<byte[], string>> _entries = new List<KeyValuePair<byte[], string>>();

        public Utf8StringPool(params string[] knownValues)
        {
            foreach (string value in knownValues) Add(value);
        }

        [MethodImpl(Hot.AggressiveOptimization)]
        public string Intern(ref JsonTokenReader reader)
        {
            if (!reader.ValueIsEscaped)
            {
                ReadOnlySpan<byte> value = reader.ValueSpan;
                for (int i = 0; i < _entries.Count; i++)
                {
                    if (value.SequenceEqual(_entries[i].Key)) return _entries[i].Value;
                }
            }
            else
            {
                for (int i = 0; i < _entries.Count; i++)
                {
                    if (reader.ValueTextEquals(_entries[i].Key)) return _entries[i].Value;
                }
            }
            string text = reader.GetString() ?? string.Empty;
            if (_entries.Count < MaxEntries) Add(text);
            return text;
        }

        private void Add(string value) => _entries.Add(new KeyValuePair<byte[], string>(Encoding.UTF8.GetBytes(value), value));
    }
}
