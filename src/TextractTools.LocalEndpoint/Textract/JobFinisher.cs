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
            var result = JobResult.Success(recording.Pages, blocks);
            if (job.Request.OutputBucket is { } bucket && !_output.TryWriteResult(job, result))
                return JobResult.Failure($"Unable to write the output to the S3 bucket '{bucket}': it no longer exists.");
            return result;
        }
    }
}
