using TextractTools.LocalEndpoint.Replay;

namespace TextractTools.LocalEndpoint.Textract
{
    /// <summary>
    /// Decides how a job ends once its time is up: the replay library's answer for the document, cut down to what
    /// the operation and features serve, then written to the OutputConfig bucket when one was given.
    /// </summary>
    internal sealed class JobFinisher
    {
        private readonly ReplayLibrary _library;
        private readonly OutputWriter _output;

        public JobFinisher(ReplayLibrary library, OutputWriter output)
        {
            _library = library;
            _output = output;
        }

        public JobResult Finish(TextractJob job)
        {
            try
            {
                return FinishFromLibrary(job);
            }
            catch (System.Exception e) when (e is not System.OutOfMemoryException)
            {
                // Runs on a timer thread too, where an escaping exception would end the process: a bug in a
                // recording or in this code fails the one job, with the cause in its StatusMessage.
                return JobResult.Failure("The local endpoint failed to process the job: " + e.Message);
            }
        }

        private JobResult FinishFromLibrary(TextractJob job)
        {
            var answer = _library.Answer(job.Document, job.Format == DocumentFormat.Pdf);
            if (answer.Recording is not { } recording) return JobResult.Failure(answer.FailureMessage!);

            var blocks = BlockSelector.Select(recording, job.Request, job.JobId);
            // The fault plan (FAULTS.md) may turn the success into FAILED or PARTIAL_SUCCESS, decided at Start.
            var result = job.Fault.Shape(JobResult.Success(recording.Pages, blocks));
            if (!result.HasOutput || job.Request.OutputBucket is not { } bucket) return result;
            if (job.Fault.LateOutput > System.TimeSpan.Zero)
            {
                WriteLater(job, result, job.Fault.LateOutput);
                return result;
            }
            if (!_output.TryWriteResult(job, result))
                return JobResult.Failure($"Unable to write the output to the S3 bucket '{bucket}': it no longer exists.");
            return result;
        }

        /// <summary>Output objects that appear a while after the job SUCCEEDED, as the service's sometimes do.</summary>
        private void WriteLater(TextractJob job, JobResult result, System.TimeSpan delay) =>
            _ = System.Threading.Tasks.Task.Delay(delay).ContinueWith(_ =>
            {
                try { _output.TryWriteResult(job, result); }
                catch (System.Exception e) when (e is not System.OutOfMemoryException) { /* the bucket went away meanwhile: nothing appears */ }
            }, System.Threading.Tasks.TaskScheduler.Default);
    }
}
