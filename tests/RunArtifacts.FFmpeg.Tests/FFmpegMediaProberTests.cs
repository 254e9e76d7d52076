using System.Diagnostics;
using RunArtifacts.FFmpeg.Internal;
using RunArtifacts.FFmpeg.Tests.Support;
using RunArtifacts.Records;

namespace RunArtifacts.FFmpeg.Tests;

[CancelAfter(60_000)]
public class FFmpegMediaProberTests
{
    private static CancellationToken Token => TestContext.CurrentContext.CancellationToken;

    [Test]
    public async Task ProbeAsync_Png_ReadsHeaderInProcess()
    {
        using var temp = new TempRoot("ra-ffmpeg-");
        var png = await Media.ImageAsync(temp.Combine("a.png"), "color=c=red@0.5:s=300x200,format=rgba", Token);

        var result = await new FFmpegMediaProber().ProbeAsync(Requests.For(temp, png, AssetKind.Image).Source, Token);

        Assert.That(result.Error, Is.Null);
        Assert.That(result.ToolVersion, Is.Null, "no tool was run");
        var f = result.Facts!;
        Assert.That((f.Width, f.Height, f.CodecName, f.PixFmt, f.HasAlpha, f.Animated, f.Rotation), Is.EqualTo(((int?)300, (int?)200, "png", "rgba", (bool?)true, (bool?)false, (int?)0)));
    }

    [Test]
    public async Task ProbeAsync_JpegWithOrientation8_ReportsDisplayedSizeAndRotation()
    {
        using var temp = new TempRoot("ra-ffmpeg-");
        var jpg = await Media.ImageAsync(temp.Combine("a.jpg"), "testsrc2=s=300x200", Token);
        await Media.SetOrientationAsync(jpg, 8, Token);

        var result = await new FFmpegMediaProber().ProbeAsync(Requests.For(temp, jpg, AssetKind.Image).Source, Token);

        var f = result.Facts!;
        Assert.That((f.Width, f.Height, f.Rotation, f.CodecName, f.HasAlpha), Is.EqualTo(((int?)200, (int?)300, (int?)270, "mjpeg", (bool?)false)));
    }

    [Test]
    [Category("Slow")]
    public async Task ProbeAsync_LargePng_IsFasterThanFFprobe()
    {
        using var temp = new TempRoot("ra-ffmpeg-");
        var png = await Media.ImageAsync(temp.Combine("big.png"), "testsrc2=s=2048x2048", Token);
        var source = Requests.For(temp, png, AssetKind.Image).Source;
        var prober = new FFmpegMediaProber();
        await prober.ProbeAsync(source, Token);

        var header = Stopwatch.StartNew();
        var facts = (await prober.ProbeAsync(source, Token)).Facts;
        header.Stop();
        var ffprobe = Stopwatch.StartNew();
        await Media.RunAsync("ffprobe", ["-v", "error", "-show_streams", png], Token);
        ffprobe.Stop();

        Assert.That((facts!.Width, facts.Height), Is.EqualTo(((int?)2048, (int?)2048)));
        Assert.That(header.Elapsed, Is.LessThan(ffprobe.Elapsed), $"header {header.Elapsed.TotalMilliseconds} ms, ffprobe {ffprobe.Elapsed.TotalMilliseconds} ms");
    }

    [Test]
    public async Task ProbeAsync_VideoWithAudio_ReadsAllFacts()
    {
        using var temp = new TempRoot("ra-ffmpeg-");
        var clip = await Media.VideoAsync(temp.Combine("c.mp4"), 320, 240, 1, audio: true, Token, fps: 25);

        var result = await new FFmpegMediaProber().ProbeAsync(Requests.For(temp, clip, AssetKind.Video).Source, Token);

        Assert.That(result.Error, Is.Null);
        var f = result.Facts!;
        Assert.Multiple(() =>
        {
            Assert.That((f.Width, f.Height, f.CodecName, f.PixFmt, f.HasAudio, f.AudioCodecName, f.Rotation), Is.EqualTo(((int?)320, (int?)240, "h264", "yuv420p", (bool?)true, "aac", (int?)0)));
            Assert.That(f.Fps, Is.EqualTo(25).Within(0.01));
            Assert.That(f.DurationSeconds, Is.EqualTo(1).Within(0.1));
        });
    }

