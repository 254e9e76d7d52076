namespace RunArtifacts.Storage;

/// <summary>The flush of runs committed under <see cref="RunArtifactsOptions.DeferPublishFlush"/>.</summary>
public sealed partial class RunArtifactStore : IAsyncDisposable, IDisposable
{
    /// <summary>
    /// Waits until every run committed before the call is durable: under <see cref="RunArtifactsOptions.DeferPublishFlush"/>,
    /// until the background flush of their publish renames and index lines has completed. Returns at once when nothing is
    /// pending (always, when the option is off: each commit was durable when it returned).
    /// </summary>
    /// <param name="cancellationToken">Cancels the wait (not the flush, which goes on).</param>
    /// <returns>A task that completes when the runs are on disk.</returns>
    /// <exception cref="ArtifactCommitException">A background flush failed since the last call (it is reported once, here);
    /// <see cref="ArtifactCommitException.Published"/> is set: the runs are published and indexed, but may not survive a power loss.</exception>
    public Task FlushAsync(CancellationToken cancellationToken = default) => Context.Flusher.FlushAsync(cancellationToken);

    /// <summary>Waits for <see cref="FlushAsync"/>. The store holds nothing else to release; it stays usable.</summary>
    /// <returns>A task that completes when the committed runs are on disk.</returns>
    /// <exception cref="ArtifactCommitException">A background flush failed (see <see cref="FlushAsync"/>).</exception>
    public ValueTask DisposeAsync() => new(FlushAsync());

    /// <summary>Blocks until <see cref="FlushAsync"/> completes (for containers that dispose synchronously).</summary>
    /// <exception cref="ArtifactCommitException">A background flush failed (see <see cref="FlushAsync"/>).</exception>
    public void Dispose() => FlushAsync().GetAwaiter().GetResult();
}
