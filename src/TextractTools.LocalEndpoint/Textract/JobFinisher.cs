using TextractTools.LocalEndpoint.Replay;

namespace TextractTools.LocalEndpoint.Textract
{
    /// <summary>
    /// Decides how a job ends once its time is up: the replay library's recording of the job's kind for the document
    /// (blocks cut down to what the operation and features serve; expense documents; lending results and summary),
    /// shaped by the fault plan, then written to the OutputConfig bucket when one was given.
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
            // The fault plan (FAULTS.md) may turn the success into FAILED or PARTIAL_SUCCESS, decided at Start.
            var result = RecordedResult(job);
            if (result.Succeeded) result = job.Fault.Shape(result);
            if (job.Kind == JobKind.Lending && result.HasOutput && result.Summary is null)
                result = result with { Summary = LendingSummaryBuilder.Build(result.Items) };
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

        /// <summary>What the recording of the job's kind answers for its document, or FAILED with the reason there is none.</summary>
        private JobResult RecordedResult(TextractJob job)
        {
            switch (job.Kind)
            {
                case JobKind.Expense:
                    var expense = _library.AnswerExpense(job.Document);
                    return expense.Recording is { } documents
                        ? JobResult.Success(documents.Pages, documents.Documents)
                        : JobResult.Failure(expense.FailureMessage!);
                case JobKind.Lending:
                    var lending = _library.AnswerLending(job.Document);
                    if (lending.Recording is not { } recorded) return JobResult.Failure(lending.FailureMessage!);
                    // A recorded summary is served as recorded; without one it is derived from the Results (after any
                    // fault has shaped them), see LendingSummaryBuilder.
                    return JobResult.Success(recorded.Results.Pages, recorded.Results.Results) with { Summary = recorded.Summary?.Summary };
                default:
                    var answer = _library.Answer(job.Document, job.Format == DocumentFormat.Pdf);
                    return answer.Recording is { } recording
                        ? JobResult.Success(recording.Pages, BlockSelector.Select(recording, job.Request, job.JobId))
                        : JobResult.Failure(answer.FailureMessage!);
            }
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
