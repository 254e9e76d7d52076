using RunArtifacts.Derivatives;
using RunArtifacts.Records;
using RunArtifacts.Vips.Tests.Support;

namespace RunArtifacts.Vips.Tests;

/// <summary>Facts read from headers: displayed size, frames, colour, alpha.</summary>
[CancelAfter(30_000)]
public class VipsMediaProberTests
{
    private static CancellationToken Token => TestContext.CurrentContext.CancellationToken;

    [Test]
    public async Task ProbeAsync_RotatedJpeg_DisplayedSizeAndRotation()
    {
        using var temp = new TempRoot("ra-vips-");
        using (var image = Images.Flat(120, 80, [10, 20, 30]))
        using (var tagged = image.Mutate(m => m.Set(NetVips.GValue.GIntType, "orientation", 6)))
        {
            Images.Save(tagged, temp.Combine("in.jpg"));
        }

        var facts = await ProbeAsync(temp.Combine("in.jpg"), "image/jpeg");

        Assert.That((facts.Width, facts.Height, facts.Rotation, facts.CodecName, facts.ColorSpace, facts.HasAlpha, facts.Animated), Is.EqualTo(((int?)80, (int?)120, (int?)90, "mjpeg", "srgb", (bool?)false, (bool?)false)));
    }

    [Test]
    public async Task ProbeAsync_SixteenBitRgbaPng_FormatAndAlpha()
    {
        using var temp = new TempRoot("ra-vips-");
        using (var image = Images.Flat(30, 20, [1000, 2000, 3000, 65535], NetVips.Enums.BandFormat.Ushort, NetVips.Enums.Interpretation.Rgb16))
        {
            Images.Save(image, temp.Combine("in.png"));
        }

        var facts = await ProbeAsync(temp.Combine("in.png"), "image/png");

        Assert.That((facts.Width, facts.Height, facts.PixFmt, facts.ColorSpace, facts.HasAlpha), Is.EqualTo(((int?)30, (int?)20, "rgba64be", "rgb16", (bool?)true)));
    }

    [Test]
    public async Task ProbeAsync_AnimatedWebp_FramesAndFrameSize()
    {
        using var temp = new TempRoot("ra-vips-");
        Images.Animated(temp.Combine("anim.webp"), 64, 48, [[200, 0, 0], [0, 200, 0], [0, 0, 200]]);

        var facts = await ProbeAsync(temp.Combine("anim.webp"), "image/webp");

        Assert.That((facts.Width, facts.Height, facts.Animated, facts.FrameCount, facts.CodecName), Is.EqualTo(((int?)64, (int?)48, (bool?)true, (long?)3, "webp")));
    }

    [Test]
    public async Task ProbeAsync_HugePng_SizeFromHeaderOnly()
    {
        using var temp = new TempRoot("ra-vips-");

        var facts = await ProbeAsync(Images.HugePalettePng(temp.Combine("huge.png"), 30000, 30000), "image/png");

        Assert.That((facts.Width, facts.Height), Is.EqualTo(((int?)30000, (int?)30000)));
    }

    [Test]
    public async Task ProbeAsync_Garbage_FailedWithMessage()
    {
        using var temp = new TempRoot("ra-vips-");
        File.WriteAllBytes(temp.Combine("junk.png"), [1, 2, 3, 4, 5, 6, 7, 8, 9]);

        var result = await new VipsMediaProber().ProbeAsync(Source(temp.Combine("junk.png"), "image/png"), Token);

        Assert.That(result.Error, Does.StartWith("libvips cannot read the header"));
    }

    private static async Task<MediaFacts> ProbeAsync(string path, string mime)
    {
        var prober = new VipsMediaProber();
        var source = Source(path, mime);
        Assert.That(prober.CanProbe(source), Is.True);
        var result = await prober.ProbeAsync(source, Token);
        Assert.That(result.Facts, Is.Not.Null, result.Error);
        return result.Facts!;
    }

    private static DerivativeSource Source(string path, string mime) => new()
    {
        FullPath = path,
        RelativePath = "original/" + Path.GetFileName(path),
        Stem = Path.GetFileNameWithoutExtension(path),
        MimeType = mime,
        Kind = AssetKind.Image,
        Bytes = new FileInfo(path).Length,
    };
}
