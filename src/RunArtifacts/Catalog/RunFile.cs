namespace RunArtifacts.Catalog;

/// <summary>One file of one run, as the catalog holds it.</summary>
/// <param name="RunId">The run.</param>
/// <param name="RunPath">The run's folder, relative to the root.</param>
/// <param name="Role">What the file is to the run.</param>
/// <param name="Path">Path relative to the run folder, with <c>/</c> separators.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the content.</param>
/// <param name="Bytes">Size in bytes.</param>
/// <param name="MimeType">MIME type, when known.</param>
/// <param name="CreatedAt">When the run was created.</param>
/// <param name="ModelKey">The run's model key.</param>
public sealed record RunFile(string RunId, string RunPath, RunFileRole Role, string Path, string? Sha256, long Bytes, string? MimeType, DateTimeOffset CreatedAt, string ModelKey);
