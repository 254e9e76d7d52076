using RunArtifacts.Derivatives;
using RunArtifacts.FFmpeg.Internal;
using RunArtifacts.FFmpeg.Tests.Support;
using RunArtifacts.Records;

namespace RunArtifacts.FFmpeg.Tests;

[CancelAfter(60_000)]
public class FFmpegDerivativeGeneratorImageTests
{
    private static CancellationToken Token => TestContext.CurrentContext.CancellationToken;

    [Test]
    public async Task GenerateAsync_LargePng_WritesWebpWebAndThumbWithAspectKept()
    {
        using var temp = new TempRoot("ra-ffmpeg-");
        var png = await Media.ImageAsync(temp.Combine("big.png"), "testsrc2=s=2000x1000", Token);
        var request = await Requests.ProbedAsync(temp, png, AssetKind.Image);

        var result = await new FFmpegDerivativeGenerator().GenerateAsync(request, Token);

        Assert.That(result.Error, Is.Null);
        Assert.That(result.ToolVersion, Does.StartWith("ffmpeg version"));
        Assert.That(result.Derivatives.Select(d => (d.Kind, d.RelativePath, d.MimeType)), Is.EqualTo(new[]
        {
            (DerivativeKind.Web, "web/output_01.webp", "image/webp"),
            (DerivativeKind.Thumb, "thumb/output_01.webp", "image/webp"),
        }));
        var web = Media.VideoStream(await Media.ProbeAsync(Path.Combine(request.RunDirectory, "web/output_01.webp"), Token));
        var thumb = Media.VideoStream(await Media.ProbeAsync(Path.Combine(request.RunDirectory, "thumb/output_01.webp"), Token));
        Assert.Multiple(() =>
        {
            Assert.That((web.GetProperty("codec_name").GetString(), web.GetProperty("width").GetInt32(), web.GetProperty("height").GetInt32()), Is.EqualTo(("webp", 1600, 800)));
            Assert.That((thumb.GetProperty("codec_name").GetString(), thumb.GetProperty("width").GetInt32(), thumb.GetProperty("height").GetInt32()), Is.EqualTo(("webp", 384, 192)));
            Assert.That(result.Derivatives[0].Facts, Is.Not.Null);
            Assert.That((result.Derivatives[0].Facts!.Width, result.Derivatives[0].Facts!.Height), Is.EqualTo(((int?)1600, (int?)800)));
            Assert.That(result.Derivatives[1].Transform.FilterGraph, Does.Contain("split=2"));
            Assert.That(result.Derivatives[0].Transform.Arguments, Does.Contain("original/output_01.png").And.Contain("web/output_01.webp"));
            Assert.That(result.Derivatives[0].Transform.Arguments.Any(a => a.Contains(temp.Path, StringComparison.Ordinal)), Is.False, "recorded arguments hold relative paths only");
        });
    }

    [Test]
    public async Task GenerateAsync_SmallImage_IsNotUpscaledUnlessAllowed()
    {
        using var temp = new TempRoot("ra-ffmpeg-");
        var png = await Media.ImageAsync(temp.Combine("small.png"), "testsrc2=s=200x100", Token);

        var kept = await new FFmpegDerivativeGenerator().GenerateAsync(await Requests.ProbedAsync(temp, png, AssetKind.Image), Token);
        var keptWeb = kept.Derivatives[0].Facts!;
        var upscaled = await new FFmpegDerivativeGenerator().GenerateAsync(await Requests.ProbedAsync(temp, png, AssetKind.Image, new ArtifactDerivativeSettings { AllowUpscale = true }), Token);
        var upWeb = Media.VideoStream(await Media.ProbeAsync(temp.Combine("run", "web", "output_01.webp"), Token));

        Assert.Multiple(() =>
        {
            Assert.That((keptWeb.Width, keptWeb.Height), Is.EqualTo(((int?)200, (int?)100)));
            Assert.That((kept.Derivatives[1].Facts!.Width, kept.Derivatives[1].Facts!.Height), Is.EqualTo(((int?)200, (int?)100)));
            Assert.That((upWeb.GetProperty("width").GetInt32(), upWeb.GetProperty("height").GetInt32()), Is.EqualTo((1600, 800)));
            Assert.That((upscaled.Derivatives[1].Facts!.Width, upscaled.Derivatives[1].Facts!.Height), Is.EqualTo(((int?)384, (int?)192)));
        });
    }

