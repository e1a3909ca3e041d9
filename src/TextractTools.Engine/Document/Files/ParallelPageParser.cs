using System;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;
using System.Threading;
using TextractTools.Engine.Document.Parsing;

namespace TextractTools.Engine.Document.Files
{
    /// <summary>
    /// Parses output pages on worker threads (the pages are independent JSON documents), while the calling thread
    /// joins the parsed pages to the <see cref="BlockStore"/> strictly in order. The pages are either a folder's
    /// numbered objects, each read by the worker that parses it, or the pieces of one saved file
    /// (<see cref="SavedOutputFile"/>), cut on a thread of their own and handed to the workers. The result is the same
    /// as parsing the pages one after another: same blocks in the same order, same ids, and the first problem in order
    /// is the one reported (a file the splitter cannot cut further fails after the pieces before the problem).
    /// Look-ahead is bounded: at most <c>workers + 2</c> pages are handed out and not yet joined, so memory does not
    /// grow with the folder or the file.
    /// </summary>
    internal sealed class ParallelPageParser : IDisposable
    {
        private const int MaxWorkers = 4;
        private const int InitialBufferBytes = 1 << 20;
        // A folder: page i is file i. A saved file: the pieces come from the splitter, and their arrays go back to
        // its buffers once parsed.
        private readonly IReadOnlyList<string>? _files;
        private readonly IEnumerator<RawOutputPage>? _pieces;
        private readonly PieceBuffers? _buffers;
        private readonly int _window;
        private readonly object _gate = new object();
        // Pieces cut and not yet claimed by a worker, and parsed pages not yet joined, by slot (index modulo the
        // window); the batches free for the next pages.
        private readonly RawOutputPage?[] _cut;
        private readonly PageBatch?[] _parsed;
        private readonly Stack<PageBatch> _free = new Stack<PageBatch>();
        private readonly List<Thread> _threads = new List<Thread>();
        // Pages that may be claimed: all of a folder's, the pieces cut so far of a file. Complete: no page beyond them.
        private int _available;
        private bool _complete;
        private int _nextToClaim;
        private int _nextToJoin;
        private bool _stopping;
        private ExceptionDispatchInfo? _workerFault;
        // Why the splitter stopped before the end of the file: raised in its turn, after the pieces cut before it.
        private ExceptionDispatchInfo? _cutFault;

        private ParallelPageParser(IReadOnlyList<string>? files, IEnumerator<RawOutputPage>? pieces, PieceBuffers? buffers,
            IReadOnlyList<RawOutputPage> firstPieces, int workers)
        {
            _files = files;
            _pieces = pieces;
            _buffers = buffers;
            _window = workers + 2;
            _cut = new RawOutputPage?[_window];
            _parsed = new PageBatch?[_window];
            for (int i = 0; i < _window; i++) _free.Push(new PageBatch());
            if (files != null)
            {
                _available = files.Count;
                _complete = true;
            }
            else
            {
                foreach (RawOutputPage piece in firstPieces) _cut[_available++] = piece;
                // Own threads rather than the thread pool: the caller may itself run on a pool thread and block here.
                Start(CutPieces, "TextractTools output splitter");
            }
            for (int w = 0; w < workers; w++) Start(Work, "TextractTools output parser " + (w + 1));
        }

        /// <summary>The worker threads used when the caller does not say: one per core, at most <see cref="MaxWorkers"/>.</summary>
        public static int DefaultWorkers => Math.Max(1, Math.Min(Environment.ProcessorCount, MaxWorkers));

        /// <summary>
        /// Reads <paramref name="files"/> (in this order) into <paramref name="store"/>; with one worker, or one
        /// file, on the calling thread alone.
        /// </summary>
        public static void ReadFolderInto(BlockStore store, IReadOnlyList<string> files, bool lenient, int workers)
        {
            workers = Math.Max(1, Math.Min(workers, MaxWorkers));
            if (workers == 1 || files.Count < 2)
            {
                var parser = new OutputJsonParser();
                var batch = new PageBatch();
                byte[] buffer = new byte[InitialBufferBytes];
                for (int i = 0; i < files.Count; i++)
                {
                    ParseFile(parser, files, i, ref buffer, batch);
                    store.Append(batch, lenient);
                }
                return;
            }
            using (var parser = new ParallelPageParser(files, null, null, Array.Empty<RawOutputPage>(), workers))
            {
                parser.JoinInto(store, lenient);
            }
        }

