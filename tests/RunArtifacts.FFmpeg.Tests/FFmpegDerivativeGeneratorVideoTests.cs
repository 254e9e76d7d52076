using System.Text;
using RunArtifacts.Derivatives;
using RunArtifacts.FFmpeg.Tests.Support;
using RunArtifacts.Records;

namespace RunArtifacts.FFmpeg.Tests;

[CancelAfter(90_000)]
public class FFmpegDerivativeGeneratorVideoTests
{
    private static CancellationToken Token => TestContext.CurrentContext.CancellationToken;

    [Test]
    public async Task GenerateAsync_ClipWithAudio_WritesFaststartH264WithAacPosterAndThumb()
    {
        using var temp = new TempRoot("ra-ffmpeg-");
        var clip = await Media.VideoAsync(temp.Combine("clip.mp4"), 1600, 900, 2, audio: true, Token);
        var progress = new List<CommitProgress>();
        var request = await Requests.ProbedAsync(temp, clip, AssetKind.Video, progress: new SyncProgress(progress));

        var result = await new FFmpegDerivativeGenerator().GenerateAsync(request, Token);

        Assert.That(result.Error, Is.Null);
        Assert.That(result.Derivatives.Select(d => (d.Kind, d.RelativePath, d.MimeType)), Is.EqualTo(new[]
        {
            (DerivativeKind.Web, "web/output_01.mp4", "video/mp4"),
            (DerivativeKind.Poster, "thumb/output_01_poster.jpg", "image/jpeg"),
            (DerivativeKind.Thumb, "thumb/output_01.webp", "image/webp"),
        }));
        var webPath = Path.Combine(request.RunDirectory, "web/output_01.mp4");
        var probe = await Media.ProbeAsync(webPath, Token);
        var video = Media.VideoStream(probe);
        var audio = Media.AudioStream(probe);
        var poster = Media.VideoStream(await Media.ProbeAsync(Path.Combine(request.RunDirectory, "thumb/output_01_poster.jpg"), Token));
        var thumb = Media.VideoStream(await Media.ProbeAsync(Path.Combine(request.RunDirectory, "thumb/output_01.webp"), Token));
        Assert.Multiple(() =>
        {
            Assert.That(video.GetProperty("codec_name").GetString(), Is.EqualTo("h264"));
            Assert.That(video.GetProperty("pix_fmt").GetString(), Is.EqualTo("yuv420p"));
            Assert.That((video.GetProperty("width").GetInt32(), video.GetProperty("height").GetInt32()), Is.EqualTo((1280, 720)));
            Assert.That(audio?.GetProperty("codec_name").GetString(), Is.EqualTo("aac"), "audio kept");
            Assert.That(double.Parse(probe.GetProperty("format").GetProperty("duration").GetString()!, System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(2).Within(0.15));
            Assert.That(IsFaststart(webPath), Is.True, "moov before mdat");
            Assert.That((poster.GetProperty("codec_name").GetString(), poster.GetProperty("width").GetInt32(), poster.GetProperty("height").GetInt32()), Is.EqualTo(("mjpeg", 640, 360)));
            Assert.That((thumb.GetProperty("codec_name").GetString(), thumb.GetProperty("width").GetInt32(), thumb.GetProperty("height").GetInt32()), Is.EqualTo(("webp", 384, 216)));
            var web = result.Derivatives[0].Facts!;
            Assert.That((web.Width, web.Height, web.CodecName, web.HasAudio, web.AudioCodecName), Is.EqualTo(((int?)1280, (int?)720, "h264", (bool?)true, "aac")));
            Assert.That(web.DurationSeconds, Is.EqualTo(2).Within(0.15));
            Assert.That(progress.Any(p => p.Stage == CommitStage.Derive && p.File == "original/output_01.mp4" && p.Completed > 0 && p.Total == 2000), Is.True, "ffmpeg progress is reported");
        });
    }

    [Test]
    public async Task GenerateAsync_VideoLongerThanMaxWebVideoDuration_WebCopyIsItsFirstPartWithAWarning()
    {
        using var temp = new TempRoot("ra-ffmpeg-");
        var clip = await Media.FFmpegAsync(temp.Combine("long.mp4"), Token, "-f", "lavfi", "-i", "testsrc2=s=160x90:r=10:d=6", "-c:v", "libx264", "-preset", "ultrafast");
        var request = await Requests.ProbedAsync(temp, clip, AssetKind.Video, new ArtifactDerivativeSettings { PosterTime = "0.5" });
        var options = new FFmpegOptions { MaxWebVideoDuration = TimeSpan.FromSeconds(2) };

        var result = await new FFmpegDerivativeGenerator(options).GenerateAsync(request, Token);

        Assert.That(result.Error, Is.Null);
        var web = result.Derivatives.Single(d => d.Kind == DerivativeKind.Web);
        Assert.Multiple(() =>
        {
            Assert.That(web.Facts!.DurationSeconds, Is.EqualTo(2).Within(0.15), "the web copy is the first 2 s");
            Assert.That(web.Transform.Arguments, Is.SupersetOf(new[] { "-t", "2" }));
            Assert.That(web.Transform.Settings!["web_max_seconds"]!.GetValue<double>(), Is.EqualTo(2));
            Assert.That(web.Transform.Settings!["poster_seconds"]!.GetValue<double>(), Is.EqualTo(1).Within(0.01), "the poster is taken within the web copy: half of 2 s, not of 6");
            Assert.That(result.Warnings, Is.EqualTo(new[] { "original/output_01.mp4 lasts 6 s, over FFmpegOptions.MaxWebVideoDuration (2 s); the web copy is its first 2 s" }));
            Assert.That(result.Derivatives.Select(d => d.Kind), Is.EquivalentTo(new[] { DerivativeKind.Web, DerivativeKind.Poster, DerivativeKind.Thumb }));
        });
    }

    [Test]
    public async Task GenerateAsync_VideoWithinMaxWebVideoDuration_IsNotCut()
    {
        using var temp = new TempRoot("ra-ffmpeg-");
        var clip = await Media.FFmpegAsync(temp.Combine("short.mp4"), Token, "-f", "lavfi", "-i", "testsrc2=s=160x90:r=10:d=2", "-c:v", "libx264", "-preset", "ultrafast");
        var request = await Requests.ProbedAsync(temp, clip, AssetKind.Video);

        var result = await new FFmpegDerivativeGenerator(new FFmpegOptions { MaxWebVideoDuration = TimeSpan.FromSeconds(3) }).GenerateAsync(request, Token);

        var web = result.Derivatives.Single(d => d.Kind == DerivativeKind.Web);
        Assert.Multiple(() =>
        {
            Assert.That(result.Warnings, Is.Empty);
            Assert.That(web.Transform.Arguments, Has.No.Member("-t"));
            Assert.That(web.Transform.Settings!.ContainsKey("web_max_seconds"), Is.False);
            Assert.That(web.Facts!.DurationSeconds, Is.EqualTo(2).Within(0.15));
        });
    }

    [Test]
    public async Task GenerateAsync_SmallOddSizedClipWithoutAudio_KeepsSizeEvenAndSilent()
    {
        using var temp = new TempRoot("ra-ffmpeg-");
        var clip = await Media.FFmpegAsync(temp.Combine("odd.mkv"), Token, "-f", "lavfi", "-i", "testsrc2=s=321x241:r=10:d=1", "-c:v", "ffv1");
        var request = await Requests.ProbedAsync(temp, clip, AssetKind.Video);

        var result = await new FFmpegDerivativeGenerator().GenerateAsync(request, Token);

        Assert.That(result.Error, Is.Null);
        var probe = await Media.ProbeAsync(Path.Combine(request.RunDirectory, "web/output_01.mp4"), Token);
        var video = Media.VideoStream(probe);
        Assert.Multiple(() =>
        {
            Assert.That((video.GetProperty("width").GetInt32(), video.GetProperty("height").GetInt32()), Is.EqualTo((320, 240)), "never upscaled, rounded down to even");
            Assert.That(Media.AudioStream(probe), Is.Null);
            Assert.That(result.Derivatives[0].Facts!.HasAudio, Is.False);
            Assert.That(result.Derivatives[1].Facts!.Width, Is.InRange(320, 321), "poster is not upscaled to 640 (4:2:0 JPEG may drop the odd column)");
        });
    }

    [Test]
    public async Task GenerateAsync_PosterTimeFraction_TakesTheFrameAtThatTime()
    {
        using var temp = new TempRoot("ra-ffmpeg-");

        // One second of red, then one second of blue.
        var clip = await Media.FFmpegAsync(temp.Combine("rb.mp4"), Token,
            "-f", "lavfi", "-i", "color=c=red:s=160x120:r=10:d=1", "-f", "lavfi", "-i", "color=c=blue:s=160x120:r=10:d=1",
            "-filter_complex", "[0:v][1:v]concat=n=2:v=1[v]", "-map", "[v]", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p");
        var first = await Requests.ProbedAsync(temp, clip, AssetKind.Video);
        await new FFmpegDerivativeGenerator().GenerateAsync(first, Token);
        var firstPoster = await Media.PixelsAsync(Path.Combine(first.RunDirectory, "thumb/output_01_poster.jpg"), 1, 1, Token);

        using var temp2 = new TempRoot("ra-ffmpeg-");
        var late = await Requests.ProbedAsync(temp2, clip, AssetKind.Video, new ArtifactDerivativeSettings { PosterTime = "0.75" });
        var result = await new FFmpegDerivativeGenerator().GenerateAsync(late, Token);
        var latePoster = await Media.PixelsAsync(Path.Combine(late.RunDirectory, "thumb/output_01_poster.jpg"), 1, 1, Token);
        var lateThumb = await Media.PixelsAsync(Path.Combine(late.RunDirectory, "thumb/output_01.webp"), 1, 1, Token);

        Assert.Multiple(() =>
        {
            Assert.That(firstPoster[0], Is.GreaterThan(200), "first frame is red");
            Assert.That(firstPoster[2], Is.LessThan(60));
            Assert.That(latePoster[2], Is.GreaterThan(200), "frame at 75% is blue");
            Assert.That(latePoster[0], Is.LessThan(60));
            Assert.That(lateThumb[2], Is.GreaterThan(200), "the thumb is made from the poster");
            Assert.That(result.Derivatives[1].Transform.Settings!["poster_seconds"]!.GetValue<double>(), Is.EqualTo(1.5).Within(0.01));
        });
    }

    [Test]
    public async Task GenerateAsync_RotatedClip_WritesDisplayedOrientationWithoutMatrix()
    {
        using var temp = new TempRoot("ra-ffmpeg-");
        var plain = await Media.FFmpegAsync(temp.Combine("p.mp4"), Token, "-f", "lavfi", "-i", "color=c=black:s=320x240:r=10:d=0.5,drawbox=x=0:y=0:w=320:h=120:c=white:t=fill", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p");
        var rotated = await Media.FFmpegAsync(temp.Combine("r.mp4"), Token, "-i", plain, "-c", "copy", "-metadata:s:v:0", "rotate=90");
        var request = await Requests.ProbedAsync(temp, rotated, AssetKind.Video);

        var result = await new FFmpegDerivativeGenerator().GenerateAsync(request, Token);

        Assert.That(result.Error, Is.Null);
        var web = Path.Combine(request.RunDirectory, "web/output_01.mp4");
        var stream = Media.VideoStream(await Media.ProbeAsync(web, Token));
        var pixels = await Media.PixelsAsync(web, 2, 1, Token);
        var poster = await Media.PixelsAsync(Path.Combine(request.RunDirectory, "thumb/output_01_poster.jpg"), 2, 1, Token);
        Assert.Multiple(() =>
        {
            Assert.That((stream.GetProperty("width").GetInt32(), stream.GetProperty("height").GetInt32()), Is.EqualTo((240, 320)));
            Assert.That(stream.TryGetProperty("side_data_list", out _), Is.False, "pixels are turned, so no display matrix is left to turn them again");
            Assert.That((result.Derivatives[0].Facts!.Width, result.Derivatives[0].Facts!.Height, result.Derivatives[0].Facts!.Rotation), Is.EqualTo(((int?)240, (int?)320, (int?)0)));
            Assert.That(pixels[0], Is.GreaterThan(192), "the stored top is on the left, as ffmpeg displays the source");
            Assert.That(pixels[3], Is.LessThan(64));
            Assert.That(poster[0], Is.GreaterThan(192));
            Assert.That((result.Derivatives[1].Facts!.Width, result.Derivatives[1].Facts!.Height), Is.EqualTo(((int?)240, (int?)320)));
        });
    }

    [Test]
    public async Task GenerateAsync_CorruptVideo_FailsWithFFmpegMessage()
    {
        using var temp = new TempRoot("ra-ffmpeg-");
        var clip = await Media.VideoAsync(temp.Combine("clip.mp4"), 160, 120, 1, audio: false, Token);
        var bytes = await File.ReadAllBytesAsync(clip, Token);
        var broken = temp.Combine("broken.mp4");
        await File.WriteAllBytesAsync(broken, bytes[..(bytes.Length / 4)], Token);
        var request = Requests.For(temp, broken, AssetKind.Video);

        var result = await new FFmpegDerivativeGenerator().GenerateAsync(request, Token);

        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Error, Does.Contain("ffprobe").Or.Contain("ffmpeg"));
    }

    private static bool IsFaststart(string mp4)
    {
        var bytes = File.ReadAllBytes(mp4);
        var text = Encoding.Latin1.GetString(bytes);
        var moov = text.IndexOf("moov", StringComparison.Ordinal);
        var mdat = text.IndexOf("mdat", StringComparison.Ordinal);
        return moov >= 0 && mdat >= 0 && moov < mdat;
    }

    private sealed class SyncProgress(List<CommitProgress> sink) : IProgress<CommitProgress>
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
