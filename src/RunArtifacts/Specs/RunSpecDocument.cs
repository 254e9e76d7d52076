using System.Text.Json.Nodes;

namespace RunArtifacts.Specs;

/// <summary>
/// A log or trace document of a <see cref="RunSpec"/>: exactly one of a file to read (<c>path</c>), text
/// (<c>text</c>) or a JSON value (<c>json</c>). Redacted and captured under the truncation policy.
/// </summary>
public sealed record RunSpecDocument
{
    /// <summary>A file holding the document, read when the spec is applied; relative paths are read against the current directory.</summary>
    public string? Path { get; init; }

    /// <summary>The document as text (kept as JSON when it parses as JSON).</summary>
    public string? Text { get; init; }

    /// <summary>The document as a JSON value.</summary>
    public JsonNode? Json { get; init; }
}
