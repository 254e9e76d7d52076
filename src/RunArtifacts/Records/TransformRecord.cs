using System.Text.Json.Nodes;

namespace RunArtifacts.Records;

/// <summary>How a derivative was made from its source.</summary>
public sealed record TransformRecord
{
    /// <summary>Name of the generator.</summary>
    public required string Generator { get; init; }

    /// <summary>The settings the generator used.</summary>
    public JsonObject? Settings { get; init; }

    /// <summary>Program arguments (for example ffmpeg's), with paths relative to the run folder.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>The filter graph, when there was one.</summary>
    public string? FilterGraph { get; init; }
}
