using NetVips;
using RunArtifacts.Derivatives;
using RunArtifacts.Vips.Tests.Support;
using static RunArtifacts.Vips.Tests.VipsDerivativeGeneratorTests;

namespace RunArtifacts.Vips.Tests;

/// <summary>EXIF orientation, ICC/CMYK, 16-bit and alpha, each checked on the pixels of the derivatives.</summary>
[CancelAfter(60_000)]
public class ColourAndOrientationTests
{
    // The displayed picture is 80×48: red top-left, green top-right, blue bottom-left, white bottom-right.
    // Each case stores the picture so that applying the EXIF orientation gives it back (EXIF 2.32, row 0 / column 0).
    private static readonly byte[] R = Images.Red, G = Images.Green, B = Images.Blue, W = Images.White;

    private static CancellationToken Token => TestContext.CurrentContext.CancellationToken;

    private static IEnumerable<TestCaseData> Orientations()
    {
        yield return new TestCaseData(1, new[] { R, G, B, W }).SetName("Orientation_1_Identity");
        yield return new TestCaseData(2, new[] { G, R, W, B }).SetName("Orientation_2_MirroredHorizontally");
        yield return new TestCaseData(3, new[] { W, B, G, R }).SetName("Orientation_3_Rotated180");
        yield return new TestCaseData(4, new[] { B, W, R, G }).SetName("Orientation_4_MirroredVertically");
        yield return new TestCaseData(5, new[] { R, B, G, W }).SetName("Orientation_5_Transposed");
        yield return new TestCaseData(6, new[] { G, W, R, B }).SetName("Orientation_6_Rotated90Clockwise");
        yield return new TestCaseData(7, new[] { W, G, B, R }).SetName("Orientation_7_Transversed");
        yield return new TestCaseData(8, new[] { B, R, W, G }).SetName("Orientation_8_Rotated270Clockwise");
    }

    [TestCaseSource(nameof(Orientations))]
    public async Task GenerateAsync_ExifOrientation_PixelsShownUpright(int orientation, byte[][] stored)
    {
        using var temp = new TempRoot("ra-vips-");
        var (w, h) = orientation >= 5 ? (48, 80) : (80, 48);
        using (var image = Images.Quadrants(w, h, stored[0], stored[1], stored[2], stored[3]))
        using (var tagged = image.Mutate(m => m.Set(NetVips.GValue.GIntType, "orientation", orientation)))
        {
            Images.Save(tagged, temp.Combine("in.jpg"));
        }

        var request = Requests.For(temp, temp.Combine("in.jpg"), "image/jpeg");

        var result = await new VipsDerivativeGenerator().GenerateAsync(request, Token);

        Assert.That(result.Succeeded, Is.True, result.Error);
        var web = Path.Combine(request.RunDirectory, "web/output_01.webp");
        using var upright = Images.Open(web);
        Assert.Multiple(() =>
        {
            Assert.That((upright.Width, upright.Height), Is.EqualTo((80, 48)));
            Assert.That((int)result.Derivatives[0].Transform.Settings!["exif_orientation"]!, Is.EqualTo(orientation));
            AssertNear(Images.Pixel(web, 20, 12), R, 45, "top-left");
            AssertNear(Images.Pixel(web, 60, 12), G, 45, "top-right");
            AssertNear(Images.Pixel(web, 20, 36), B, 45, "bottom-left");
            AssertNear(Images.Pixel(web, 60, 36), W, 45, "bottom-right");
        });
    }

