using System;
using System.IO;
using System.Management.Automation;
using TextractTools.Engine;
using TextractTools.Engine.Batch;
using TextractTools.Engine.Session;

namespace TextractTools.Commands
{
    /// <summary>
    /// How a batch of Invoke-TextractBatch stands, from any machine and while it runs: counts of its documents by
    /// stage, the hosts working a shared batch (-StateUri) with what each holds and whether its lease expired, and
    /// each document with its stage and holder. Reads only: it joins no batch and writes nothing.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "TextractBatchStatus", DefaultParameterSetName = StateUriSet)]
    [OutputType(typeof(TextractBatchStatus))]
    public sealed class GetTextractBatchStatusCommand : TextractCmdletBase
    {
        private const string StateUriSet = "StateUri";
        private const string StateFileSet = "StateFile";

        /// <summary>s3://bucket/prefix/ of a shared batch (the -StateUri its hosts were given).</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = StateUriSet, ValueFromPipeline = true)]
        [ArgumentCompleter(typeof(Completers.S3UriCompleter))]
        public string StateUri { get; set; } = "";

        /// <summary>The journal of a batch on this machine (the -StateFile it was given).</summary>
        [Parameter(Mandatory = true, ParameterSetName = StateFileSet)]
        public string StateFile { get; set; } = "";

        protected override void ProcessRecord()
        {
            var target = ParameterSetName == StateFileSet ? StateFile : StateUri;
            try
            {
                var status = ParameterSetName == StateFileSet ? ReadStateFile() : ReadSharedState();
                if (status.HeldExpired > 0)
                    WriteWarning($"{status.HeldExpired} document(s) of {status.Location} are held by hosts whose lease expired (or that left); " +
                                 "the next host of the batch to look takes them over, or run Invoke-TextractBatch with the same -StateUri.");
                WriteObject(status);
            }
            catch (FileNotFoundException e)
            {
                WriteError(ErrorRecords.Make(e, "TextractBatchStateNotFound", ErrorCategory.ObjectNotFound, target,
                    "Give the -StateFile or -StateUri that Invoke-TextractBatch was run with."));
            }
            catch (BatchJournalException e)
            {
                WriteError(ErrorRecords.Make(e, "TextractBatchStateUnreadable", ErrorCategory.InvalidData, target,
                    "The message names the damaged record; repair or remove it."));
            }
            catch (Exception e) when (!(e is PipelineStoppedException))
            {
                ReportError(e, target);
            }
        }

        private TextractBatchStatus ReadStateFile() =>
            TextractBatchStatus.FromStateFile(SessionState.Path.GetUnresolvedProviderPathFromPSPath(StateFile), DateTimeOffset.UtcNow);

        private TextractBatchStatus ReadSharedState()
        {
            var location = S3Location.Parse(StateUri, nameof(StateUri)).AsFolder();
            var session = GetSession();
            return RunAsync(ct => session.ReadSharedBatchStatusAsync(location, ct));
        }
    }
}
