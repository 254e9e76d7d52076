using RunArtifacts.Records;

namespace RunArtifacts.Derivatives;

/// <summary>An original file in the run being committed.</summary>
public sealed record DerivativeSource
{
    /// <summary>Absolute path of the staged copy (read it; never write it).</summary>
    public required string FullPath { get; init; }

    /// <summary>Path relative to the run folder (<c>original/output_01.png</c>).</summary>
    public required string RelativePath { get; init; }

    /// <summary>File name without extension (<c>output_01</c>); derivatives keep it.</summary>
    public required string Stem { get; init; }

    /// <summary>MIME type.</summary>
    public required string MimeType { get; init; }

    /// <summary>The broad kind of media.</summary>
    public required AssetKind Kind { get; init; }

    /// <summary>Size in bytes.</summary>
    public long Bytes { get; init; }

    /// <summary>Facts a prober read, when one did.</summary>
    public MediaFacts? Facts { get; init; }
}
