using System;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;
using System.Threading;
using TextractTools.Engine.Document.Parsing;

namespace TextractTools.Engine.Document.Files
{
    /// <summary>
    /// Reads and parses the numbered objects of an output folder on worker threads (the objects are independent
    /// JSON documents), while the calling thread joins the parsed pages to the <see cref="BlockStore"/> strictly in
    /// file order. The result is the same as reading the files one after another: same blocks in the same order,
    /// same ids, and the first bad file in order is the one reported. Look-ahead is bounded: at most
    /// <c>workers + 2</c> pages are parsed and not yet joined, so memory does not grow with the folder.
    /// </summary>
    internal sealed class FolderPageParser : IDisposable
    {
        private const int MaxWorkers = 4;
        private const int InitialBufferBytes = 1 << 20;
        private readonly IReadOnlyList<string> _files;
        private readonly int _window;
        private readonly object _gate = new object();
        // Parsed, not yet joined pages by slot (file index modulo the window), and the batches free for the next ones.
        private readonly PageBatch?[] _parsed;
        private readonly Stack<PageBatch> _free = new Stack<PageBatch>();
        private readonly Thread[] _workers;
        private int _nextToClaim;
        private int _nextToJoin;
        private bool _stopping;
        private ExceptionDispatchInfo? _workerFault;

        private FolderPageParser(IReadOnlyList<string> files, int workers)
        {
            _files = files;
            _window = workers + 2;
            _parsed = new PageBatch?[_window];
            for (int i = 0; i < _window; i++) _free.Push(new PageBatch());
            _workers = new Thread[workers];
            for (int w = 0; w < workers; w++)
            {
                // Own threads rather than the thread pool: the caller may itself run on a pool thread and block here.
                _workers[w] = new Thread(Work) { IsBackground = true, Name = "TextractTools output parser " + (w + 1) };
                _workers[w].Start();
            }
        }

        /// <summary>The worker threads used when the caller does not say: one per core, at most <see cref="MaxWorkers"/>.</summary>
        public static int DefaultWorkers => Math.Max(1, Math.Min(Environment.ProcessorCount, MaxWorkers));

        /// <summary>
        /// Reads <paramref name="files"/> (in this order) into <paramref name="store"/>; with one worker, or one
        /// file, on the calling thread alone.
        /// </summary>
        public static void ReadInto(BlockStore store, IReadOnlyList<string> files, bool lenient, int workers)
        {
            workers = Math.Max(1, Math.Min(workers, MaxWorkers));
            if (workers == 1 || files.Count < 2)
            {
                ReadOneByOne(store, files, lenient);
                return;
            }
            using (var parser = new FolderPageParser(files, workers))
            {
                for (int i = 0; i < files.Count; i++)
                {
                    PageBatch batch = parser.Take(i);
                    try
                    {
                        store.Append(batch, lenient);
                    }
                    finally
                    {
                        parser.Recycle(i, batch);
                    }
                }
            }
        }

        private static void ReadOneByOne(BlockStore store, IReadOnlyList<string> files, bool lenient)
        {
            var parser = new OutputJsonParser();
            var batch = new PageBatch();
            byte[] buffer = new byte[InitialBufferBytes];
            for (int i = 0; i < files.Count; i++)
            {
                Parse(parser, files, i, ref buffer, batch);
                store.Append(batch, lenient);
            }
        }

        /// <summary>Reads file <paramref name="index"/> into the buffer and parses it; any problem stays in the batch.</summary>
        private static void Parse(OutputJsonParser parser, IReadOnlyList<string> files, int index, ref byte[] buffer, PageBatch batch)
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

        private void Work()
        {
            try
            {
                WorkOnPages();
            }
            catch (Exception e)
            {
                // Parse keeps every problem of a page in its batch; this is for a fault of the worker itself (out of
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
            byte[] buffer = new byte[InitialBufferBytes];
            while (true)
            {
                int index;
                PageBatch batch;
                lock (_gate)
                {
                    while (!_stopping && _nextToClaim < _files.Count && _nextToClaim >= _nextToJoin + _window) Monitor.Wait(_gate);
                    if (_stopping || _nextToClaim >= _files.Count) return;
                    index = _nextToClaim++;
                    // At most _window pages are between claimed and recycled, and the pool holds _window batches.
                    batch = _free.Pop();
                }
                Parse(parser, _files, index, ref buffer, batch);
                lock (_gate)
                {
                    _parsed[index % _window] = batch;
                    Monitor.PulseAll(_gate);
                }
            }
        }

        /// <summary>Waits for page <paramref name="index"/>, which must be the next one in order.</summary>
        private PageBatch Take(int index)
        {
            int slot = index % _window;
            lock (_gate)
            {
                while (_parsed[slot] == null)
                {
                    _workerFault?.Throw();
                    Monitor.Wait(_gate);
                }
                PageBatch batch = _parsed[slot]!;
                _parsed[slot] = null;
                return batch;
            }
        }

        /// <summary>Returns a joined page's batch to the pool and lets the workers look one page further ahead.</summary>
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

        /// <summary>Stops the workers (after an error, before the last page) and waits for them to end.</summary>
        public void Dispose()
        {
            lock (_gate)
            {
                _stopping = true;
                Monitor.PulseAll(_gate);
            }
            foreach (Thread worker in _workers) worker.Join();
        }
    }
}
