using System;
using System.IO;
using TextractTools.Engine.Validation;
using Xunit;

namespace TextractTools.Tests.Engine.Validation
{
    public sealed class LocalFolderTests : IDisposable
    {
        private readonly string _root = Path.Combine(Path.GetTempPath(), "textracttools-folder-" + Guid.NewGuid().ToString("N"));

        public LocalFolderTests() => Directory.CreateDirectory(_root);

        public void Dispose() => Directory.Delete(_root, true);

        [Fact]
        public void A_folder_that_exists_or_can_be_made_passes_and_nothing_is_left_or_made()
        {
            LocalFolder.RequireWritable(_root, "OutputFolder");
            var deeper = Path.Combine(_root, "not", "yet");
            LocalFolder.RequireWritable(deeper, "OutputFolder");
            Assert.False(Directory.Exists(Path.Combine(_root, "not")));
            Assert.Empty(Directory.GetFileSystemEntries(_root));
        }

        [Fact]
        public void A_file_in_the_way_is_refused()
        {
            var file = Path.Combine(_root, "file");
            File.WriteAllText(file, "x");
            var e = Assert.Throws<ParameterValueException>(() => LocalFolder.RequireWritable(file, "OutputFolder"));
            Assert.Equal("OutputFolderNotWritable", e.ErrorId);
            Assert.Equal(ParameterProblem.NotWritable, e.Problem);
            Assert.Contains("is a file", e.Message);
            var below = Assert.Throws<ParameterValueException>(() => LocalFolder.RequireWritable(Path.Combine(file, "sub"), "OutputFolder"));
            Assert.Contains("is a file", below.Message);
        }

        [SkippableFact]
        public void A_folder_without_write_permission_is_refused()
        {
            if (OperatingSystem.IsWindows()) throw new SkipException("Windows folders are locked with ACLs, not Unix modes.");
            Skip.If(Environment.UserName == "root", "root writes into any folder whatever its mode.");
            var locked = Path.Combine(_root, "locked");
            Directory.CreateDirectory(locked);
            File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.UserExecute);
            try
            {
                var e = Assert.Throws<ParameterValueException>(() => LocalFolder.RequireWritable(Path.Combine(locked, "out"), "OutputFolder"));
                Assert.Contains("cannot be written", e.Message);
            }
            finally
            {
                File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }
    }
}
