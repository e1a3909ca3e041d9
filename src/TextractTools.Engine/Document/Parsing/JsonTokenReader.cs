using System;
using System.Buffers.Binary;
using System.Buffers.Text;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace TextractTools.Engine.Document.Parsing
{
    /// <summary>
    /// A forward-only JSON tokenizer over one UTF-8 document, with the part of Utf8JsonReader's surface the output
    /// parser uses (same token types, same TokenStartIndex, ValueSpan and ValueIsEscaped meanings; comments skipped;
    /// depth limit 128). It accepts exactly RFC 8259 JSON, as Utf8JsonReader does, and throws
    /// <see cref="JsonSyntaxException"/> at the first token that is not; the caller then lets System.Text.Json describe
    /// the problem. Why our own: System.Text.Json ships precompiled code that runs ~60% slower than its fully optimised
    /// form, and the runtime only swaps in the optimised form after the first half second or so of a run, which for
    /// this reader is most of the work; this one is compiled optimised on first use
    /// (<see cref="Hot.AggressiveOptimization"/>).
    /// </summary>
    internal ref struct JsonTokenReader
    {
        private const int MaxDepth = 128;
        private static readonly UTF8Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        private readonly ReadOnlySpan<byte> _data;
        private int _position;
        private int _depth;
        // One bit per open container, 1 for an object: enough for MaxDepth.
        private ulong _objectBitsLow, _objectBitsHigh;
        private bool _valueSeen;
        private byte[] _scratch;

        /// <param name="scratch">An array to decode strings through; grown when too small (pass the same one page after page).</param>
        public JsonTokenReader(ReadOnlySpan<byte> data, byte[] scratch)
        {
            _data = data;
            _scratch = scratch;
            _position = 0;
            _depth = 0;
            _objectBitsLow = _objectBitsHigh = 0;
            _valueSeen = false;
            TokenType = JsonTokenType.None;
            TokenStartIndex = 0;
            ValueSpan = default;
            ValueIsEscaped = false;
        }

        public JsonTokenType TokenType { get; private set; }

        /// <summary>Where the current token starts (a string's or property name's opening quote).</summary>
        public long TokenStartIndex { get; private set; }

        /// <summary>A string's or property name's bytes between the quotes (escapes not undone), or a number's text.</summary>
        public ReadOnlySpan<byte> ValueSpan { get; private set; }

        /// <summary>Whether <see cref="ValueSpan"/> holds backslash escapes.</summary>
        public bool ValueIsEscaped { get; private set; }

        public long BytesConsumed => _position;

        /// <summary>The scratch array, grown if it had to be.</summary>
        public byte[] Scratch => _scratch;

        private bool InObject
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            get => _depth <= 64
                ? (_objectBitsLow & (1UL << (_depth - 1))) != 0
                : (_objectBitsHigh & (1UL << (_depth - 65))) != 0;
        }

        /// <summary>Moves to the next token; false once the document's one value has been read and only whitespace follows.</summary>
        [MethodImpl(Hot.AggressiveOptimization)]
        public bool Read()
        {
            SkipWhitespace();
            if (_position >= _data.Length)
            {
                if (_depth == 0 && _valueSeen) return false;
                throw Syntax("the JSON ends before it is complete");
            }
            byte c = _data[_position];
            switch (TokenType)
            {
                case JsonTokenType.None:
                    ReadValue(c);
                    return true;
                case JsonTokenType.PropertyName:
                    ReadValue(c);
                    return true;
                case JsonTokenType.StartObject:
                    if (c == '}') EndContainer(JsonTokenType.EndObject);
                    else ReadPropertyName(c);
                    return true;
                case JsonTokenType.StartArray:
                    if (c == ']') EndContainer(JsonTokenType.EndArray);
                    else ReadValue(c);
                    return true;
                default:
                    // After a value: a separator or the end of its container.
                    if (_depth == 0) throw Syntax("content after the end of the JSON value");
                    bool inObject = InObject;
                    if (c == ',')
                    {
                        _position++;
                        SkipWhitespace();
                        if (_position >= _data.Length) throw Syntax("the JSON ends before it is complete");
                        c = _data[_position];
                        if (inObject) ReadPropertyName(c);
                        else ReadValue(c);
                        return true;
                    }
                    if (c == '}' && inObject) EndContainer(JsonTokenType.EndObject);
                    else if (c == ']' && !inObject) EndContainer(JsonTokenType.EndArray);
                    else throw Syntax("expected a comma or the end of the container");
                    return true;
            }
        }

        /// <summary>On a property name, moves to its value; on an object or array start, moves to its end.</summary>
        [MethodImpl(Hot.AggressiveOptimization)]
        public void Skip()
        {
            if (TokenType == JsonTokenType.PropertyName) Read();
            if (TokenType != JsonTokenType.StartObject && TokenType != JsonTokenType.StartArray) return;
            int depth = _depth;
            do
            {
                Read();
            }
            while (_depth >= depth);
        }

        public string GetString()
        {
            if (TokenType != JsonTokenType.String && TokenType != JsonTokenType.PropertyName)
            {
                throw new InvalidOperationException($"Cannot get the value of a token type '{TokenType}' as a string.");
            }
            return ValueIsEscaped ? Unescape(ValueSpan) : Decode(ValueSpan);
        }

        public bool ValueTextEquals(ReadOnlySpan<byte> utf8Text)
        {
            if (TokenType != JsonTokenType.String && TokenType != JsonTokenType.PropertyName)
            {
                throw new InvalidOperationException($"Cannot compare the value of a token type '{TokenType}' to text.");
            }
            if (!ValueIsEscaped) return ValueSpan.SequenceEqual(utf8Text);
            string text;
            try
            {
                text = Unescape(ValueSpan);
            }
            catch (InvalidOperationException)
            {
                return false;
            }
            return string.Equals(text, Decode(utf8Text), StringComparison.Ordinal);
        }

        [MethodImpl(Hot.AggressiveOptimization)]
        public int GetInt32()
        {
            if (TokenType != JsonTokenType.Number) throw new InvalidOperationException($"Cannot get the value of a token type '{TokenType}' as a number.");
            ReadOnlySpan<byte> text = ValueSpan;
            bool negative = text[0] == '-';
            long value = 0;
            int i = negative ? 1 : 0;
            if (text.Length - i > 10) throw NotAn("Int32");
            for (; i < text.Length; i++)
            {
                int digit = text[i] - '0';
                if ((uint)digit > 9) throw NotAn("Int32"); // a fraction or an exponent
                value = value * 10 + digit;
            }
            if (negative) value = -value;
            if (value < int.MinValue || value > int.MaxValue) throw NotAn("Int32");
            return (int)value;
        }

        [MethodImpl(Hot.AggressiveOptimization)]
        public float GetSingle()
        {
            if (TokenType != JsonTokenType.Number) throw new InvalidOperationException($"Cannot get the value of a token type '{TokenType}' as a number.");
            if (!FastFloat.TryParse(ValueSpan, out float value))
            {
                if (!Utf8Parser.TryParse(ValueSpan, out value, out int consumed) || consumed != ValueSpan.Length) throw NotAn("Single");
            }
            if (float.IsInfinity(value) || float.IsNaN(value)) throw NotAn("Single");
            return value;
        }

        // ---- tokens ----

        [MethodImpl(Hot.AggressiveOptimization)]
        private void ReadValue(byte c)
        {
            TokenStartIndex = _position;
            ValueIsEscaped = false;
            _valueSeen = true;
            switch (c)
            {
                case (byte)'"':
                    ScanString();
                    TokenType = JsonTokenType.String;
                    return;
                case (byte)'{':
                    Push(isObject: true);
                    TokenType = JsonTokenType.StartObject;
                    return;
                case (byte)'[':
                    Push(isObject: false);
                    TokenType = JsonTokenType.StartArray;
                    return;
                case (byte)'t':
                    ReadLiteral("true"u8, JsonTokenType.True);
                    return;
                case (byte)'f':
                    ReadLiteral("false"u8, JsonTokenType.False);
                    return;
                case (byte)'n':
                    ReadLiteral("null"u8, JsonTokenType.Null);
                    return;
                default:
                    if (c == '-' || (c >= '0' && c <= '9'))
                    {
                        ScanNumber();
                        TokenType = JsonTokenType.Number;
                        return;
                    }
                    throw Syntax("expected a value");
            }
        }

        [MethodImpl(Hot.AggressiveOptimization)]
        private void ReadPropertyName(byte c)
        {
            if (c != '"') throw Syntax("expected a property name");
            TokenStartIndex = _position;
            ValueIsEscaped = false;
            ScanString();
            while (_position < _data.Length && IsWhitespace(_data[_position])) _position++;
            if (_position >= _data.Length || _data[_position] != ':') throw Syntax("expected ':' after a property name");
            _position++;
            TokenType = JsonTokenType.PropertyName;
        }

        [MethodImpl(Hot.AggressiveOptimization)]
        private void ReadLiteral(ReadOnlySpan<byte> literal, JsonTokenType type)
        {
            if (_data.Length - _position < literal.Length || !_data.Slice(_position, literal.Length).SequenceEqual(literal)) throw Syntax("invalid literal");
            ValueSpan = _data.Slice(_position, literal.Length);
            _position += literal.Length;
            // Unlike after a number, what follows a literal is judged by the next Read (as in System.Text.Json).
            TokenType = type;
        }

        [MethodImpl(Hot.AggressiveOptimization)]
        private void Push(bool isObject)
        {
            if (_depth >= MaxDepth) throw Syntax("the JSON is nested too deeply");
            _depth++;
            if (_depth <= 64)
            {
                ulong bit = 1UL << (_depth - 1);
                _objectBitsLow = isObject ? _objectBitsLow | bit : _objectBitsLow & ~bit;
            }
            else
            {
                ulong bit = 1UL << (_depth - 65);
                _objectBitsHigh = isObject ? _objectBitsHigh | bit : _objectBitsHigh & ~bit;
            }
            _position++;
        }

        [MethodImpl(Hot.AggressiveOptimization)]
        private void EndContainer(JsonTokenType type)
        {
            TokenStartIndex = _position;
            _position++;
            _depth--;
            TokenType = type;
        }

        /// <summary>From the opening quote to after the closing one; sets ValueSpan and ValueIsEscaped.</summary>
        [MethodImpl(Hot.AggressiveOptimization)]
        private void ScanString()
        {
            int start = _position + 1;
            int i = start;
            ReadOnlySpan<byte> data = _data;
            bool escaped = false;
            while (true)
            {
                // Eight bytes at a time while none of them is a quote, a backslash or a control character.
                while (i + 8 <= data.Length && !MayEndString(BinaryPrimitives.ReadUInt64LittleEndian(data.Slice(i)))) i += 8;
                if (i >= data.Length) throw Syntax("the JSON ends inside a string");
                byte b = data[i];
                if (b == '"') break;
                if (b == '\\')
                {
                    escaped = true;
                    i = SkipEscape(i);
                    continue;
                }
                if (b < 0x20) throw Syntax("a control character inside a string");
                i++;
            }
            ValueSpan = data.Slice(start, i - start);
            ValueIsEscaped = escaped;
            _position = i + 1;
        }

        /// <summary>Whether any byte of the eight is '"', '\\' or below 0x20 (exact: no false negatives, no false positives).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static bool MayEndString(ulong bytes)
        {
            const ulong Ones = 0x0101010101010101UL, Highs = 0x8080808080808080UL;
            ulong quotes = bytes ^ (Ones * '"');
            ulong backslashes = bytes ^ (Ones * '\\');
            ulong found = ((quotes - Ones) & ~quotes) | ((backslashes - Ones) & ~backslashes) | ((bytes - Ones * 0x20) & ~bytes);
            return (found & Highs) != 0;
        }

        [MethodImpl(Hot.AggressiveOptimization)]
        private int SkipEscape(int backslash)
        {
            if (backslash + 1 >= _data.Length) throw Syntax("the JSON ends inside a string");
            switch (_data[backslash + 1])
            {
                case (byte)'"': case (byte)'\\': case (byte)'/': case (byte)'b': case (byte)'f': case (byte)'n': case (byte)'r': case (byte)'t':
                    return backslash + 2;
                case (byte)'u':
                    if (backslash + 6 > _data.Length) throw Syntax("the JSON ends inside a string");
                    for (int k = backslash + 2; k < backslash + 6; k++)
                    {
                        if (HexDigit(_data[k]) < 0) throw Syntax("an invalid \\u escape");
                    }
                    return backslash + 6;
                default:
                    throw Syntax("an invalid escape");
            }
        }

        [MethodImpl(Hot.AggressiveOptimization)]
        private void ScanNumber()
        {
            ReadOnlySpan<byte> data = _data;
            int start = _position, i = start;
            if (data[i] == '-') i++;
            if (i >= data.Length) throw Syntax("the JSON ends inside a number");
            if (data[i] == '0') i++;
            else if (data[i] >= '1' && data[i] <= '9') i = SkipDigits(data, i);
            else throw Syntax("invalid number");
            if (i < data.Length && data[i] == '.')
            {
                int fraction = ++i;
                i = SkipDigits(data, i);
                if (i == fraction) throw Syntax("invalid number");
            }
            if (i < data.Length && (data[i] == 'e' || data[i] == 'E'))
            {
                i++;
                if (i < data.Length && (data[i] == '+' || data[i] == '-')) i++;
                int exponent = i;
                i = SkipDigits(data, i);
                if (i == exponent) throw Syntax("invalid number");
            }
            ValueSpan = data.Slice(start, i - start);
            _position = i;
            RequireDelimiter();
        }

        [MethodImpl(Hot.AggressiveOptimization)]
        private static int SkipDigits(ReadOnlySpan<byte> data, int i)
        {
            while (i < data.Length && (uint)(data[i] - '0') <= 9) i++;
            return i;
        }

        /// <summary>A number or literal must be followed by whitespace, a separator, a container end, a comment or the end.</summary>
        [MethodImpl(Hot.AggressiveOptimization)]
        private void RequireDelimiter()
        {
            // A number that ends the data is only complete as the whole document (System.Text.Json fails on it at once).
            if (_position >= _data.Length)
            {
                if (_depth > 0) throw Syntax("the JSON ends after a number inside an object or array");
                return;
            }
            switch (_data[_position])
            {
                case (byte)' ': case (byte)'\t': case (byte)'\n': case (byte)'\r':
                case (byte)',': case (byte)'}': case (byte)']': case (byte)'/':
                    return;
                default:
                    throw Syntax("invalid character after a value");
            }
        }

        private static bool IsWhitespace(byte b) => b == ' ' || b == '\n' || b == '\r' || b == '\t';

        [MethodImpl(Hot.AggressiveOptimization)]
        private void SkipWhitespace()
        {
            ReadOnlySpan<byte> data = _data;
            int i = _position;
            while (i < data.Length)
            {
                byte b = data[i];
                if (b == ' ' || b == '\n' || b == '\r' || b == '\t')
                {
                    i++;
                    continue;
                }
                if (b != '/') break;
                // Comments count as whitespace, as with JsonCommentHandling.Skip.
                if (i + 1 >= data.Length) throw Syntax("an unfinished comment");
                if (data[i + 1] == '/')
                {
                    i += 2;
                    while (i < data.Length && data[i] != '\n' && data[i] != '\r') i++;
                }
                else if (data[i + 1] == '*')
                {
                    int end = data.Slice(i + 2).IndexOf("*/"u8);
                    if (end < 0) throw Syntax("an unfinished comment");
                    i += 2 + end + 2;
                }
                else throw Syntax("invalid character");
            }
            _position = i;
        }

        // ---- values ----

        [MethodImpl(Hot.AggressiveOptimization)]
        private string Decode(ReadOnlySpan<byte> utf8)
        {
            if (utf8.IsEmpty) return string.Empty;
            // netstandard2.0 decodes from arrays only (spans need unsafe code): through a scratch array kept per page.
            if (_scratch.Length < utf8.Length) _scratch = new byte[Math.Max(utf8.Length, _scratch.Length * 2)];
            utf8.CopyTo(_scratch);
            try
            {
                return StrictUtf8.GetString(_scratch, 0, utf8.Length);
            }
            catch (ArgumentException e)
            {
                throw new InvalidOperationException("Cannot transcode invalid UTF-8 JSON text to a string.", e);
            }
        }

        /// <summary>A string's text with its escapes undone; a lone surrogate is an error, as in System.Text.Json.</summary>
        private string Unescape(ReadOnlySpan<byte> raw)
        {
            var text = new StringBuilder(raw.Length);
            int i = 0;
            while (i < raw.Length)
            {
                int backslash = raw.Slice(i).IndexOf((byte)'\\');
                if (backslash < 0)
                {
                    text.Append(Decode(raw.Slice(i)));
                    break;
                }
                text.Append(Decode(raw.Slice(i, backslash)));
                i += backslash;
                byte kind = raw[i + 1];
                i += 2;
                switch (kind)
                {
                    case (byte)'"': text.Append('"'); break;
                    case (byte)'\\': text.Append('\\'); break;
                    case (byte)'/': text.Append('/'); break;
                    case (byte)'b': text.Append('\b'); break;
                    case (byte)'f': text.Append('\f'); break;
                    case (byte)'n': text.Append('\n'); break;
                    case (byte)'r': text.Append('\r'); break;
                    case (byte)'t': text.Append('\t'); break;
                    default: // 'u', checked when scanned
                        char unit = (char)Hex4(raw.Slice(i));
                        i += 4;
                        if (char.IsHighSurrogate(unit))
                        {
                            if (i + 6 > raw.Length || raw[i] != '\\' || raw[i + 1] != 'u' || !char.IsLowSurrogate((char)Hex4(raw.Slice(i + 2))))
                            {
                                throw new InvalidOperationException("Cannot read invalid UTF-16 JSON text as string: a high surrogate without its low one.");
                            }
                            text.Append(unit).Append((char)Hex4(raw.Slice(i + 2)));
                            i += 6;
                        }
                        else if (char.IsLowSurrogate(unit))
                        {
                            throw new InvalidOperationException("Cannot read invalid UTF-16 JSON text as string: a low surrogate without its high one.");
                        }
                        else text.Append(unit);
                        break;
                }
            }
            return text.ToString();
        }

        private static int Hex4(ReadOnlySpan<byte> digits) =>
            (HexDigit(digits[0]) << 12) | (HexDigit(digits[1]) << 8) | (HexDigit(digits[2]) << 4) | HexDigit(digits[3]);

        private static int HexDigit(byte c)
        {
            if (c >= '0' && c <= '9') return c - '0';
            if (c >= 'a' && c <= 'f') return c - 'a' + 10;
            if (c >= 'A' && c <= 'F') return c - 'A' + 10;
            return -1;
        }

        private static FormatException NotAn(string type) => new FormatException($"The JSON number is not a valid {type}.");

        private JsonSyntaxException Syntax(string problem) => new JsonSyntaxException(problem, _position);
    }

    /// <summary>The JSON is not well-formed at <see cref="Position"/>; the reader that found it says no more.</summary>
    internal sealed class JsonSyntaxException : Exception
    {
        public JsonSyntaxException(string problem, long position)
            : base($"{problem} (at byte {position})")
        {
            Problem = problem;
            Position = position;
        }

        /// <summary>What is wrong, without the position.</summary>
        public string Problem { get; }

        public long Position { get; }
    }

    /// <summary>
    /// Decimal text to float, correctly rounded, for the common case (at most 18 significant digits, a power of ten
    /// within 10^±22): through double, which is exact for such digits and powers, declining the rare values whose
    /// double lies so near a halfway point between two floats that the double rounding could matter.
    /// </summary>
    internal static class FastFloat
    {
        private static readonly double[] PowersOfTen =
        {
            1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
            1e20, 1e21, 1e22,
        };

        [MethodImpl(Hot.AggressiveOptimization)]
        public static bool TryParse(ReadOnlySpan<byte> text, out float value)
        {
            value = 0;
            int i = 0;
            bool negative = false;
            if (text.Length > 0 && text[0] == '-')
            {
                negative = true;
                i = 1;
            }
            // Leading zeros (of the integer part and, after "0.", of the fraction) are no significant digits.
            int scale = 0;
            while (i < text.Length && text[i] == '0') i++;
            long mantissa = 0;
            int digits = 0;
            uint digit;
            while (i < text.Length && (digit = (uint)(text[i] - '0')) <= 9)
            {
                mantissa = mantissa * 10 + digit;
                digits++;
                i++;
            }
            if (i < text.Length && text[i] == '.')
            {
                i++;
                if (digits == 0)
                {
                    while (i < text.Length && text[i] == '0')
                    {
                        scale--;
                        i++;
                    }
                }
                while (i < text.Length && (digit = (uint)(text[i] - '0')) <= 9)
                {
                    mantissa = mantissa * 10 + digit;
                    digits++;
                    scale--;
                    i++;
                }
            }
            // 18 digits fit a long exactly; more may have overflowed it and are left to the exact parser.
            if (digits > 18) return false;
            if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
            {
                i++;
                bool negativeExponent = false;
                if (i < text.Length && (text[i] == '+' || text[i] == '-')) negativeExponent = text[i++] == '-';
                int exponent = 0;
                while (i < text.Length && (digit = (uint)(text[i] - '0')) <= 9)
                {
                    if (exponent > 1000) return false;
                    exponent = exponent * 10 + (int)digit;
                    i++;
                }
                scale += negativeExponent ? -exponent : exponent;
            }
            if (i != text.Length) return false;
            if (mantissa == 0)
            {
                value = negative ? -0f : 0f;
                return true;
            }
            if (scale < -22 || scale > 22) return false;
            double result = scale < 0 ? mantissa / PowersOfTen[-scale] : mantissa * PowersOfTen[scale];
            // 29 bits of the double are dropped going to float; if they are (near) exactly half, decline.
            long dropped = BitConverter.DoubleToInt64Bits(result) & 0x1FFFFFFF;
            if (Math.Abs(dropped - 0x10000000) <= 8) return false;
            float single = (float)result;
            value = negative ? -single : single;
            return true;
        }
    }
}
