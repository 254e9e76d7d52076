using RunArtifacts.Derivatives;
using RunArtifacts.Records;

namespace RunArtifacts.FFmpeg.Tests.Support;

/// <summary>Builds a <see cref="DerivativeRequest"/> as the store does: the original copied into a run folder.</summary>
public static class Requests
{
    public static DerivativeRequest For(TempRoot temp, string file, AssetKind kind, ArtifactDerivativeSettings? settings = null, MediaFacts? facts = null, IProgress<CommitProgress>? progress = null)
    {
        var run = temp.Combine("run");
        Directory.CreateDirectory(Path.Combine(run, "original"));
        var ext = Path.GetExtension(file).TrimStart('.');
        var relative = $"original/output_01.{ext}";
        var full = Path.Combine(run, relative);
        File.Copy(file, full, overwrite: true);
        return new DerivativeRequest
        {
            Source = new DerivativeSource
            {
                FullPath = full,
                RelativePath = relative,
                Stem = "output_01",
                MimeType = ext switch { "png" => "image/png", "jpg" => "image/jpeg", "gif" => "image/gif", "webp" => "image/webp", _ => "video/mp4" },
                Kind = kind,
                Bytes = new FileInfo(full).Length,
                Facts = facts,
            },
            RunDirectory = run,
            Settings = settings ?? new ArtifactDerivativeSettings(),
            Progress = progress,
        };
    }

    /// <summary>Probes like the store does, then builds the request with the facts.</summary>
    public static async Task<DerivativeRequest> ProbedAsync(TempRoot temp, string file, AssetKind kind, ArtifactDerivativeSettings? settings = null, IProgress<CommitProgress>? progress = null)
    {
        var request = For(temp, file, kind, settings, null, progress);
        var probe = await new FFmpegMediaProber().ProbeAsync(request.Source, TestContext.CurrentContext.CancellationToken);
        Assert.That(probe.Error, Is.Null);
        return request with { Source = request.Source with { Facts = probe.Facts } };
    }
}
