using RunArtifacts.Internal;

namespace RunArtifacts.Storage.Internal.Commit;

/// <summary>
/// Step 8, <see cref="CommitStage.Index"/>: the index line appended under the inter-process lock in one write, flushed;
/// then the run's rows in the derived catalog (best effort: a catalog failure is logged and repaired by the next reader).
/// Under <see cref="RunArtifactsOptions.DeferPublishFlush"/> the line is appended without its fsync and the store's
/// group flusher flushes it with the run's date folder after the commit returns.
/// The run is already published: a failure here is an <see cref="ArtifactCommitException"/> with
/// <see cref="ArtifactCommitException.Published"/> set, and <c>reindex</c> restores the line from the folder.
/// </summary>
internal static class IndexStep
{
    /// <param name="context">The store's commit context.</param>
    /// <param name="run">The published run.</param>
    /// <param name="published">The flush of the run's date folder that <see cref="PublishStep"/> started, waited for once
    /// the index line is flushed (both fsyncs then go to the disk together).</param>
    /// <param name="cancellationToken">Cancels the wait for the index lock.</param>
    public static async Task RunAsync(CommitContext context, CommittedRun run, Task published, CancellationToken cancellationToken)
    {
        var defer = context.DeferPublishFlush;
        var publishFolder = Path.GetDirectoryName(run.FullPath)!;
        bool created;
        try
        {
            created = await context.Index.AppendAsync(run.IndexEntry, context.Options.FlushToDisk && !defer, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or OperationCanceledException or ArtifactCommitException)
        {
            if (defer)
            {
                context.Flusher.Request(publishFolder, indexLine: false, indexCreated: false);
            }

            await Settle(published).ConfigureAwait(false);
            Log.IndexAppendFailed(context.Logger, run.RunId, ex);
            throw new ArtifactCommitException($"Run '{run.RunPath}' was published but its index line could not be written ({ex.Message}); 'reindex' restores it.", ex) { Stage = CommitStage.Index, Published = true };
        }

        if (defer)
        {
            // The line is in the page cache (a killed process loses nothing); the flusher makes it and the rename
            // durable together with the commits around this one. FlushAsync waits for it.
            context.Flusher.Request(publishFolder, indexLine: true, indexCreated: created);
        }

        try
        {
            await published.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ArtifactCommitException($"Run '{run.RunPath}' was published but its folder could not be flushed to disk ({ex.Message}); it may not survive a machine crash.", ex) { Stage = CommitStage.Publish, Published = true };
        }

        context.RecordInCatalog(run);
    }

    /// <summary>Waits for the folder flush when the index failed first, so its own failure is observed, not left unobserved.</summary>
    private static async Task Settle(Task published)
    {
        try
        {
            await published.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The index failure is the one reported.
        }
    }
}
