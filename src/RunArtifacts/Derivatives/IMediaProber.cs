namespace RunArtifacts.Derivatives;

/// <summary>Reads media facts (size, duration, codec, …) of a file for the run record and the sidecars.</summary>
public interface IMediaProber
{
    /// <summary>Short stable name (<c>ffprobe</c>).</summary>
    string Name { get; }

    /// <summary>Whether this prober reads the file.</summary>
    /// <param name="source">The file, with its MIME type and kind.</param>
    /// <returns><see langword="true"/> when <see cref="ProbeAsync"/> should be called.</returns>
    bool CanProbe(DerivativeSource source);

    /// <summary>Reads the facts.</summary>
    /// <param name="source">The file.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The facts, or why they could not be read.</returns>
    Task<MediaProbeResult> ProbeAsync(DerivativeSource source, CancellationToken cancellationToken = default);
}
