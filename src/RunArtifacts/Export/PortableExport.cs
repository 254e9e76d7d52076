using RunArtifacts.Export.Internal;
using RunArtifacts.Storage;

namespace RunArtifacts.Export;

/// <summary>
/// The portable export (issue 13): a folder another system can import and check — <c>runs.jsonl</c>, <c>assets.jsonl</c>
/// (every input and output, file or external, with storage URI, provider, sha256, bytes, visibility, current review
/// status and relationships), <c>reviews.jsonl</c> (the exported runs' review events, byte for byte) and
/// <c>manifest.json</c> (format version, time, counts, checksums, what was left out and why). Snake_case, no binaries,
/// no secrets: the files are scanned before the folder is published, atomically, with one rename.
/// </summary>
public static class PortableExport
{
    /// <summary>The export format version written in <c>manifest.json</c>.</summary>
    public const string FormatVersion = "1.0";

    /// <summary>Exports runs of a store.</summary>
    /// <param name="store">The store.</param>
    /// <param name="options">Where to, and which runs.</param>
    /// <param name="cancellationToken">Cancels the export; nothing is published.</param>
    /// <returns>The export's folder and manifest.</returns>
    /// <exception cref="ArtifactValidationException">The output folder exists and is not empty, or a secret pattern was found (nothing is published).</exception>
    public static Task<ExportResult> ExportAsync(RunArtifactStore store, ExportOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.OutputDirectory, nameof(options));
        return new Exporter(store, options).RunAsync(cancellationToken);
    }

    /// <summary>
    /// Checks an export: required fields, duplicate ids, timestamps, enum values, that every relationship points to an
    /// exported entity, counts and checksums against the manifest, and secret patterns. Every problem is listed.
    /// </summary>
    /// <param name="directory">The export folder.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>Every problem found; none when the export is valid.</returns>
    public static Task<ExportValidationResult> ValidateAsync(string directory, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        return Task.Run(() => ExportValidator.Validate(Path.GetFullPath(directory), cancellationToken), cancellationToken);
    }
}
