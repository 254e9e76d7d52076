using Microsoft.Extensions.Logging;

namespace RunArtifacts.Internal;

/// <summary>The catalog's log messages (event ids 20–29).</summary>
internal static partial class Log
{
    [LoggerMessage(20, LogLevel.Warning, "Run {RunId} is published and indexed, but the catalog {Catalog} could not be updated; the next reader repairs it")]
    public static partial void CatalogUpdateFailed(ILogger logger, string runId, string catalog, Exception exception);

    [LoggerMessage(21, LogLevel.Information, "Catalog {Catalog} caught up with {Lines} new index lines ({Added} runs added from their folders)")]
    public static partial void CatalogCaughtUp(ILogger logger, int lines, int added, string catalog);

    [LoggerMessage(22, LogLevel.Warning, "Rebuilding the catalog {Catalog} from the run folders: {Reason}")]
    public static partial void CatalogRebuilding(ILogger logger, string catalog, string reason);
}
