using System;
using System.Linq;
using System.Text;
using TextractTools.Engine.Document.Parsing;
using Xunit;

namespace TextractTools.Tests.Engine.Document
{
    /// <summary>Block ids keyed by GUID value when that loses nothing, by string otherwise.</summary>
    public class IdTableTests
    {
        [Theory]
        [InlineData("1f0e8a44-5b2c-4d6e-8f90-a1b2c3d4e5f6", true)]
        [InlineData("00000000-0000-0000-0000-000000000000", true)]
        [InlineData("ffffffff-ffff-ffff-ffff-ffffffffffff", true)]
        [InlineData("1F0E8A44-5B2C-4D6E-8F90-A1B2C3D4E5F6", false)] // upper case would not read back the same
        [InlineData("{1f0e8a44-5b2c-4d6e-8f90-a1b2c3d4e5f6}", false)]
        [InlineData("1f0e8a445b2c4d6e8f90a1b2c3d4e5f6", false)]
        [InlineData("1f0e8a44-5b2c-4d6e-8f90-a1b2c3d4e5fg", false)]
        [InlineData("1f0e8a44-5b2c-4d6e-8f90+a1b2c3d4e5f6", false)]
        [InlineData("1f0e8a44-5b2c-4d6e-8f90-a1b2c3d4e5f", false)]
        [InlineData("w1", false)]
        public void Only_canonical_lowercase_guids_are_keyed_by_value(string id, bool canonical)
        {
            Assert.Equal(canonical, CanonicalGuid.TryParse(Encoding.UTF8.GetBytes(id), out Guid guid));
            Assert.Equal(canonical, CanonicalGuid.TryParse(id, out Guid fromString));
            if (canonical)
            {
                Assert.Equal(id, guid.ToString("D"));
                Assert.Equal(guid, fromString);
            }
        }

        [Fact]
        public void Random_guids_round_trip()
        {
            for (int i = 0; i < 10_000; i++)
            {
                string id = Guid.NewGuid().ToString("D");
                Assert.True(CanonicalGuid.TryParse(Encoding.ASCII.GetBytes(id), out Guid guid), id);
                Assert.Equal(id, guid.ToString("D"));
            }
        }

        [Fact]
        public void Every_spelling_of_an_id_gets_one_handle_and_reads_back_as_first_given()
        {
            var table = new IdTable(shards: 4);
            string guidId = "1f0e8a44-5b2c-4d6e-8f90-a1b2c3d4e5f6";
            int a = table.HandleFor(guidId);
            int b = table.HandleFor("w1");
            int c = table.HandleFor("1F0E8A44-5B2C-4D6E-8F90-A1B2C3D4E5F6");

            Assert.Equal(a, table.HandleFor(Guid.Parse(guidId)));
            Assert.Equal(b, table.HandleFor("w1"));
            Assert.Equal(3, new[] { a, b, c }.Distinct().Count());
            Assert.Equal(guidId, table.IdOf(a));
            Assert.Equal("w1", table.IdOf(b));
            Assert.Equal("1F0E8A44-5B2C-4D6E-8F90-A1B2C3D4E5F6", table.IdOf(c));

            var other = new IdTable();
            Assert.Equal(a, table.HandleFor(other, other.HandleFor(guidId)));
            Assert.Equal(b, table.HandleFor(other, other.HandleFor("w1")));

            Assert.True(table.TryDefine(a, 7));
            Assert.False(table.TryDefine(a, 8));
            Assert.Equal(7, table.BlockOf(a));
            Assert.Equal(-1, table.BlockOf(b));
        }

        [Fact]
        public void A_cleared_table_starts_over()
        {
            var table = new IdTable();
            table.HandleFor("x");
            table.HandleFor(Guid.NewGuid());
            table.Clear();

            Assert.Equal(0, table.Count);
            Assert.Equal(0, table.HandleFor("y"));
            Assert.Equal("y", table.IdOf(0));
        }

        [Fact]
        public void Chunked_list_keeps_items_across_chunks_and_truncates()
        {
            var list = new ChunkedList<int>();
            for (int i = 0; i < 1500; i++) Assert.Equal(i, list.Add(i * 3));
            Assert.Equal(1500, list.Count);
            Assert.Equal(511 * 3, list[511]);
            Assert.Equal(512 * 3, list[512]);
            Assert.Equal(1499 * 3, list[1499]);

            list.Truncate(600);
            Assert.Equal(600, list.Count);
            Assert.Equal(600, list.Add(-1));
            Assert.Equal(-1, list[600]);
            Assert.Equal(599 * 3, list[599]);

            list.Clear();
            Assert.Equal(0, list.Count);
            Assert.Equal(0, list.Add(5));
            Assert.Equal(5, list[0]);
        }
    }
}
