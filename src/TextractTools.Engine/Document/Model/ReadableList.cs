using System;
using System.Collections;
using System.Collections.Generic;

namespace TextractTools.Engine.Document
{
    /// <summary>
    /// A read-only list whose ToString is its items' text. Export-Csv and ConvertTo-Csv write a property's
    /// ToString(): with a plain array that is a .NET type name ("System.String[]"), with this list it is what the
    /// list holds ("VENDOR, RECEIVER"). Properties stay typed as IReadOnlyList.
    /// </summary>
    internal sealed class ReadableList<T> : IReadOnlyList<T>
    {
        public static readonly ReadableList<T> Empty = new ReadableList<T>(Array.Empty<T>());

        private readonly T[] _items;
        private readonly string _separator;

        public ReadableList(T[] items, string separator = ", ")
        {
            _items = items;
            _separator = separator;
        }

        public static IReadOnlyList<T> Of(ICollection<T> items, string separator = ", ")
        {
            if (items.Count == 0) return Empty;
            var array = new T[items.Count];
            items.CopyTo(array, 0);
            return new ReadableList<T>(array, separator);
        }

        public T this[int index] => _items[index];
        public int Count => _items.Length;

        public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)_items).GetEnumerator();
        IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

        public override string ToString() => string.Join(_separator, _items);
    }
}

namespace TextractTools.Engine.Document
{
    /// <summary>
    /// A read-only view of a long list whose ToString is its size ("31 lines"), for the lists of a whole document or
    /// table: Export-Csv writes "31 lines" where a plain list would give its .NET type name, and a list of thousands
    /// of items is not joined into one cell. The list is not copied.
    /// </summary>
    internal sealed class CountedList<T> : IReadOnlyList<T>
    {
        private readonly IReadOnlyList<T> _items;
        private readonly string _singular;
        private readonly string _plural;

        public CountedList(IReadOnlyList<T> items, string singular, string plural)
        {
            _items = items;
            _singular = singular;
            _plural = plural;
        }

        public T this[int index] => _items[index];
        public int Count => _items.Count;

        public IEnumerator<T> GetEnumerator() => _items.GetEnumerator();
        IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

        public override string ToString() => $"{_items.Count} {(_items.Count == 1 ? _singular : _plural)}";
    }
}
