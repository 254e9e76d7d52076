using System.Text.Json;
using RunArtifacts.Derivatives;
using RunArtifacts.FFmpeg.Tests.Support;
using RunArtifacts.Storage;

namespace RunArtifacts.FFmpeg.Tests.Specs;

/// <summary>A whole commit with <c>AddFFmpeg()</c>: facts in run.json, derivatives on disk, view sidecars joined by SHA-256.</summary>
[CancelAfter(90_000)]
public class CommitWithFFmpegSpecs
{
    private static CancellationToken Token => TestContext.CurrentContext.CancellationToken;

    [Test]
    public async Task Commit_ImageAndVideo_RecordsFactsDerivativesAndSidecars()
    {
        using var temp = new TempRoot("ra-ffmpeg-");
        var png = await Media.ImageAsync(temp.Combine("hero.png"), "testsrc2=s=1920x1080", Token);
        var clip = await Media.VideoAsync(temp.Combine("clip.mp4"), 640, 360, 1, audio: true, Token);
        var options = new RunArtifactsOptions { Root = temp.Combine("root"), FlushToDisk = false };
        options.Derivatives.AddFFmpeg();
        var progress = new List<CommitProgress>();

        var run = await new RunArtifactStore(options).CreateRun("model")
            .AddOutput(png)
            .AddOutput(clip)
            .WithProgress(new Collect(progress))
            .CommitAsync(Token);

        var image = run.Run.Outputs[0];
        var video = run.Run.Outputs[1];
        Assert.Multiple(() =>
        {
            Assert.That(run.Warnings, Is.Empty, string.Join("; ", run.Warnings.Select(w => w.Message)));
            Assert.That((image.Width, image.Height, image.CodecName, image.WebPath, image.ThumbPath), Is.EqualTo(((int?)1920, (int?)1080, "png", "web/output_01.webp", "thumb/output_01.webp")));
            Assert.That((video.Width, video.Height, video.CodecName, video.HasAudio, video.WebPath, video.PosterPath, video.ThumbPath), Is.EqualTo(((int?)640, (int?)360, "h264", (bool?)true, "web/output_02.mp4", "thumb/output_02_poster.jpg", "thumb/output_02.webp")));
            Assert.That(video.Fps, Is.EqualTo(25).Within(0.01));
            Assert.That(image.Derivatives.Select(d => (d.Width, d.Height)), Is.EqualTo(new[] { ((int?)1600, (int?)900), ((int?)384, (int?)216) }));
            Assert.That(run.Run.Environment.FfmpegVersion, Does.StartWith("ff"));
            Assert.That(progress.Count(p => p.Stage == CommitStage.Derive), Is.GreaterThanOrEqualTo(2));
        });

        foreach (var d in image.Derivatives.Concat(video.Derivatives))
        {
            var file = Path.Combine(run.FullPath, d.RelativePath);
            using var view = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(run.FullPath, d.ViewPath!), Token));
            var root = view.RootElement;
            var owner = image.Derivatives.Contains(d) ? image : video;
            Assert.Multiple(() =>
            {
                Assert.That(File.Exists(file), Is.True, d.RelativePath);
                Assert.That(root.GetProperty("source").GetProperty("sha256").GetString(), Is.EqualTo(owner.Sha256));
                Assert.That(root.GetProperty("output").GetProperty("sha256").GetString(), Is.EqualTo(d.Sha256));
                Assert.That(root.GetProperty("transform").GetProperty("generator").GetString(), Is.EqualTo("ffmpeg"));
                Assert.That(root.GetProperty("transform").GetProperty("filter_graph").GetString(), Does.Contain("split=2"));
                Assert.That(root.GetProperty("media").GetProperty("width").GetInt32(), Is.EqualTo(d.Width));
            });
        }

        using var runJson = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(run.FullPath, "run.json"), Token));
        var recorded = runJson.RootElement.GetProperty("outputs")[1];
        Assert.That(recorded.GetProperty("duration_seconds").GetDouble(), Is.EqualTo(1).Within(0.1));
        Assert.That(recorded.GetProperty("pix_fmt").GetString(), Is.EqualTo("yuv420p"));
    }

    [Test]
    public async Task Commit_ZeroByteAndCorruptOutputs_KeepsOriginalsWithWarnings()
    {
        using var temp = new TempRoot("ra-ffmpeg-");
        var empty = temp.Combine("empty.png");
        await File.WriteAllBytesAsync(empty, [], Token);
        var broken = temp.Combine("broken.mp4");
        await File.WriteAllBytesAsync(broken, new byte[2048], Token);
        var options = new RunArtifactsOptions { Root = temp.Combine("root"), FlushToDisk = false };
        options.Derivatives.AddFFmpeg();

        var run = await new RunArtifactStore(options).CreateRun("model").AddOutput(empty).AddOutput(broken).CommitAsync(Token);

        Assert.Multiple(() =>
        {
            Assert.That(run.Warnings.Select(w => w.Path), Does.Contain("original/output_01.png").And.Contain("original/output_02.mp4"));
            Assert.That(run.Warnings.Select(w => w.Code), Does.Contain("derivative_failed"));
            Assert.That(File.Exists(Path.Combine(run.FullPath, "original/output_02.mp4")), Is.True);
            Assert.That(Directory.Exists(Path.Combine(run.FullPath, "web")), Is.False);
        });
    }

    private sealed class Collect(List<CommitProgress> sink) : IProgress<CommitProgress>
    {
        public void Report(CommitProgress value)
        {
            lock (sink)
            {
                sink.Add(value);
            }
        }
    }
}
