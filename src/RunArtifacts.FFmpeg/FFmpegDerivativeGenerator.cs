using RunArtifacts.Derivatives;
using RunArtifacts.FFmpeg.Internal;
using RunArtifacts.Records;

namespace RunArtifacts.FFmpeg;

/// <summary>
/// Makes browsing derivatives with the machine's ffmpeg: for an image, the web copy and the thumbnail from one
/// process (one decode); for a video, the web MP4 (H.264, yuv420p, even size, faststart, AAC when there is audio), the
/// poster and its thumbnail from one process. The original is only read.
/// </summary>
/// <remarks>
/// Cancelling (or the store's per-file timeout) kills the ffmpeg process tree. When ffmpeg is missing, every call
/// returns the same single warning (the store records it once) and no files; when
/// <see cref="FFmpegOptions.Required"/> is set, option validation fails first.
/// </remarks>
public sealed class FFmpegDerivativeGenerator : IDerivativeGenerator
{
    private readonly FFmpegToolset tools;

    /// <summary>Creates a generator; ffmpeg is looked for on first use.</summary>
    /// <param name="options">Where ffmpeg is and how to encode; copied, later changes are not seen.</param>
    public FFmpegDerivativeGenerator(FFmpegOptions? options = null)
        : this(new FFmpegToolset(options ?? new FFmpegOptions()))
    {
    }

    internal FFmpegDerivativeGenerator(FFmpegToolset tools) => this.tools = tools;

    /// <summary>Set by <c>AddFFmpeg</c>: whether another generator in the same collection handles an image (then this one leaves it).</summary>
    internal Func<DerivativeSource, bool>? ImageClaimedElsewhere { get; set; }

    /// <inheritdoc/>
    /// <value><c>ffmpeg</c>.</value>
    public string Name => ImageJob.GeneratorName;

    /// <summary>Whether ffmpeg was found.</summary>
    public bool IsAvailable => tools.FFmpeg is not null;

    /// <inheritdoc/>
    /// <remarks>
    /// Video always; images unless this generator was registered with <c>AddFFmpeg</c> next to another generator that
    /// handles the image (RunArtifacts.Vips's <c>AddVips</c>): images are then left to it, whatever the order of
    /// registration, and ffmpeg still takes the image types the other one does not read.
    /// </remarks>
    public bool CanHandle(DerivativeSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return source.Kind switch
        {
            AssetKind.Video => true,
            AssetKind.Image => ImageClaimedElsewhere?.Invoke(source) != true,
            _ => false,
        };
    }

    /// <inheritdoc/>
    public async Task<DerivativeResult> GenerateAsync(DerivativeRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        if (tools.FFmpeg is not { } ffmpeg)
        {
            return tools.Options.Required
                ? DerivativeResult.Failed(tools.FFmpegMissingMessage)
                : new DerivativeResult { Warnings = [tools.FFmpegMissingMessage] };
        }

        var info = new FileInfo(request.Source.FullPath);
        if (!info.Exists)
        {
            return DerivativeResult.Failed($"{request.Source.RelativePath} does not exist");
        }

        if (info.Length == 0)
        {
            return DerivativeResult.Failed($"{request.Source.RelativePath} is empty (0 bytes); the original is kept");
        }

        return request.Source.Kind == AssetKind.Video
            ? await VideoJob.RunAsync(tools, request, ffmpeg, cancellationToken).ConfigureAwait(false)
            : await ImageJob.RunAsync(tools, request, ffmpeg, cancellationToken).ConfigureAwait(false);
    }
}