    [Test]
    public async Task GenerateAsync_JpegWithExifOrientation6_RotatesPixelsAndRecordsDisplayedSize()
    {
        using var temp = new TempRoot("ra-ffmpeg-");

        // Stored 320×240: top half white, bottom half black. Orientation 6 = rotate 90° clockwise to display,
        // so the displayed image is 240×320 with the white half on the RIGHT.
        var jpg = await Media.ImageAsync(temp.Combine("rot.jpg"), "color=c=black:s=320x240,drawbox=x=0:y=0:w=320:h=120:c=white:t=fill", Token, "-q:v", "2");
        await Media.SetOrientationAsync(jpg, 6, Token);
        var request = await Requests.ProbedAsync(temp, jpg, AssetKind.Image, new ArtifactDerivativeSettings { ImageWebMaxDimension = 160, ImageThumbMaxDimension = 80 });

        var result = await new FFmpegDerivativeGenerator().GenerateAsync(request, Token);

        Assert.That(result.Error, Is.Null);
        var web = Path.Combine(request.RunDirectory, "web/output_01.webp");
        var stream = Media.VideoStream(await Media.ProbeAsync(web, Token));
        var pixels = await Media.PixelsAsync(web, 2, 1, Token);
        Assert.Multiple(() =>
        {
            Assert.That((request.Source.Facts!.Width, request.Source.Facts.Height, request.Source.Facts.Rotation), Is.EqualTo(((int?)240, (int?)320, (int?)90)));
            Assert.That((stream.GetProperty("width").GetInt32(), stream.GetProperty("height").GetInt32()), Is.EqualTo((120, 160)));
            Assert.That((result.Derivatives[0].Facts!.Width, result.Derivatives[0].Facts!.Height), Is.EqualTo(((int?)120, (int?)160)));
            Assert.That(pixels[0], Is.LessThan(64), "left half is the stored bottom (black)");
            Assert.That(pixels[3], Is.GreaterThan(192), "right half is the stored top (white)");
        });
    }

    [Test]
    public async Task GenerateAsync_TransparentPngToJpeg_FlattensOntoWhite()
    {
        using var temp = new TempRoot("ra-ffmpeg-");
        var png = await Media.ImageAsync(temp.Combine("alpha.png"), "color=c=red@0.0:s=64x64,format=rgba", Token);
        var settings = new ArtifactDerivativeSettings { ImageWebFormat = "jpg", ImageThumbFormat = "jpg" };
        var request = await Requests.ProbedAsync(temp, png, AssetKind.Image, settings);

        var result = await new FFmpegDerivativeGenerator().GenerateAsync(request, Token);

        Assert.That(result.Error, Is.Null);
        var web = Path.Combine(request.RunDirectory, "web/output_01.jpg");
        var pixels = await Media.PixelsAsync(web, 1, 1, Token);
        Assert.Multiple(() =>
        {
            Assert.That(request.Source.Facts!.HasAlpha, Is.True);
            Assert.That(Media.VideoStream(Media.ProbeAsync(web, Token).Result).GetProperty("codec_name").GetString(), Is.EqualTo("mjpeg"));
            Assert.That(result.Derivatives.Select(d => d.MimeType), Is.All.EqualTo("image/jpeg"));
            Assert.That(pixels, Is.All.GreaterThan(240), "transparent pixels become white, not black or red");
        });
    }

    [Test]
    public async Task GenerateAsync_TransparentPngToWebp_KeepsAlpha()
    {
        using var temp = new TempRoot("ra-ffmpeg-");
        var png = await Media.ImageAsync(temp.Combine("alpha.png"), "color=c=red@0.5:s=64x64,format=rgba", Token);
        var request = await Requests.ProbedAsync(temp, png, AssetKind.Image);

        var result = await new FFmpegDerivativeGenerator().GenerateAsync(request, Token);

        Assert.That(result.Error, Is.Null);
        Assert.That(result.Derivatives.Select(d => d.Facts!.HasAlpha), Is.All.True);
    }