        /// <summary>
        /// Reads the pieces of a saved file (from <see cref="SavedOutputFile.ReadPieces(string, PieceBuffers)"/>, built
        /// in <paramref name="buffers"/>) into <paramref name="store"/>: the pieces are cut on a thread of their own and
        /// parsed on <paramref name="workers"/> threads; with one worker, or a file of one piece, on the calling thread
        /// alone. The caller keeps <paramref name="pieces"/>, and disposes of it once this returns.
        /// </summary>
        public static void ReadPiecesInto(BlockStore store, IEnumerator<RawOutputPage> pieces, PieceBuffers buffers, bool lenient, int workers)
        {
            workers = Math.Max(1, Math.Min(workers, MaxWorkers));
            var firstPieces = new List<RawOutputPage>(2);
            while (workers > 1 && firstPieces.Count < 2 && pieces.MoveNext()) firstPieces.Add(pieces.Current);
            if (firstPieces.Count < 2)
            {
                var parser = new OutputJsonParser(store, lenient);
                foreach (RawOutputPage piece in firstPieces) ParsePiece(parser, piece, buffers);
                while (pieces.MoveNext()) ParsePiece(parser, pieces.Current, buffers);
                return;
            }
            using (var parser = new ParallelPageParser(null, pieces, buffers, firstPieces, workers))
            {
                parser.JoinInto(store, lenient);
            }
        }

        /// <summary>
        /// The parsed pieces of a saved file in order, cut and parsed as <see cref="ReadPiecesInto"/> does, for a reader
        /// that joins them itself (the page-by-page reader). Each batch is valid until the next is asked for; a
        /// problem of a piece stays in its batch (<see cref="PageBatch.ThrowIfFailed"/>), a problem of the file comes
        /// after the batches before it. Stopping the enumeration early stops the threads.
        /// </summary>
        public static IEnumerable<PageBatch> ParsePieces(IEnumerator<RawOutputPage> pieces, PieceBuffers buffers, int workers)
        {
            workers = Math.Max(1, Math.Min(workers, MaxWorkers));
            var firstPieces = new List<RawOutputPage>(2);
            while (workers > 1 && firstPieces.Count < 2 && pieces.MoveNext()) firstPieces.Add(pieces.Current);
            if (workers == 1 || firstPieces.Count < 2)
            {
                var parser = new OutputJsonParser();
                var batch = new PageBatch();
                int index = 0;
                foreach (RawOutputPage piece in firstPieces)
                {
                    parser.ParseInto(piece, index++, batch);
                    buffers.Return(piece);
                    yield return batch;
                }
                while (pieces.MoveNext())
                {
                    parser.ParseInto(pieces.Current, index++, batch);
                    buffers.Return(pieces.Current);
                    yield return batch;
                }
                yield break;
            }
            using (var parallel = new ParallelPageParser(null, pieces, buffers, firstPieces, workers))
            {
                for (int i = 0; ; i++)
                {
                    PageBatch? batch = parallel.Take(i);
                    if (batch == null) yield break;
                    try
                    {
                        yield return batch;
                    }
                    finally
                    {
                        parallel.Recycle(i, batch);
                    }
                }
            }
        }

        private static void ParsePiece(OutputJsonParser parser, RawOutputPage piece, PieceBuffers buffers)
        {
            parser.Parse(piece);
            buffers.Return(piece);
        }

        private void Start(ThreadStart body, string name)
        {
            var thread = new Thread(body) { IsBackground = true, Name = name };
            _threads.Add(thread);
            thread.Start();
        }

        private void JoinInto(BlockStore store, bool lenient)
        {
            for (int i = 0; ; i++)
            {
                PageBatch? batch = Take(i);
                if (batch == null) return;
                try
                {
                    store.Append(batch, lenient);
                }
                finally
                {
                    Recycle(i, batch);
                }
            }
        }

