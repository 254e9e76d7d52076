using RunArtifacts.Derivatives;
using RunArtifacts.FFmpeg.Internal;
using RunArtifacts.Records;

namespace RunArtifacts.FFmpeg;

/// <summary>
/// Reads media facts: PNG, JPEG, WebP and GIF from their headers in process (size, EXIF orientation applied to the
/// width and height, pixel format, alpha, animation), everything else with ffprobe (size after the display matrix,
/// duration, fps, codec, pixel format, color space, audio, rotation).
/// </summary>
public sealed class FFmpegMediaProber : IMediaProber
{
    private readonly FFmpegToolset tools;

    /// <summary>Creates a prober; ffprobe is looked for on first use.</summary>
    /// <param name="options">Where ffprobe is; copied, later changes are not seen.</param>
    public FFmpegMediaProber(FFmpegOptions? options = null)
        : this(new FFmpegToolset(options ?? new FFmpegOptions()))
    {
    }

    internal FFmpegMediaProber(FFmpegToolset tools) => this.tools = tools;

    /// <summary>Set by <c>AddFFmpeg</c>: whether another prober in the same collection reads an image (then this one leaves it).</summary>
    internal Func<DerivativeSource, bool>? ImageClaimedElsewhere { get; set; }

    /// <inheritdoc/>
    /// <value><c>ffprobe</c>.</value>
    public string Name => "ffprobe";

    /// <inheritdoc/>
    /// <remarks>Images (headers are read in process) unless another prober registered next to this one reads them; video and audio only when ffprobe was found, so a missing ffprobe adds no per-file warnings.</remarks>
    public bool CanProbe(DerivativeSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return source.Kind switch
        {
            AssetKind.Image => ImageClaimedElsewhere?.Invoke(source) != true,
            AssetKind.Video or AssetKind.Audio => tools.FFprobe is not null,
            _ => false,
        };
    }

    /// <inheritdoc/>
    public async Task<MediaProbeResult> ProbeAsync(DerivativeSource source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        cancellationToken.ThrowIfCancellationRequested();
        var info = new FileInfo(source.FullPath);
        if (!info.Exists)
        {
            return MediaProbeResult.Failed($"{source.RelativePath} does not exist");
        }

        if (info.Length == 0)
        {
            return MediaProbeResult.Failed("the file is empty (0 bytes)");
        }

        if (source.Kind == AssetKind.Image && ImageHeader.Sniff(source.FullPath) is not null)
        {
            var header = ImageHeader.TryRead(source.FullPath, out var error);
            return header is null ? MediaProbeResult.Failed(error ?? "unreadable image header") : MediaProbeResult.Success(header.Facts);
        }

        if (tools.FFprobe is not { } ffprobe)
        {
            return MediaProbeResult.Failed(tools.FFprobeMissingMessage);
        }

        var run = await ToolProcess.RunAsync(ffprobe, FFprobeFacts.Arguments(source.FullPath, tools.Options.MaxPixels), null, cancellationToken).ConfigureAwait(false);
        if (run.ExitCode != 0)
        {
            return MediaProbeResult.Failed(run.Describe("ffprobe"));
        }

        var facts = FFprobeFacts.Parse(run.StandardOutput, out var parseError);
        return facts is null ? MediaProbeResult.Failed(parseError ?? "ffprobe returned no facts") : MediaProbeResult.Success(facts);
    }
}
