namespace RunArtifacts.Derivatives;

/// <summary>What a generator made for one original, or why it made nothing.</summary>
public sealed record DerivativeResult
{
    /// <summary>The files made, in the order they should be listed.</summary>
    public IReadOnlyList<GeneratedDerivative> Derivatives { get; init; } = [];

    /// <summary>Why the generator failed, when it did. Files it made are then discarded.</summary>
    public string? Error { get; init; }

    /// <summary>Things worth recording that did not stop the generator.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Version of the tool used (<c>ffmpeg version 5.1.6</c>), recorded in the environment.</summary>
    public string? ToolVersion { get; init; }

    /// <summary>Whether the generator succeeded.</summary>
    public bool Succeeded => Error is null;

    /// <summary>A successful result.</summary>
    /// <param name="derivatives">What was made.</param>
    /// <param name="toolVersion">The tool version.</param>
    /// <returns>The result.</returns>
    public static DerivativeResult Success(IReadOnlyList<GeneratedDerivative> derivatives, string? toolVersion = null)
        => new() { Derivatives = derivatives, ToolVersion = toolVersion };

    /// <summary>A failed result.</summary>
    /// <param name="error">Why.</param>
    /// <param name="toolVersion">The tool version.</param>
    /// <returns>The result.</returns>
    public static DerivativeResult Failed(string error, string? toolVersion = null)
        => new() { Error = error, ToolVersion = toolVersion };
}