        /// <summary>Reads file <paramref name="index"/> into the buffer and parses it; any problem stays in the batch.</summary>
        private static void ParseFile(OutputJsonParser parser, IReadOnlyList<string> files, int index, ref byte[] buffer, PageBatch batch)
        {
            try
            {
                parser.ParseInto(NumberedOutputFolder.ReadFile(files[index], ref buffer), index, batch);
            }
            catch (Exception e)
            {
                batch.Start(files[index]);
                batch.Fail(e);
            }
        }

        /// <summary>The splitter's thread: hands pieces over as long as the look-ahead allows.</summary>
        private void CutPieces()
        {
            try
            {
                while (true)
                {
                    lock (_gate)
                    {
                        while (!_stopping && _available >= _nextToJoin + _window) Monitor.Wait(_gate);
                        if (_stopping) return;
                    }
                    if (!_pieces!.MoveNext()) return;
                    lock (_gate)
                    {
                        // The slot's piece before (index - window) was joined, so claimed: the slot is free.
                        _cut[_available % _window] = _pieces.Current;
                        _available++;
                        Monitor.PulseAll(_gate);
                    }
                }
            }
            catch (Exception e)
            {
                lock (_gate) _cutFault = ExceptionDispatchInfo.Capture(e);
            }
            finally
            {
                lock (_gate)
                {
                    _complete = true;
                    Monitor.PulseAll(_gate);
                }
            }
        }

        private void Work()
        {
            try
            {
                WorkOnPages();
            }
            catch (Exception e)
            {
                // Parsing keeps every problem of a page in its batch; this is for a fault of the worker itself (out of
                // memory, say), which must not leave the reading thread waiting for a page that never comes.
                lock (_gate)
                {
                    _workerFault ??= ExceptionDispatchInfo.Capture(e);
                    Monitor.PulseAll(_gate);
                }
            }
        }

        private void WorkOnPages()
        {
            var parser = new OutputJsonParser();
            byte[] buffer = _files == null ? Array.Empty<byte>() : new byte[InitialBufferBytes];
            while (true)
            {
                int index;
                PageBatch batch;
                RawOutputPage? piece = null;
                lock (_gate)
                {
                    while (!_stopping && !(_nextToClaim < _available && _nextToClaim < _nextToJoin + _window) && !(_complete && _nextToClaim >= _available))
                    {
                        Monitor.Wait(_gate);
                    }
                    if (_stopping || _nextToClaim >= _available) return;
                    index = _nextToClaim++;
                    // At most _window pages are between claimed and recycled, and the pool holds _window batches.
                    batch = _free.Pop();
                    if (_files == null)
                    {
                        piece = _cut[index % _window];
                        _cut[index % _window] = null;
                    }
                }
                if (piece != null)
                {
                    // ParseInto keeps any problem in the batch; the batch keeps nothing of the piece's bytes.
                    parser.ParseInto(piece, index, batch);
                    _buffers!.Return(piece);
                }
                else
                {
                    ParseFile(parser, _files!, index, ref buffer, batch);
                }
                lock (_gate)
                {
                    _parsed[index % _window] = batch;
                    Monitor.PulseAll(_gate);
                }
            }
        }

        /// <summary>Waits for page <paramref name="index"/>, which must be the next one in order; null after the last page.</summary>
        private PageBatch? Take(int index)
        {
            int slot = index % _window;
            lock (_gate)
            {
                while (_parsed[slot] == null)
                {
                    _workerFault?.Throw();
                    if (_complete && index >= _available)
                    {
                        _cutFault?.Throw();
                        return null;
                    }
                    Monitor.Wait(_gate);
                }
                PageBatch batch = _parsed[slot]!;
                _parsed[slot] = null;
                return batch;
            }
        }

        /// <summary>Returns a joined page's batch to the pool and lets the workers (and the splitter) look one page further ahead.</summary>
        private void Recycle(int index, PageBatch batch)
        {
            batch.Reset();
            lock (_gate)
            {
                _free.Push(batch);
                _nextToJoin = index + 1;
                Monitor.PulseAll(_gate);
            }
        }

        /// <summary>Stops the threads (after an error, before the last page) and waits for them to end.</summary>
        public void Dispose()
        {
            lock (_gate)
            {
                _stopping = true;
                Monitor.PulseAll(_gate);
            }
            foreach (Thread thread in _threads) thread.Join();
        }
    }
}