    [Test]
    public async Task GenerateAsync_CmykJpeg_ConvertedToSrgbThroughIcc()
    {
        // Process colours as 8-bit CMYK ink (Adobe JPEGs store them inverted; libvips handles that on save and load).
        using var temp = new TempRoot("ra-vips-");
        var inks = new (byte[] Cmyk, byte[] Srgb)[]
        {
            ([255, 0, 0, 0], [0, 160, 228]),     // cyan
            ([0, 255, 0, 0], [228, 0, 124]),     // magenta
            ([0, 0, 255, 0], [255, 237, 0]),     // yellow
            ([0, 0, 0, 0], [255, 255, 255]),     // paper
        };
        var data = new byte[64 * 16 * 4];
        for (var y = 0; y < 16; y++)
        {
            for (var x = 0; x < 64; x++)
            {
                inks[x / 16].Cmyk.CopyTo(data, ((y * 64) + x) * 4);
            }
        }

        using (var raw = Image.NewFromMemory(data, 64, 16, 4, Enums.BandFormat.Uchar))
        using (var cmyk = raw.Copy(interpretation: Enums.Interpretation.Cmyk))
        {
            Images.Save(cmyk, temp.Combine("cmyk.jpg"));
        }

        var request = Requests.For(temp, temp.Combine("cmyk.jpg"), "image/jpeg", new ArtifactDerivativeSettings { ImageWebFormat = "png" });

        var result = await new VipsDerivativeGenerator().GenerateAsync(request, Token);

        Assert.That(result.Succeeded, Is.True, result.Error);
        var web = Path.Combine(request.RunDirectory, "web/output_01.png");
        Assert.Multiple(() =>
        {
            Assert.That(result.Derivatives[0].Transform.Settings!["source_color_space"]!.GetValue<string>(), Is.EqualTo("cmyk"));
            Assert.That(result.Derivatives[0].Facts!.ColorSpace, Is.EqualTo("srgb"));
            for (var i = 0; i < inks.Length; i++)
            {
                // Within 40 of the ink's sRGB rendering in common press profiles; a naive (inverted or uncorrected) conversion is off by 100+.
                AssertNear(Images.Pixel(web, (i * 16) + 8, 8), inks[i].Srgb, 40, $"ink {i}");
            }
        });
    }

    [Test]
    public async Task GenerateAsync_SixteenBitPng_EightBitOutputSameColour()
    {
        using var temp = new TempRoot("ra-vips-");
        using (var deep = Images.Flat(300, 200, [65535 * 0.8, 65535 * 0.4, 65535 * 0.1], Enums.BandFormat.Ushort, Enums.Interpretation.Rgb16))
        {
            Images.Save(deep, temp.Combine("deep.png"));
        }

        var request = Requests.For(temp, temp.Combine("deep.png"), "image/png", new ArtifactDerivativeSettings { ImageWebFormat = "png" });

        var result = await new VipsDerivativeGenerator().GenerateAsync(request, Token);

        Assert.That(result.Succeeded, Is.True, result.Error);
        var web = Path.Combine(request.RunDirectory, "web/output_01.png");
        using var image = Images.Open(web);
        Assert.Multiple(() =>
        {
            Assert.That(image.Format, Is.EqualTo(Enums.BandFormat.Uchar));
            Assert.That(result.Derivatives[0].Transform.Settings!["source_format"]!.GetValue<string>(), Is.EqualTo("ushort"));
            AssertNear(image.Getpoint(150, 100), [204, 102, 26], 3, "web");
        });
    }

    [TestCase("webp")]
    [TestCase("png")]
    public async Task GenerateAsync_AlphaKept_InFormatsWithAlpha(string format)
    {
        using var temp = new TempRoot("ra-vips-");
        using (var rgba = Images.Flat(200, 100, [200, 40, 40, 128]))
        {
            Images.Save(rgba, temp.Combine("alpha.png"));
        }

        var request = Requests.For(temp, temp.Combine("alpha.png"), "image/png", new ArtifactDerivativeSettings { ImageWebFormat = format });

        var result = await new VipsDerivativeGenerator().GenerateAsync(request, Token);

        var pixel = Images.Pixel(Path.Combine(request.RunDirectory, $"web/output_01.{format}"), 100, 50);
        Assert.Multiple(() =>
        {
            Assert.That(result.Derivatives[0].Facts!.HasAlpha, Is.True);
            Assert.That(pixel, Has.Length.EqualTo(4));
            Assert.That(pixel[3], Is.EqualTo(128).Within(3));
        });
    }

