using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using TextractTools.Engine.Document.Parsing;
using Xunit;
using TextractTools.Tests.Support;

namespace TextractTools.Tests.Engine.Document
{
    /// <summary>
    /// The output parser's own tokenizer must accept exactly what System.Text.Json's Utf8JsonReader accepts (with
    /// comments skipped) and give the same tokens and values: checked side by side on hand-written cases and on
    /// thousands of damaged copies of real output.
    /// </summary>
    public class JsonTokenReaderTests
    {
        /// <summary>Every token with its start and value, then "END", or where the reader gave up: "ERROR".</summary>
        private static List<string> Ours(byte[] json)
        {
            var tokens = new List<string>();
            var reader = new JsonTokenReader(json, new byte[4]);
            try
            {
                while (reader.Read())
                {
                    string raw = Encoding.UTF8.GetString(reader.ValueSpan.ToArray());
                    string text = IsText(reader.TokenType) ? Text(ref reader) : "";
                    tokens.Add($"{reader.TokenType}@{reader.TokenStartIndex}:{Value(reader.TokenType, reader.ValueIsEscaped, text, raw)}");
                }
                tokens.Add("END");
            }
            catch (JsonSyntaxException)
            {
                tokens.Add("ERROR");
            }
            return tokens;
        }

        private static List<string> Theirs(byte[] json)
        {
            var tokens = new List<string>();
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, MaxDepth = 128 });
            try
            {
                while (reader.Read())
                {
                    string raw = Encoding.UTF8.GetString(reader.ValueSpan.ToArray());
                    string text = IsText(reader.TokenType) ? Text(ref reader) : "";
                    tokens.Add($"{reader.TokenType}@{reader.TokenStartIndex}:{Value(reader.TokenType, reader.ValueIsEscaped, text, raw)}");
                }
                tokens.Add("END");
            }
            catch (JsonException)
            {
                tokens.Add("ERROR");
            }
            return tokens;
        }

        private static string Text(ref JsonTokenReader reader)
        {
            try
            {
                return reader.GetString();
            }
            catch (InvalidOperationException)
            {
                return "<invalid>";
            }
        }

        private static string Text(ref Utf8JsonReader reader)
        {
            try
            {
                return reader.GetString() ?? "";
            }
            catch (InvalidOperationException)
            {
                return "<invalid>";
            }
        }

        private static bool IsText(JsonTokenType type) => type == JsonTokenType.String || type == JsonTokenType.PropertyName;

        private static string Value(JsonTokenType type, bool escaped, string text, string raw) => type switch
        {
            JsonTokenType.String or JsonTokenType.PropertyName => $"{(escaped ? "escaped " : "")}{raw}={text}",
            JsonTokenType.Number => raw,
            _ => "",
        };

        [Theory]
        [InlineData("{}")]
        [InlineData("[]")]
        [InlineData("  {\"a\" : [1, -2.5e3, 0, -0, 0.25E+2, true, false, null, \"x\"]}  ")]
        [InlineData("{\"a\":{\"b\":{\"c\":[[[]]]}}}")]
        [InlineData("\"just a string\"")]
        [InlineData("42")]
        [InlineData("{\"esc\":\"q\\\"b\\\\s\\/n\\nt\\tu\\u00e9\\ud83d\\ude00\"}")]
        [InlineData("{\"\\u0049d\":\"a\"}")]
        [InlineData("{\"lone\":\"\\ud83d\"}")]
        [InlineData("{\"a\":1 /* comment */ , // line\n \"b\":2}")]
        [InlineData("/* before */ {\"a\":1} // after")]
        [InlineData("{\"a\" /* here */ : 1}")]
        [InlineData("{\"a\":1,}")]
        [InlineData("[1,]")]
        [InlineData("[01]")]
        [InlineData("[1.]")]
        [InlineData("[.5]")]
        [InlineData("[1e]")]
        [InlineData("[-]")]
        [InlineData("[+1]")]
        [InlineData("[1 2]")]
        [InlineData("[tru]")]
        [InlineData("[truex]")]
        [InlineData("[nul]")]
        [InlineData("{\"a\":1}{")]
        [InlineData("{\"a\":1} x")]
        [InlineData("")]
        [InlineData("   ")]
        [InlineData("{")]
        [InlineData("{\"a\"")]
        [InlineData("{\"a\":")]
        [InlineData("{a:1}")]
        [InlineData("{'a':1}")]
        [InlineData("[\"tab\there\"]")]
        [InlineData("[\"bad \\x escape\"]")]
        [InlineData("[\"short \\u12\"]")]
        [InlineData("[1]]")]
        [InlineData("{\"a\":1]")]
        [InlineData("[1}")]
        [InlineData("/* open")]
        [InlineData("[1/2]")]
        [InlineData("[1.5e308, 1e39, 123456789012345678901234567890]")]
        [InlineData("[true")]
        [InlineData("[1")]
        [InlineData("{\"a\":true")]
        [InlineData("{\"a\":\"x\"")]
        [InlineData("{\"a\":{}")]
        [InlineData("[1,")]
        [InlineData("[\"x\"")]
        [InlineData("true")]
        [InlineData("nullx")]
        [InlineData("1x")]
        [InlineData("[1x]")]
        public void Same_tokens_or_same_failure_as_System_Text_Json(string json)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(json);
            Assert.Equal(Theirs(bytes), Ours(bytes));
        }

        [Fact]
        public void Nesting_deeper_than_128_fails_like_System_Text_Json()
        {
            foreach (int depth in new[] { 127, 128, 129 })
            {
                byte[] bytes = Encoding.UTF8.GetBytes(new string('[', depth) + new string(']', depth));
                Assert.Equal(Theirs(bytes), Ours(bytes));
            }
        }

        [Fact]
        public void Invalid_utf8_in_a_string_is_an_invalid_value_not_a_syntax_error()
        {
            byte[] bytes = { (byte)'[', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)']' };
            Assert.Equal(Theirs(bytes), Ours(bytes));
        }

        [Fact]
        public void Damaged_copies_of_real_output_are_judged_alike()
        {
            // Real output where the samples are, else a hand-made answer with every kind of member.
            byte[] original = SampleFiles.Folder != null
                ? File.ReadAllBytes(SampleFiles.Response("forms-and-table.json")).Take(6000).ToArray()
                : JsonSerializer.SerializeToUtf8Bytes(OutputJson.Answer(new[]
                {
                    OutputJson.Page("p", 1, "l"), OutputJson.Line("l", "Tom said \"hi\" \u00e9", 1, "w"), OutputJson.Word("w", "x"),
                }));
            var random = new Random(20261126);
            byte[] replacements = Encoding.ASCII.GetBytes("{}[],:\"\\ 0123456789.-eE+tfnu/*\n\t").Concat(new byte[] { 0x01, 0xC3, 0x80 }).ToArray();
            int checkedCopies = 0;
            // Every cut-off point, as a torn page would be.
            for (int length = 0; length < original.Length; length += 7)
            {
                byte[] torn = original.Take(length).ToArray();
                Assert.Equal(Theirs(torn), Ours(torn));
                checkedCopies++;
            }
            // Bytes replaced, inserted or removed at random.
            for (int round = 0; round < 1500; round++)
            {
                var copy = new List<byte>(original);
                int edits = 1 + random.Next(3);
                for (int e = 0; e < edits; e++)
                {
                    int at = random.Next(copy.Count);
                    switch (random.Next(3))
                    {
                        case 0: copy[at] = replacements[random.Next(replacements.Length)]; break;
                        case 1: copy.Insert(at, replacements[random.Next(replacements.Length)]); break;
                        default: copy.RemoveAt(at); break;
                    }
                }
                byte[] damaged = copy.ToArray();
                Assert.True(Theirs(damaged).SequenceEqual(Ours(damaged)), Encoding.UTF8.GetString(damaged.Take(80).ToArray()));
                checkedCopies++;
            }
            Assert.True(checkedCopies > 1500);
        }

        [Theory]
        [InlineData("0.4166666567325592")]
        [InlineData("99.95295715332031")]
        [InlineData("-0.0")]
        [InlineData("1e-7")]
        [InlineData("1.17549435E-38")]
        [InlineData("3.4028235E+38")]
        [InlineData("0.000000000000000000000000000000000000000000001")]
        [InlineData("123456789012345678901234567890")]
        [InlineData("16777217")]
        [InlineData("0.1")]
        public void Numbers_read_as_the_same_float(string number)
        {
            byte[] bytes = Encoding.UTF8.GetBytes("[" + number + "]");
            var theirs = new Utf8JsonReader(bytes);
            theirs.Read();
            theirs.Read();
            var ours = new JsonTokenReader(bytes, new byte[4]);
            ours.Read();
            ours.Read();
            Assert.Equal(BitConverter.SingleToInt32Bits(theirs.GetSingle()), BitConverter.SingleToInt32Bits(ours.GetSingle()));
        }

        [Fact]
        public void Many_random_decimals_read_as_the_same_float()
        {
            var random = new Random(7);
            for (int i = 0; i < 200_000; i++)
            {
                // Textract's style: up to 17 significant digits, mostly below 1 or up to 100.
                double value = random.Next(4) switch
                {
                    0 => random.NextDouble(),
                    1 => random.NextDouble() * 100,
                    2 => Math.Round(random.NextDouble(), random.Next(1, 9)),
                    _ => BitConverter.Int32BitsToSingle(random.Next(0x33000000, 0x43000000)),
                };
                string text = value.ToString(random.Next(2) == 0 ? "R" : "G17", System.Globalization.CultureInfo.InvariantCulture);
                byte[] bytes = Encoding.UTF8.GetBytes(text);
                var theirs = new Utf8JsonReader(bytes);
                theirs.Read();
                var ours = new JsonTokenReader(bytes, new byte[4]);
                ours.Read();
                Assert.True(BitConverter.SingleToInt32Bits(theirs.GetSingle()) == BitConverter.SingleToInt32Bits(ours.GetSingle()), text);
            }
        }

        [Theory]
        [InlineData("7", true)]
        [InlineData("-2147483648", true)]
        [InlineData("2147483648", false)]
        [InlineData("1.0", false)]
        [InlineData("1e2", false)]
        public void Integers_read_as_System_Text_Json_reads_them(string number, bool valid)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(number);
            var theirs = new Utf8JsonReader(bytes);
            theirs.Read();
            var ours = new JsonTokenReader(bytes, new byte[4]);
            ours.Read();
            Assert.Equal(valid, theirs.TryGetInt32(out int expected));
            if (valid) Assert.Equal(expected, ours.GetInt32());
            else Assert.Throws<FormatException>(() => { var r = new JsonTokenReader(bytes, new byte[4]); r.Read(); r.GetInt32(); });
        }
    }
}
