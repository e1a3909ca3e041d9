using System.Collections.Generic;

namespace TextractTools.LocalEndpoint.Replay
{
    /// <summary>
    /// What Textract found in one document, normalised from whichever shape it was recorded in: every block, in
    /// the recorded order, each knowing its page, and the page count. <see cref="Origin"/> says where it came from
    /// (a file, the project sample, the PDF text layer) for messages and logs.
    /// </summary>
    internal sealed class Recording
    {
        public Recording(int pages, IReadOnlyList<RecordedBlock> blocks, string origin)
        {
            Pages = pages;
            Blocks = blocks;
            Origin = origin;
        }

        public int Pages { get; }
        public IReadOnlyList<RecordedBlock> Blocks { get; }
        public string Origin { get; }
    }
}