    [Test]
    public async Task GenerateAsync_AnimatedGif_MakesAnimatedWebpWebAndStillThumb()
    {
        using var temp = new TempRoot("ra-ffmpeg-");
        var gif = await Media.FFmpegAsync(temp.Combine("anim.gif"), Token, "-f", "lavfi", "-i", "testsrc2=s=96x64:r=5:d=1");
        var request = await Requests.ProbedAsync(temp, gif, AssetKind.Image);

        var result = await new FFmpegDerivativeGenerator().GenerateAsync(request, Token);

        Assert.That(result.Error, Is.Null);
        Assert.Multiple(() =>
        {
            Assert.That(request.Source.Facts!.Animated, Is.True);
            Assert.That(request.Source.Facts.FrameCount, Is.EqualTo(5));
            Assert.That(result.Derivatives[0].Facts!.Animated, Is.True, "web keeps the animation");
            Assert.That(result.Derivatives[1].Facts!.Animated, Is.False, "thumb is the first frame");
            Assert.That((result.Derivatives[0].Facts!.Width, result.Derivatives[0].Facts!.Height), Is.EqualTo(((int?)96, (int?)64)));
        });
    }

    [Test]
    public async Task GenerateAsync_AnimatedWebp_WarnsAndMakesNothing()
    {
        using var temp = new TempRoot("ra-ffmpeg-");
        var webp = await Media.FFmpegAsync(temp.Combine("anim.webp"), Token, "-f", "lavfi", "-i", "testsrc2=s=96x64:r=5:d=1", "-c:v", "libwebp_anim", "-loop", "0");
        var request = Requests.For(temp, webp, AssetKind.Image);

        var result = await new FFmpegDerivativeGenerator().GenerateAsync(request, Token);

        Assert.Multiple(() =>
        {
            Assert.That(result.Succeeded, Is.True);
            Assert.That(result.Derivatives, Is.Empty);
            Assert.That(result.Warnings.Single(), Does.Contain("animated WebP"));
            Assert.That(Directory.Exists(Path.Combine(request.RunDirectory, "web")) && Directory.EnumerateFiles(Path.Combine(request.RunDirectory, "web")).Any(), Is.False);
        });
    }

    [Test]
    public async Task GenerateAsync_TruncatedPng_FailsAndLeavesOriginal()
    {
        using var temp = new TempRoot("ra-ffmpeg-");
        var png = await Media.ImageAsync(temp.Combine("ok.png"), "testsrc2=s=256x256", Token);
        var bytes = await File.ReadAllBytesAsync(png, Token);
        var truncated = temp.Combine("cut.png");
        await File.WriteAllBytesAsync(truncated, bytes[..(bytes.Length / 3)], Token);
        var request = Requests.For(temp, truncated, AssetKind.Image);
        var before = await File.ReadAllBytesAsync(request.Source.FullPath, Token);

        var result = await new FFmpegDerivativeGenerator().GenerateAsync(request, Token);

        Assert.Multiple(() =>
        {
            Assert.That(result.Succeeded, Is.False);
            Assert.That(result.Error, Does.Contain("png header").Or.Contain("ffmpeg"));
            Assert.That(File.ReadAllBytes(request.Source.FullPath), Is.EqualTo(before));
        });
    }

    [Test]
    public async Task GenerateAsync_ZeroBytes_Fails()
    {
        using var temp = new TempRoot("ra-ffmpeg-");
        var empty = temp.Combine("empty.png");
        await File.WriteAllBytesAsync(empty, [], Token);

        var result = await new FFmpegDerivativeGenerator().GenerateAsync(Requests.For(temp, empty, AssetKind.Image), Token);

        Assert.That(result.Error, Does.Contain("empty"));
    }

    [Test]
    public async Task GenerateAsync_GarbageWithPngSignature_Fails()
    {
        using var temp = new TempRoot("ra-ffmpeg-");
        var junk = temp.Combine("junk.png");
        await File.WriteAllBytesAsync(junk, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4, 5, 6, 7, 8], Token);

        var result = await new FFmpegDerivativeGenerator().GenerateAsync(Requests.For(temp, junk, AssetKind.Image), Token);

        Assert.That(result.Succeeded, Is.False);
    }

    [Test]
    public void Fit_Within_KeepsAspectAndNeverUpscalesByDefault()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Fit.Within(4096, 4096, 1600, false), Is.EqualTo((1600, 1600)));
            Assert.That(Fit.Within(2048, 1536, 384, false), Is.EqualTo((384, 288)));
            Assert.That(Fit.Within(100, 50, 1600, false), Is.EqualTo((100, 50)));
            Assert.That(Fit.Within(100, 50, 1600, true), Is.EqualTo((1600, 800)));
            Assert.That(Fit.Even((321, 241)), Is.EqualTo((320, 240)));
        });
    }
}