    [Test]
    public async Task GenerateAsync_AlphaToJpeg_FlattenedOntoBackground()
    {
        using var temp = new TempRoot("ra-vips-");
        using (var rgba = Images.Flat(200, 100, [0, 0, 0, 0]))
        {
            Images.Save(rgba, temp.Combine("clear.png"));
        }

        var request = Requests.For(temp, temp.Combine("clear.png"), "image/png", new ArtifactDerivativeSettings { ImageWebFormat = "jpg", ImageThumbFormat = "jpg" });

        var result = await new VipsDerivativeGenerator(new VipsOptions { FlattenBackground = "#00ff00" }).GenerateAsync(request, Token);

        Assert.That(result.Succeeded, Is.True, result.Error);
        var pixel = Images.Pixel(Path.Combine(request.RunDirectory, "thumb/output_01.jpg"), 100, 50);
        Assert.Multiple(() =>
        {
            Assert.That(result.Derivatives.Select(d => d.Facts!.HasAlpha), Is.All.False);
            Assert.That(pixel, Has.Length.EqualTo(3));
            AssertNear(pixel, [0, 255, 0], 8, "flattened onto #00ff00");
            Assert.That(result.Derivatives[0].Transform.Arguments, Does.Contain("flatten background=#00ff00"));
        });
    }

    [TestCase(".gif", "image/gif")]
    [TestCase(".webp", "image/webp")]
    public async Task GenerateAsync_Animated_AnimatedWebpWebAndStillThumb(string extension, string mime)
    {
        using var temp = new TempRoot("ra-vips-");
        Images.Animated(temp.Combine("anim" + extension), 640, 480, [[220, 30, 30], [30, 200, 30], [30, 30, 220], [240, 240, 20], [20, 240, 240]]);
        var request = Requests.For(temp, temp.Combine("anim" + extension), mime, new ArtifactDerivativeSettings { ImageWebMaxDimension = 320, ImageThumbMaxDimension = 64 });

        var result = await new VipsDerivativeGenerator().GenerateAsync(request, Token);

        Assert.That(result.Succeeded, Is.True, result.Error);
        var web = Path.Combine(request.RunDirectory, "web/output_01.webp");
        var thumb = Path.Combine(request.RunDirectory, "thumb/output_01.webp");
        using var webAll = Images.Open(web, allFrames: true);
        Assert.Multiple(() =>
        {
            Assert.That(Images.Frames(web), Is.EqualTo(5));
            Assert.That(webAll.Get("delay"), Is.EqualTo(new[] { 100, 100, 100, 100, 100 }), "frame delays kept");
            Assert.That(Images.Frames(thumb), Is.EqualTo(1));
            Assert.That((webAll.Width, webAll.PageHeight), Is.EqualTo((320, 240)));
            Assert.That((result.Derivatives[0].Facts!.Animated, result.Derivatives[0].Facts!.FrameCount, result.Derivatives[0].Facts!.Height), Is.EqualTo(((bool?)true, (long?)5, (int?)240)));
            Assert.That((result.Derivatives[1].Facts!.Animated, result.Derivatives[1].Facts!.FrameCount), Is.EqualTo(((bool?)false, (long?)1)));
            AssertNear(Images.Pixel(thumb, 32, 24), [220, 30, 30], 40, "thumb is the first frame");
            using var third = Image.NewFromFile(web, kwargs: new VOption { { "page", 2 } });
            AssertNear(third.Getpoint(160, 120), [30, 30, 220], 40, "third web frame");
        });
    }

    [Test]
    public async Task GenerateAsync_AnimatedToJpegWeb_FirstFrameStill()
    {
        using var temp = new TempRoot("ra-vips-");
        Images.Animated(temp.Combine("anim.gif"), 200, 100, [[220, 30, 30], [30, 200, 30]]);
        var request = Requests.For(temp, temp.Combine("anim.gif"), "image/gif", new ArtifactDerivativeSettings { ImageWebFormat = "jpg" });

        var result = await new VipsDerivativeGenerator().GenerateAsync(request, Token);

        Assert.That(result.Succeeded, Is.True, result.Error);
        Assert.That((result.Derivatives[0].Facts!.Width, result.Derivatives[0].Facts!.Height, result.Derivatives[0].Facts!.FrameCount), Is.EqualTo(((int?)200, (int?)100, (long?)1)));
        AssertNear(Images.Pixel(Path.Combine(request.RunDirectory, "web/output_01.jpg"), 100, 50), [220, 30, 30], 40, "first frame");
    }
}
