using RunArtifacts.FFmpeg.Tests.Support;
using RunArtifacts.Records;

namespace RunArtifacts.FFmpeg.Tests;

/// <summary><see cref="FFmpegOptions.MaxPixels"/>: checked on the size the header or ffprobe gives, before ffmpeg starts.</summary>
[CancelAfter(60_000)]
public class PixelBudgetTests
{
    private static CancellationToken Token => TestContext.CurrentContext.CancellationToken;

    [Test]
    public async Task GenerateAsync_ImageOverMaxPixels_RefusedAndNothingWritten()
    {
        using var temp = new TempRoot("ra-ffmpeg-");
        var png = await Media.ImageAsync(temp.Combine("big.png"), "testsrc2=s=300x200", Token);
        var request = await Requests.ProbedAsync(temp, png, AssetKind.Image);

        var refused = await new FFmpegDerivativeGenerator(new FFmpegOptions { MaxPixels = 59_999 }).GenerateAsync(request, Token);
        var nothingWritten = !Directory.Exists(Path.Combine(request.RunDirectory, "web")) || Directory.GetFiles(Path.Combine(request.RunDirectory, "web")).Length == 0;
        var allowed = await new FFmpegDerivativeGenerator(new FFmpegOptions { MaxPixels = 60_000 }).GenerateAsync(request, Token);

        Assert.Multiple(() =>
        {
            Assert.That(refused.Error, Does.Contain("300×200").And.Contain("60,000 pixels").And.Contain("FFmpegOptions.MaxPixels"));
            Assert.That(nothingWritten, Is.True, "ffmpeg was not started");
            Assert.That(allowed.Error, Is.Null);
            Assert.That(allowed.Derivatives, Has.Count.EqualTo(2));
        });
    }

    [Test]
    public async Task ProbeAsync_TiffOverMaxPixels_TheDecoderRefusesTheFrame()
    {
        // TIFF has no header reader here: ffprobe decodes a frame to complete the stream's facts, unless -max_pixels stops it.
        using var temp = new TempRoot("ra-ffmpeg-");
        var tif = await Media.FFmpegAsync(temp.Combine("big.tif"), Token, "-f", "lavfi", "-i", "testsrc2=s=400x300", "-frames:v", "1");
        var source = Requests.For(temp, tif, AssetKind.Image).Source;

        var over = await new FFmpegMediaProber(new FFmpegOptions { MaxPixels = 119_999 }).ProbeAsync(source, Token);
        var within = await new FFmpegMediaProber(new FFmpegOptions { MaxPixels = 120_000 }).ProbeAsync(source, Token);

        Assert.Multiple(() =>
        {
            Assert.That(over.Error, Does.Contain("0×0").And.Contain("FFmpegOptions.MaxPixels"));
            Assert.That((within.Facts?.Width, within.Facts?.Height), Is.EqualTo(((int?)400, (int?)300)));
        });
    }

    [Test]
    public async Task GenerateAsync_VideoOverMaxPixels_Refused()
    {
        using var temp = new TempRoot("ra-ffmpeg-");
        var clip = await Media.VideoAsync(temp.Combine("clip.mp4"), 320, 240, 1, audio: false, Token);
        var request = await Requests.ProbedAsync(temp, clip, AssetKind.Video);

        var result = await new FFmpegDerivativeGenerator(new FFmpegOptions { MaxPixels = 320 * 240 - 1 }).GenerateAsync(request, Token);

        Assert.That(result.Error, Does.Contain("320×240").And.Contain("FFmpegOptions.MaxPixels"));
    }

    [Test]
    public async Task GenerateAsync_AnimationOverMaxPixelsInAll_WebCopyIsTheFirstFrameWithAWarning()
    {
        using var temp = new TempRoot("ra-ffmpeg-");
        // 5 frames of 96×64: 30,720 pixels in all, 6,144 a frame.
        var gif = await Media.FFmpegAsync(temp.Combine("anim.gif"), Token, "-f", "lavfi", "-i", "testsrc2=s=96x64:r=5:d=1");
        var request = await Requests.ProbedAsync(temp, gif, AssetKind.Image);

        var over = await new FFmpegDerivativeGenerator(new FFmpegOptions { MaxPixels = 30_719 }).GenerateAsync(request, Token);
        var overWeb = over.Derivatives[0].Facts!;
        var within = await new FFmpegDerivativeGenerator(new FFmpegOptions { MaxPixels = 30_720 }).GenerateAsync(request, Token);

        Assert.Multiple(() =>
        {
            Assert.That(over.Error, Is.Null);
            Assert.That(overWeb.Animated, Is.Not.True, "still web copy");
            Assert.That(over.Warnings, Has.One.Contains("5 frames of 96×64").And.Contains("30,720 pixels in all").And.Contains("MaxPixels"));
            Assert.That(over.Derivatives[0].Transform.Arguments, Does.Contain("libwebp").And.Not.Contain("libwebp_anim"));
            Assert.That(within.Derivatives[0].Facts!.Animated, Is.True, "animated web copy");
            Assert.That(within.Warnings, Is.Empty);
        });
    }
}
