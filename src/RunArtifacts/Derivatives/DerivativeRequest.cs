using RunArtifacts.Records;

namespace RunArtifacts.Derivatives;

/// <summary>What a generator is asked to do for one original.</summary>
public sealed record DerivativeRequest
{
    /// <summary>The original.</summary>
    public required DerivativeSource Source { get; init; }

    /// <summary>Absolute path of the run folder being staged.</summary>
    public required string RunDirectory { get; init; }

    /// <summary>The settings in force.</summary>
    public required ArtifactDerivativeSettings Settings { get; init; }

    /// <summary>Where to report progress, if anywhere.</summary>
    public IProgress<CommitProgress>? Progress { get; init; }

    /// <summary>
    /// The path a derivative of the given kind must be written to: <c>web/STEM.EXT</c>, <c>thumb/STEM.EXT</c>
    /// or, for posters, <c>thumb/STEM_poster.EXT</c>. The folder is created.
    /// </summary>
    /// <param name="kind">The derivative kind.</param>
    /// <param name="extension">File extension without the dot (<c>webp</c>, <c>mp4</c>, <c>jpg</c>).</param>
    /// <returns>The absolute path and the path relative to the run folder.</returns>
    public (string FullPath, string RelativePath) GetTarget(DerivativeKind kind, string extension)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(extension);
        if (extension.AsSpan().IndexOfAnyExcept("abcdefghijklmnopqrstuvwxyz0123456789") >= 0)
        {
            throw new ArgumentException($"Extension '{extension}' must be lower-case letters and digits.", nameof(extension));
        }

        var (folder, name) = kind switch
        {
            DerivativeKind.Web => ("web", Source.Stem),
            DerivativeKind.Thumb => ("thumb", Source.Stem),
            DerivativeKind.Poster => ("thumb", Source.Stem + "_poster"),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        var relative = $"{folder}/{name}.{extension}";
        var full = Path.Combine(RunDirectory, folder, $"{name}.{extension}");
        Directory.CreateDirectory(Path.Combine(RunDirectory, folder));
        return (full, relative);
    }
}
