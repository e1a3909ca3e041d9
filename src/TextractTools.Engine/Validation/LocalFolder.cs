using System;
using System.IO;

namespace TextractTools.Engine.Validation
{
    /// <summary>
    /// Checks that a local folder a command will write into (a batch's -OutputFolder) can be created and written, before
    /// anything is uploaded or started: found out only when the first output is delivered, the jobs would have run (and
    /// been paid for) for nothing. Leaves nothing behind: the folder itself is not created (-WhatIf must change nothing);
    /// a probe file is written in it, or in the nearest folder above it that exists, and deleted.
    /// </summary>
    public static class LocalFolder
    {
        /// <summary>Throws <see cref="ParameterValueException"/> (OutputFolderNotWritable) saying why the folder cannot be used.</summary>
        public static void RequireWritable(string folder, string parameterName)
        {
            var full = Path.GetFullPath(folder);
            if (File.Exists(full)) throw Refuse(parameterName, full, "it is a file; give a folder.");
            // The nearest existing folder: the folder itself, or where it would be created.
            var existing = full;
            while (!Directory.Exists(existing))
            {
                if (File.Exists(existing)) throw Refuse(parameterName, full, $"'{existing}' on its path is a file, so the folder cannot be created.");
                var parent = Path.GetDirectoryName(existing);
                if (string.IsNullOrEmpty(parent) || parent == existing) throw Refuse(parameterName, full, "no folder on its path exists (is the drive or share there?).");
                existing = parent!;
            }
            var probe = Path.Combine(existing, ".textracttools-write-check-" + Guid.NewGuid().ToString("N"));
            try
            {
                using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose)) { }
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                var where = existing == full ? "it" : $"'{existing}', where it would be created,";
                throw Refuse(parameterName, full, $"{where} cannot be written ({e.Message}).", e);
            }
            finally
            {
                try { if (File.Exists(probe)) File.Delete(probe); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            }
        }

        private static ParameterValueException Refuse(string parameterName, string folder, string why, Exception? inner = null) =>
            new ParameterValueException(parameterName + "NotWritable", ParameterProblem.NotWritable, parameterName,
                $"-{parameterName} '{folder}' cannot be used: {why} Nothing was uploaded or started; give a folder this account can create and write.", inner);
    }
}
