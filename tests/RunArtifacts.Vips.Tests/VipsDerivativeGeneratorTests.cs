using NetVips;
using RunArtifacts.Derivatives;
using RunArtifacts.Records;
using RunArtifacts.Vips.Tests.Support;

namespace RunArtifacts.Vips.Tests;

/// <summary>Web copies and thumbnails of every supported format, with the settings honoured; pixels checked.</summary>
[CancelAfter(60_000)]
public class VipsDerivativeGeneratorTests
{
    private static CancellationToken Token => TestContext.CurrentContext.CancellationToken;

    [TestCase(".png", "image/png")]
    [TestCase(".jpg", "image/jpeg")]
    [TestCase(".webp", "image/webp")]
    [TestCase(".gif", "image/gif")]
    public async Task GenerateAsync_EachFormat_WebAndThumbFittedAndOriented(string extension, string mime)
    {
        using var temp = new TempRoot("ra-vips-");
        using (var image = Images.Quadrants(2000, 1000, Images.Red, Images.Green, Images.Blue, Images.White))
        {
            Images.Save(image, temp.Combine("in" + extension));
        }

        var request = Requests.For(temp, temp.Combine("in" + extension), mime);

        var result = await new VipsDerivativeGenerator().GenerateAsync(request, Token);

        Assert.That(result.Succeeded, Is.True, result.Error);
        var web = result.Derivatives.Single(d => d.Kind == DerivativeKind.Web);
        var thumb = result.Derivatives.Single(d => d.Kind == DerivativeKind.Thumb);
        using var webImage = Images.Open(Requests.PathOf(request, web));
        using var thumbImage = Images.Open(Requests.PathOf(request, thumb));
        Assert.Multiple(() =>
        {
            Assert.That(web.RelativePath, Is.EqualTo("web/output_01.webp"));
            Assert.That(thumb.RelativePath, Is.EqualTo("thumb/output_01.webp"));
            Assert.That(web.MimeType, Is.EqualTo("image/webp"));
            Assert.That((webImage.Width, webImage.Height), Is.EqualTo((1600, 800)));
            Assert.That((thumbImage.Width, thumbImage.Height), Is.EqualTo((384, 192)));
            Assert.That((web.Facts!.Width, web.Facts.Height, web.Facts.CodecName), Is.EqualTo(((int?)1600, (int?)800, "webp")));
            Assert.That((thumb.Facts!.Width, thumb.Facts.Height), Is.EqualTo(((int?)384, (int?)192)));
            Assert.That(web.Transform.Generator, Is.EqualTo("vips"));
            Assert.That(web.Transform.Arguments[0], Does.StartWith("thumbnail_source width=1600 height=1600 size=down"));
            Assert.That(result.ToolVersion, Does.StartWith("libvips 8."));
            AssertNear(Images.Pixel(Requests.PathOf(request, web), 400, 200), Images.Red, 40, "web top-left");
            AssertNear(Images.Pixel(Requests.PathOf(request, web), 1200, 600), Images.White, 40, "web bottom-right");
            AssertNear(Images.Pixel(Requests.PathOf(request, thumb), 96, 144), Images.Blue, 40, "thumb bottom-left");
        });
    }

