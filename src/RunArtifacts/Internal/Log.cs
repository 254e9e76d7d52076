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

    [LoggerMessage(5, LogLevel.Warning, "Probe {Prober} could not read {Path}: {Error}; the run is kept without its media facts")]
    public static partial void ProbeFailed(ILogger logger, string prober, string path, string? error);

    [LoggerMessage(6, LogLevel.Warning, "Derivative generator {Generator} failed for {Path}: {Error}; the run is kept with its original")]
    public static partial void DerivativeFailed(ILogger logger, string generator, string path, string? error);

    [LoggerMessage(7, LogLevel.Error, "Run {RunId} was published but its index line could not be written; 'reindex' restores it")]
    public static partial void IndexAppendFailed(ILogger logger, string runId, Exception exception);

    [LoggerMessage(8, LogLevel.Warning, "The original {Path} of a run of {ModelKey} matches secret rule {Rule}; it is kept byte for byte and the run records a warning")]
    public static partial void SecretInOriginal(ILogger logger, string path, string modelKey, string rule);

    [LoggerMessage(9, LogLevel.Error, "A background flush of {Runs} published run(s) in {Root} failed; they may not survive a power loss, and the next FlushAsync throws")]
    public static partial void BackgroundFlushFailed(ILogger logger, int runs, string root, Exception exception);
}
