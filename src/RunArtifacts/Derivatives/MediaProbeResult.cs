using RunArtifacts.Records;

namespace RunArtifacts.Derivatives;

/// <summary>What a prober read, or why it could not.</summary>
public sealed record MediaProbeResult
{
    /// <summary>The facts, when they could be read.</summary>
    public MediaFacts? Facts { get; init; }

    /// <summary>Why the facts could not be read (corrupt, truncated or empty media), when they could not.</summary>
    public string? Error { get; init; }

    /// <summary>Version of the tool used (<c>ffprobe version 5.1.6</c>), recorded in the environment.</summary>
    public string? ToolVersion { get; init; }

    /// <summary>A successful probe.</summary>
    /// <param name="facts">The facts.</param>
    /// <param name="toolVersion">The tool version.</param>
    /// <returns>The result.</returns>
    public static MediaProbeResult Success(MediaFacts facts, string? toolVersion = null) => new() { Facts = facts, ToolVersion = toolVersion };

    /// <summary>A failed probe.</summary>
    /// <param name="error">Why.</param>
    /// <param name="toolVersion">The tool version.</param>
    /// <returns>The result.</returns>
    public static MediaProbeResult Failed(string error, string? toolVersion = null) => new() { Error = error, ToolVersion = toolVersion };
}
