namespace RunArtifacts.Export;

/// <summary>What an export wrote.</summary>
/// <param name="OutputDirectory">Absolute path of the export folder.</param>
/// <param name="Manifest">Its manifest (counts, checksums, omissions).</param>
public sealed record ExportResult(string OutputDirectory, ExportManifestRecord Manifest);
