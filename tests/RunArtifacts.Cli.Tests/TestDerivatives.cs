using System.Text.Json.Nodes;
using RunArtifacts.Derivatives;
using RunArtifacts.Records;

namespace RunArtifacts.Cli.Tests;

/// <summary>
/// A small real derivative generator for tests (the production ffmpeg generators live in another package): a WebP
/// thumbnail for images; a JPEG poster and a WebM web copy for videos. Made with the real ffmpeg.
/// </summary>
public sealed class TestDerivatives : IDerivativeGenerator
{
    public string Name => "test-ffmpeg";

    public bool CanHandle(DerivativeSource source) => source.Kind is AssetKind.Image or AssetKind.Video;

    public async Task<DerivativeResult> GenerateAsync(DerivativeRequest request, CancellationToken cancellationToken = default)
    {
        var made = new List<GeneratedDerivative>();
        if (request.Source.Kind == AssetKind.Image)
        {
            var (full, relative) = request.GetTarget(DerivativeKind.Thumb, "webp");
            await Ffmpeg.RunAsync(["-i", request.Source.FullPath, "-vf", "scale=160:-2", "-c:v", "libwebp", "-quality", "70", full], cancellationToken);
            made.Add(Made(DerivativeKind.Thumb, relative, "image/webp"));
        }
        else
        {
            var (poster, posterRelative) = request.GetTarget(DerivativeKind.Poster, "jpg");
            await Ffmpeg.RunAsync(["-ss", "0.5", "-i", request.Source.FullPath, "-frames:v", "1", "-vf", "scale=160:-2", poster], cancellationToken);
            made.Add(Made(DerivativeKind.Poster, posterRelative, "image/jpeg"));
            var (web, webRelative) = request.GetTarget(DerivativeKind.Web, "webm");
            await Ffmpeg.RunAsync(["-i", request.Source.FullPath, "-vf", "scale=160:-2", "-c:v", "libvpx", "-b:v", "200k", "-an", web], cancellationToken);
            made.Add(Made(DerivativeKind.Web, webRelative, "video/webm"));
        }

        return DerivativeResult.Success(made, "ffmpeg");
    }

    private GeneratedDerivative Made(DerivativeKind kind, string relative, string mime) => new()
    {
        Kind = kind,
        RelativePath = relative,
        MimeType = mime,
        Transform = new TransformRecord { Generator = Name, Settings = new JsonObject { ["width"] = 160 } },
    };
}
