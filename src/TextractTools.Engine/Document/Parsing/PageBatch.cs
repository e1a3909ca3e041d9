using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;

namespace TextractTools.Engine.Document.Parsing
{
    /// <summary>
    /// The blocks of one output page, parsed on their own: ids are handles of the page's own <see cref="IdTable"/>,
    /// relationships index the page's own arrays. Pages can so be parsed at the same time on several threads;
    /// <see cref="BlockStore.Append"/> then joins them to the document one after the other, in page order. A batch is
    /// reused for page after page (<see cref="Reset"/>), so its arrays stop growing after the first few.
    /// </summary>
    internal sealed class PageBatch
    {
        private BlockRecord[] _blocks = new BlockRecord[1024];
        private long[] _blockStarts = new long[1024];
        private RelationshipRecord[] _relationships = new RelationshipRecord[1024];
        private int[] _targets = new int[2048];
        private ExceptionDispatchInfo? _failure;

        /// <summary>Where the page came from (file, S3 object, API page), as errors and warnings name it.</summary>
        public string Source { get; private set; } = string.Empty;

        public IdTable Ids { get; } = new IdTable();
        public List<QueryRecord> Queries { get; } = new List<QueryRecord>();
        public List<AnswerInfo> Answers { get; } = new List<AnswerInfo>();

        public int Count { get; private set; }
        public int RelationshipCount { get; private set; }
        public int TargetCount { get; private set; }

        /// <summary>
        /// Whether the page is a piece of the saved file the page before it began (see
        /// <see cref="PiecePlacement.ContinuesFile"/>): the store counts them as one output page.
        /// </summary>
        public bool ContinuesPage { get; private set; }

        /// <summary>Whether the page could not be parsed; <see cref="ThrowIfFailed"/> raises the problem.</summary>
        public bool Failed => _failure != null;

        public void Start(string source, bool continuesPage = false)
        {
            Reset();
            Source = source;
            ContinuesPage = continuesPage;
        }

        public void Reset()
        {
            // Cleared so that a batch waiting in the pool does not keep the last page's strings alive.
            Array.Clear(_blocks, 0, Count);
            Array.Clear(_relationships, 0, RelationshipCount);
            Count = RelationshipCount = TargetCount = 0;
            Ids.Clear();
            Queries.Clear();
            Answers.Clear();
            Source = string.Empty;
            ContinuesPage = false;
            _failure = null;
        }

        public ref readonly BlockRecord this[int index] => ref _blocks[index];

        /// <summary>Byte offset of the block's opening brace in the page's JSON, or in the saved file it was cut from (for error messages).</summary>
        public long BlockStart(int index) => _blockStarts[index];

        public RelationshipRecord Relationship(int index) => _relationships[index];

        /// <summary>A relationship target as a handle of <see cref="Ids"/>.</summary>
        public int Target(int index) => _targets[index];

        [MethodImpl(Hot.AggressiveOptimization)]
        public void AddTarget(int idHandle)
        {
            if (TargetCount == _targets.Length) Array.Resize(ref _targets, _targets.Length * 2);
            _targets[TargetCount++] = idHandle;
        }

        [MethodImpl(Hot.AggressiveOptimization)]
        public void AddRelationship(string type, int targetStart, int targetCount)
        {
            if (RelationshipCount == _relationships.Length) Array.Resize(ref _relationships, _relationships.Length * 2);
            _relationships[RelationshipCount++] = new RelationshipRecord { Type = type, TargetStart = targetStart, TargetCount = targetCount };
        }

        /// <summary>Adds a block whose relationships were added just before it.</summary>
        [MethodImpl(Hot.AggressiveOptimization)]
        public void AddBlock(in BlockRecord block, long blockStart)
        {
            if (Count == _blocks.Length)
            {
                Array.Resize(ref _blocks, _blocks.Length * 2);
                Array.Resize(ref _blockStarts, _blockStarts.Length * 2);
            }
            _blocks[Count] = block;
            _blockStarts[Count] = blockStart;
            Count++;
        }

        /// <summary>Records why the page could not be parsed, to be raised when the page's turn to join the document comes.</summary>
        public void Fail(Exception problem) => _failure = ExceptionDispatchInfo.Capture(problem);

        public void ThrowIfFailed() => _failure?.Throw();
    }
}
