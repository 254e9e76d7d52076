namespace RunArtifacts.Derivatives;

/// <summary>Makes browsing derivatives (web copies, thumbnails, posters) of one original, never touching it.</summary>
/// <remarks>
/// Register with <see cref="DerivativeGeneratorCollection.Add(IDerivativeGenerator, bool)"/>. A generator is
/// called once per original it <see cref="CanHandle">handles</see>, possibly in parallel with other calls, and
/// must write only the paths <see cref="DerivativeRequest.GetTarget"/> gives it. An expected failure (corrupt
/// media, an unsupported format) is returned as <see cref="DerivativeResult.Failed"/>; an exception is treated
/// the same way. Both become a run warning, or fail the commit when the generator was registered as required.
/// </remarks>
public interface IDerivativeGenerator
{
    /// <summary>Short stable name, recorded in every view sidecar (<c>ffmpeg-image</c>).</summary>
    string Name { get; }

    /// <summary>Whether this generator makes derivatives for the source.</summary>
    /// <param name="source">The original.</param>
    /// <returns><see langword="true"/> when <see cref="GenerateAsync"/> should be called for it.</returns>
    bool CanHandle(DerivativeSource source);

    /// <summary>Makes the derivatives of one original.</summary>
    /// <param name="request">The source, where to write, and the settings.</param>
    /// <param name="cancellationToken">Cancels the work; a child process must be killed.</param>
    /// <returns>What was made, or why nothing was.</returns>
    Task<DerivativeResult> GenerateAsync(DerivativeRequest request, CancellationToken cancellationToken = default);
}