    [Test]
    public async Task GenerateAsync_SettingsHonoured_FormatsSizesAndQualities()
    {
        using var temp = new TempRoot("ra-vips-");
        using (var noise = Image.Gaussnoise(1200, 900, sigma: 40, mean: 128))
        using (var rgb = noise.Bandjoin(noise, noise).Cast(Enums.BandFormat.Uchar))
        {
            Images.Save(rgb, temp.Combine("in.png"));
        }

        var settings = new ArtifactDerivativeSettings
        {
            ImageWebMaxDimension = 1000,
            ImageWebFormat = "jpg",
            ImageWebQuality = 20,
            ImageThumbMaxDimension = 300,
            ImageThumbFormat = "png",
            ImageThumbQuality = 50,
        };
        var low = Requests.For(temp, temp.Combine("in.png"), "image/png", settings);
        var lowResult = await new VipsDerivativeGenerator().GenerateAsync(low, Token);
        var lowWebBytes = new FileInfo(Path.Combine(low.RunDirectory, "web/output_01.jpg")).Length;

        settings.ImageWebQuality = 95;
        using var temp2 = new TempRoot("ra-vips-");
        var high = Requests.For(temp2, temp.Combine("in.png"), "image/png", settings);
        var highResult = await new VipsDerivativeGenerator().GenerateAsync(high, Token);

        Assert.That(lowResult.Succeeded && highResult.Succeeded, Is.True, lowResult.Error ?? highResult.Error);
        using var web = Images.Open(Path.Combine(high.RunDirectory, "web/output_01.jpg"));
        using var thumb = Images.Open(Path.Combine(high.RunDirectory, "thumb/output_01.png"));
        var settingsJson = highResult.Derivatives[0].Transform.Settings!;
        Assert.Multiple(() =>
        {
            Assert.That(highResult.Derivatives.Select(d => d.RelativePath), Is.EqualTo(new[] { "web/output_01.jpg", "thumb/output_01.png" }));
            Assert.That(highResult.Derivatives.Select(d => d.MimeType), Is.EqualTo(new[] { "image/jpeg", "image/png" }));
            Assert.That((web.Width, web.Height), Is.EqualTo((1000, 750)));
            Assert.That((thumb.Width, thumb.Height), Is.EqualTo((300, 225)));
            Assert.That(web.Get("vips-loader"), Is.EqualTo("jpegload"));
            Assert.That(thumb.Get("vips-loader"), Is.EqualTo("pngload"));
            Assert.That(new FileInfo(Path.Combine(high.RunDirectory, "web/output_01.jpg")).Length, Is.GreaterThan(lowWebBytes * 2), "quality 95 against quality 20");
            Assert.That((int)settingsJson["web_quality"]!, Is.EqualTo(95));
            Assert.That((string)settingsJson["thumb_format"]!, Is.EqualTo("png"));
            Assert.That(highResult.Derivatives[0].Transform.Arguments[^1], Is.EqualTo("jpegsave Q=95 optimize_coding=true keep=none"));
        });
    }

    [Test]
    public async Task GenerateAsync_SmallImage_NotUpscaledUnlessAllowed()
    {
        using var temp = new TempRoot("ra-vips-");
        using (var image = Images.Flat(200, 100, [10, 120, 200]))
        {
            Images.Save(image, temp.Combine("small.png"));
        }

        var kept = Requests.For(temp, temp.Combine("small.png"), "image/png");
        var keptResult = await new VipsDerivativeGenerator().GenerateAsync(kept, Token);
        using var temp2 = new TempRoot("ra-vips-");
        var upscaled = Requests.For(temp2, temp.Combine("small.png"), "image/png", new ArtifactDerivativeSettings { AllowUpscale = true });
        var upscaledResult = await new VipsDerivativeGenerator().GenerateAsync(upscaled, Token);

        Assert.Multiple(() =>
        {
            Assert.That(keptResult.Derivatives.Select(d => (d.Facts!.Width, d.Facts.Height)), Is.EqualTo(new[] { ((int?)200, (int?)100), (200, 100) }));
            Assert.That(upscaledResult.Derivatives.Select(d => (d.Facts!.Width, d.Facts.Height)), Is.EqualTo(new[] { ((int?)1600, (int?)800), (384, 192) }));
            using var web = Images.Open(Path.Combine(upscaled.RunDirectory, "web/output_01.webp"));
            Assert.That(web.Width, Is.EqualTo(1600));
        });
    }

    [Test]
    public async Task GenerateAsync_ThumbLargerThanWeb_DecodedAgainAtThumbSize()
    {
        using var temp = new TempRoot("ra-vips-");
        using (var image = Images.Quadrants(1200, 600, Images.Red, Images.Green, Images.Blue, Images.White))
        {
            Images.Save(image, temp.Combine("in.png"));
        }

        var request = Requests.For(temp, temp.Combine("in.png"), "image/png", new ArtifactDerivativeSettings { ImageWebMaxDimension = 300, ImageThumbMaxDimension = 800 });

        var result = await new VipsDerivativeGenerator().GenerateAsync(request, Token);

        Assert.That(result.Derivatives.Select(d => (d.Facts!.Width, d.Facts.Height)), Is.EqualTo(new[] { ((int?)300, (int?)150), (800, 400) }));
        Assert.That(result.Derivatives[1].Transform.Arguments[0], Does.StartWith("thumbnail_source width=800"));
    }

    internal static void AssertNear(double[] actual, byte[] expected, int tolerance, string what)
    {
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.That(actual[i], Is.EqualTo((double)expected[i]).Within(tolerance), $"{what}: channel {i} of [{string.Join(", ", actual)}]");
        }
    }
}