    [Test]
    public async Task ProbeAsync_VideoWithDisplayMatrix_ReportsDisplayedSizeAndTheRotationFFmpegApplies()
    {
        using var temp = new TempRoot("ra-ffmpeg-");

        // Stored 320×240 with a white top half; the display matrix turns it a quarter.
        var plain = await Media.FFmpegAsync(temp.Combine("c.mp4"), Token, "-f", "lavfi", "-i", "color=c=black:s=320x240:d=0.4,drawbox=x=0:y=0:w=320:h=120:c=white:t=fill", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p");
        var rotated = await Media.FFmpegAsync(temp.Combine("r.mp4"), Token, "-i", plain, "-c", "copy", "-metadata:s:v:0", "rotate=90");

        var f = (await new FFmpegMediaProber().ProbeAsync(Requests.For(temp, rotated, AssetKind.Video).Source, Token)).Facts!;
        var shown = await Media.PixelsAsync(rotated, 2, 1, Token);

        // Rotation is clockwise degrees: 270 puts the stored top on the left, which is what ffmpeg displays.
        Assert.That((f.Width, f.Height, f.Rotation), Is.EqualTo(((int?)240, (int?)320, (int?)270)));
        Assert.That(shown[0], Is.GreaterThan(192), "ffmpeg shows the stored top on the left");
        Assert.That(shown[3], Is.LessThan(64));
    }

    [Test]
    public async Task ProbeAsync_ZeroBytesAndGarbage_Fail()
    {
        using var temp = new TempRoot("ra-ffmpeg-");
        var empty = temp.Combine("e.mp4");
        await File.WriteAllBytesAsync(empty, [], Token);
        var junk = temp.Combine("j.mp4");
        await File.WriteAllBytesAsync(junk, new byte[4096], Token);
        var prober = new FFmpegMediaProber();

        var e = await prober.ProbeAsync(Requests.For(temp, empty, AssetKind.Video).Source, Token);
        using var temp2 = new TempRoot("ra-ffmpeg-");
        var j = await prober.ProbeAsync(Requests.For(temp2, junk, AssetKind.Video).Source, Token);

        Assert.That(e.Error, Does.Contain("empty"));
        Assert.That(j.Error, Does.Contain("ffprobe"));
    }

    [Test]
    public async Task Parse_AnimatedWebpFromFFprobe_IsRecognisedAsUndecodable()
    {
        using var temp = new TempRoot("ra-ffmpeg-");
        var webp = await Media.FFmpegAsync(temp.Combine("anim.webp"), Token, "-f", "lavfi", "-i", "testsrc2=s=96x64:r=5:d=1", "-c:v", "libwebp_anim", "-loop", "0");
        var json = await Media.RunAsync("ffprobe", [.. FFprobeFacts.Arguments(webp, new FFmpegOptions().MaxPixels)], Token);

        var facts = FFprobeFacts.Parse(json, out var error);
        var header = await new FFmpegMediaProber().ProbeAsync(Requests.For(temp, webp, AssetKind.Image).Source, Token);

        Assert.Multiple(() =>
        {
            Assert.That(facts, Is.Null, "ffprobe 5.1 exits 0 with a 0×0 stream");
            Assert.That(error, Does.Contain("0×0"));
            Assert.That((header.Facts!.Width, header.Facts.Height, header.Facts.Animated), Is.EqualTo(((int?)96, (int?)64, (bool?)true)), "the header reader still knows the size");
        });
    }

    [Test]
    public void CanProbe_VideoWithoutFFprobe_IsFalseButImagesStillProbed()
    {
        using var temp = new TempRoot("ra-ffmpeg-");
        var prober = new FFmpegMediaProber(new FFmpegOptions { FFprobePath = temp.Combine("missing", "ffprobe") });
        var source = new RunArtifacts.Derivatives.DerivativeSource { FullPath = "x", RelativePath = "original/x.mp4", Stem = "x", MimeType = "video/mp4", Kind = AssetKind.Video };

        Assert.That(prober.CanProbe(source), Is.False);
        Assert.That(prober.CanProbe(source with { Kind = AssetKind.Image, MimeType = "image/png" }), Is.True);
    }
}
