using Microsoft.Extensions.Logging;

namespace RunArtifacts.Internal;

internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Committed run {RunId} at {RunPath}")]
    public static partial void Committed(ILogger logger, string runId, string runPath);

    [LoggerMessage(2, LogLevel.Error, "Committing a run of {ModelKey} failed; nothing was published")]
    public static partial void CommitFailed(ILogger logger, string modelKey, Exception exception);

    [LoggerMessage(3, LogLevel.Information, "Recover removed {Count} stale staging entries from {Root}")]
    public static partial void Recovered(ILogger logger, int count, string root);

    [LoggerMessage(4, LogLevel.Information, "Reindexed {Count} runs in {Root} ({Skipped} unreadable)")]
    public static partial void Reindexed(ILogger logger, int count, string root, int skipped);
}
