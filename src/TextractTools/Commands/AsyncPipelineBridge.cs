using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace TextractTools.Commands
{
    /// <summary>
    /// The one bridge between async engine work and the PowerShell pipeline thread. The work runs on the thread pool;
    /// anything it wants written (output, progress, verbose, warnings) is queued and run here, on the pipeline
    /// thread, because PowerShell's Write* methods may only be called from it.
    /// </summary>
    internal sealed class AsyncPipelineBridge
    {
        private readonly BlockingCollection<Action> _pipelineActions = new BlockingCollection<Action>();

        /// <summary>Queues an action for the pipeline thread (callable from any thread).</summary>
        public void Post(Action action) => _pipelineActions.Add(action);

        /// <summary>Runs the work, executing posted actions on this (the pipeline) thread until it completes.</summary>
        public T Run<T>(Func<Task<T>> work)
        {
            var task = Task.Run(work);
            task.ContinueWith(_ => _pipelineActions.Add(() => { }), TaskScheduler.Default);
            while (!task.IsCompleted || _pipelineActions.Count > 0)
            {
                if (_pipelineActions.TryTake(out var action, Timeout.Infinite))
                    action();
            }
            return task.GetAwaiter().GetResult();
        }

        public void Run(Func<Task> work) => Run(async () => { await work().ConfigureAwait(false); return true; });
    }
}
