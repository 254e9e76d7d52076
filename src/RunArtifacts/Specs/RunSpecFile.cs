using System.Text.Json.Nodes;
using RunArtifacts.Records;

namespace RunArtifacts.Specs;

/// <summary>One input or output file of a <see cref="RunSpec"/> (names as in <c>run.json</c>'s asset records).</summary>
public sealed record RunSpecFile
{
    /// <summary>Where the file is now; relative paths are read against the current directory. It is copied, never moved.</summary>
    public required string Path { get; init; }

    /// <summary>What an input was for (<c>reference</c>, <c>first_frame</c>, …): letters, digits, <c>_</c> and <c>-</c>. Inputs only.</summary>
    public string? Role { get; init; }

    /// <summary>The kind of media; guessed from the content and name when omitted.</summary>
    public AssetKind? Kind { get; init; }

    /// <summary>The file name to record (by default the name in <c>path</c>); its extension picks the stored extension. Never used as a path.</summary>
    public string? OriginalFilename { get; init; }

    /// <summary>Where the file was downloaded from; signatures and credentials are redacted.</summary>
    public string? SourceUrl { get; init; }

    /// <summary>Initial review status of an output (issue 13; outputs only); the run's by default.</summary>
    public ReviewStatus? ReviewStatus { get; init; }

    /// <summary>Free-form metadata, redacted.</summary>
    public JsonObject? Metadata { get; init; }
}
