using RunArtifacts.Records;

namespace RunArtifacts.Derivatives;

/// <summary>One file a generator made.</summary>
public sealed record GeneratedDerivative
{
    /// <summary>What it is for.</summary>
    public required DerivativeKind Kind { get; init; }

    /// <summary>Path relative to the run folder, as <see cref="DerivativeRequest.GetTarget"/> gave it.</summary>
    public required string RelativePath { get; init; }

    /// <summary>MIME type.</summary>
    public required string MimeType { get; init; }

    /// <summary>Facts of the derivative (displayed size, duration, codec).</summary>
    public MediaFacts? Facts { get; init; }

    /// <summary>How it was made.</summary>
    public required TransformRecord Transform { get; init; }
}
