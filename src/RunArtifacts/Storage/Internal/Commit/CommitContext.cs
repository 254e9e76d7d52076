using Microsoft.Extensions.Logging;
using RunArtifacts.Index.Internal;
using RunArtifacts.Records;
using RunArtifacts.Redaction.Internal;

namespace RunArtifacts.Storage.Internal.Commit;

/// <summary>
/// What every commit of one store needs, built once when the store is made: the validated options snapshot, the
/// redactor, the index, the clock, the logger and the file-system seam. The pipeline reads nothing back from the store.
/// </summary>
internal sealed class CommitContext
{
    public required RunArtifactsOptions Options { get; init; }

    public required string RootPath { get; init; }

    public required SecretRedactor Redactor { get; init; }

    public required PrivacyScrubber Privacy { get; init; }

    public required IndexFile Index { get; init; }

    public required TimeProvider Clock { get; init; }

    public required ILogger Logger { get; init; }

    public required EnvironmentRecord Environment { get; init; }

    public required DerivativeSettingsRecord DerivativeSettings { get; init; }

    /// <summary>
    /// After the index line: records the run in the derived catalog. Never throws (a failure is logged and the next
    /// reader repairs the catalog from the index).
    /// </summary>
    public required Action<CommittedRun> RecordInCatalog { get; init; }

    /// <summary>The date folders whose entry in the root this store has flushed (once per folder, not per commit).</summary>
    public PublishFolders PublishFolders { get; init; } = new();

    /// <summary>The publish rename; tests replace it to simulate a name taken by another writer or a failing rename.</summary>
    public StoreFileSystem FileSystem { get; set; } = StoreFileSystem.Real;

    /// <summary>The background flush of published runs under <see cref="RunArtifactsOptions.DeferPublishFlush"/>.</summary>
    public required PublishFlusher Flusher { get; init; }

    /// <summary>Whether the commit leaves its rename's and index line's flush to <see cref="Flusher"/>.</summary>
    public bool DeferPublishFlush => Options.FlushToDisk && Options.DeferPublishFlush;
}
