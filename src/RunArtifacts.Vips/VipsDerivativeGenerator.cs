using RunArtifacts.Derivatives;
using RunArtifacts.Records;
using RunArtifacts.Vips.Internal;

namespace RunArtifacts.Vips;

/// <summary>
/// Makes the web copy and thumbnail of JPEG, PNG, WebP and GIF originals in process with libvips: one decode with
/// shrink-on-load, EXIF orientation applied, ICC-managed conversion to sRGB (CMYK included), 16-bit brought to 8-bit,
/// alpha kept (flattened only for JPEG output); animated GIF and WebP give an animated WebP web copy and a still
/// thumbnail. The original is only read.
/// </summary>
/// <remarks>
/// The header is read first: an image over <see cref="VipsOptions.MaxPixels"/> or <see cref="VipsOptions.MaxFrames"/>
/// is refused without decoding. Cancelling (or the store's per-file timeout) kills the libvips evaluation. When
/// libvips cannot be loaded, every call returns the same single warning (the store records it once); when
/// <see cref="VipsOptions.Required"/> is set, option validation fails first.
/// </remarks>
public sealed class VipsDerivativeGenerator : IDerivativeGenerator
{
    private readonly VipsOptions options;

    /// <summary>Creates a generator.</summary>
    /// <param name="options">Limits and encoding options; copied, later changes are not seen.</param>
    public VipsDerivativeGenerator(VipsOptions? options = null) => this.options = (options ?? new VipsOptions()).Copy();

    /// <inheritdoc/>
    /// <value><c>vips</c>.</value>
    public string Name => VipsImageJob.GeneratorName;

    /// <summary>Whether libvips loaded (it ships in the NetVips.Native packages).</summary>
    public bool IsAvailable => VipsRuntime.IsAvailable;

    /// <inheritdoc/>
    /// <remarks>Images whose MIME type is <c>image/jpeg</c>, <c>image/png</c>, <c>image/webp</c> or <c>image/gif</c>.</remarks>
    public bool CanHandle(DerivativeSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return source.Kind == AssetKind.Image && VipsHeader.SupportedMimeTypes.Contains(source.MimeType);
    }

    /// <inheritdoc/>
    public Task<DerivativeResult> GenerateAsync(DerivativeRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        if (!VipsRuntime.IsAvailable)
        {
            var message = $"{VipsRuntime.Error}; no web copies or thumbnails were made";
            return Task.FromResult(options.Required ? DerivativeResult.Failed(message) : new DerivativeResult { Warnings = [message] });
        }

        var info = new FileInfo(request.Source.FullPath);
        if (!info.Exists)
        {
            return Task.FromResult(DerivativeResult.Failed($"{request.Source.RelativePath} does not exist", VipsRuntime.Version));
        }

        if (info.Length == 0)
        {
            return Task.FromResult(DerivativeResult.Failed($"{request.Source.RelativePath} is empty (0 bytes); the original is kept", VipsRuntime.Version));
        }

        // libvips blocks the calling thread while it evaluates (on its own worker threads); keep that off the caller's.
        return Task.Run(() => new VipsImageJob(options, request, cancellationToken).Run(), cancellationToken);
    }
}
