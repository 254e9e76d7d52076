using System.Diagnostics;
using RunArtifacts.Builder.Internal;
using RunArtifacts.Derivatives;
using RunArtifacts.Internal;

namespace RunArtifacts.Storage.Internal.Commit;

/// <summary>
/// The commit, as DESIGN.md's "Commit" reads: Freeze → StageFiles → Probe → Derive → WriteTexts → AssembleRecords →
/// Publish → Index, one step per file in this folder. Built once per store with its <see cref="CommitContext"/>.
/// </summary>
internal sealed class CommitPipeline(CommitContext context)
{
    public async Task<CommittedRun> CommitAsync(RunDraft draft, CancellationToken cancellationToken)
    {
        using var activity = Telemetry.Source.StartActivity("RunArtifacts.Commit");
        var started = Stopwatch.GetTimestamp();
        var stage = CommitStage.Freeze;
        void Enter(CommitStage next)
        {
            stage = next;
            draft.Progress?.Report(new CommitProgress(next, null, 0, null));
        }

        Enter(CommitStage.Freeze);
        var work = FreezeStep.Run(context, draft);
        activity?.SetTag("run_artifacts.model_key", work.ModelKeySlug);

        Enter(CommitStage.StageFiles);
        using var staging = StageFilesStep.OpenStaging(context);
        CommittedRun run;
        Task published;
        try
        {
            await StageFilesStep.RunAsync(context, work, staging, cancellationToken).ConfigureAwait(false);

            Enter(CommitStage.Probe);
            await ProbeStep.RunAsync(context, work, cancellationToken).ConfigureAwait(false);

            Enter(CommitStage.Derive);
            await DeriveStep.RunAsync(context, work, cancellationToken).ConfigureAwait(false);

            Enter(CommitStage.WriteTexts);
            await ArtifactFiles.FinishCaptureAsync(work).ConfigureAwait(false);
            WriteTextsStep.Run(context, work);

            cancellationToken.ThrowIfCancellationRequested();
            Enter(CommitStage.AssembleRecords);
            var records = AssembleRecordsStep.Run(context, work);

            Enter(CommitStage.Publish);
            (run, published) = PublishStep.Run(context, staging, records, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Log.CommitFailed(context.Logger, work.ModelKeySlug, ex);
            throw new ArtifactCommitException($"Committing the run failed; nothing was published: {ex.Message}", ex) { Stage = stage };
        }

        Enter(CommitStage.Index);
        await IndexStep.RunAsync(context, run, published, cancellationToken).ConfigureAwait(false);

        Telemetry.RunsCommitted.Add(1, new KeyValuePair<string, object?>("status", run.Status.ToString().ToLowerInvariant()));
        Telemetry.CommitDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        Log.Committed(context.Logger, run.RunId, run.RunPath);
        return run;
    }
}
