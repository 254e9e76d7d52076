using RunArtifacts.Internal;

namespace RunArtifacts.Storage.Internal.Commit;

/// <summary>
/// Step 8, <see cref="CommitStage.Index"/>: the index line appended under the inter-process lock in one write, flushed.
/// The run is already published: a failure here is an <see cref="ArtifactCommitException"/> with
/// <see cref="ArtifactCommitException.Published"/> set, and <c>reindex</c> restores the line from the folder.
/// </summary>
internal static class IndexStep
{
    public static async Task RunAsync(CommitContext context, CommittedRun run, CancellationToken cancellationToken)
    {
        try
        {
            await context.Index.AppendAsync(run.IndexEntry, context.Options.FlushToDisk, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or OperationCanceledException or ArtifactCommitException)
        {
            Log.IndexAppendFailed(context.Logger, run.RunId, ex);
            throw new ArtifactCommitException($"Run '{run.RunPath}' was published but its index line could not be written ({ex.Message}); 'reindex' restores it.", ex) { Stage = CommitStage.Index, Published = true };
        }
    }
}
