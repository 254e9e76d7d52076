using NetVips;
using RunArtifacts.Derivatives;
using RunArtifacts.Records;
using RunArtifacts.Vips.Internal;

namespace RunArtifacts.Vips;

/// <summary>
/// Reads the facts of JPEG, PNG, WebP and GIF files from their headers with libvips, without decoding pixels:
/// displayed width and height (EXIF orientation applied), frames and animation, bands as a pixel format, colour
/// interpretation (<c>srgb</c>, <c>cmyk</c>, <c>b-w</c>, <c>rgb16</c>, …), alpha and rotation.
/// </summary>
public sealed class VipsMediaProber : IMediaProber
{
    /// <inheritdoc/>
    /// <value><c>vips</c>.</value>
    public string Name => VipsImageJob.GeneratorName;

    /// <inheritdoc/>
    /// <remarks>JPEG, PNG, WebP and GIF images, when libvips loaded; otherwise the next prober (FFmpeg's header reader) is asked.</remarks>
    public bool CanProbe(DerivativeSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return source.Kind == AssetKind.Image && VipsHeader.SupportedMimeTypes.Contains(source.MimeType) && VipsRuntime.IsAvailable;
    }

    /// <inheritdoc/>
    public Task<MediaProbeResult> ProbeAsync(DerivativeSource source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        cancellationToken.ThrowIfCancellationRequested();
        if (!VipsRuntime.IsAvailable)
        {
            // Also the point where libvips is loaded when the host deferred NetVips' module initializer (VipsRuntime).
            return Task.FromResult(MediaProbeResult.Failed(VipsRuntime.Error!));
        }

        var info = new FileInfo(source.FullPath);
        if (!info.Exists)
        {
            return Task.FromResult(MediaProbeResult.Failed($"{source.RelativePath} does not exist"));
        }

        if (info.Length == 0)
        {
            return Task.FromResult(MediaProbeResult.Failed("the file is empty (0 bytes)"));
        }

        // libvips' messages while the header is read are this probe's (and dropped: the image job that decodes the
        // file meets them again and records them), not another file's.
        using var messages = VipsMessages.Begin();
        try
        {
            return Task.FromResult(MediaProbeResult.Success(VipsHeader.Read(source.FullPath).ToFacts(), VipsRuntime.Version));
        }
        catch (VipsException ex)
        {
            var message = string.Join("; ", ex.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal));
            return Task.FromResult(MediaProbeResult.Failed($"libvips cannot read the header ({message})", VipsRuntime.Version));
        }
    }
}
