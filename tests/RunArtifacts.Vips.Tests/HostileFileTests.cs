using System.Diagnostics;
using RunArtifacts.Derivatives;
using RunArtifacts.Vips.Tests.Support;

namespace RunArtifacts.Vips.Tests;

/// <summary>Huge, truncated, empty, corrupt and disallowed files: refused with a message, never decoded, originals untouched.</summary>
[CancelAfter(60_000)]
public class HostileFileTests
{
    private static CancellationToken Token => TestContext.CurrentContext.CancellationToken;

    [Test]
    public async Task GenerateAsync_30000SquarePng_RefusedFromHeaderWithoutDecoding()
    {
        using var temp = new TempRoot("ra-vips-");
        var huge = Images.HugePalettePng(temp.Combine("huge.png"), 30000, 30000);
        using (var warm = new TempRoot("ra-vips-"))
        {
            // libvips and this code path loaded once, so the measurement below sees only the refusal.
            await new VipsDerivativeGenerator().GenerateAsync(Requests.For(warm, Images.Save(Images.Flat(8, 8, [1, 2, 3]), warm.Combine("warm.png")), "image/png"), Token);
        }

        var request = Requests.For(temp, huge, "image/png");
        var before = File.ReadAllBytes(request.Source.FullPath);
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var peakBefore = PeakRssBytes(reset: true);

        var result = await new VipsDerivativeGenerator().GenerateAsync(request, Token);

        var managed = GC.GetAllocatedBytesForCurrentThread() - allocated;
        var peakGrowth = PeakRssBytes(reset: false) - peakBefore;
        Assert.Multiple(() =>
        {
            Assert.That(result.Succeeded, Is.False);
            Assert.That(result.Error, Does.Contain("30000×30000").And.Contain("MaxPixels").And.Contain("not decoded").And.Contain("original is kept"));
            Assert.That(result.Derivatives, Is.Empty);
            Assert.That(Directory.Exists(Path.Combine(request.RunDirectory, "web")) ? Directory.GetFiles(Path.Combine(request.RunDirectory, "web")) : [], Is.Empty);
            Assert.That(File.ReadAllBytes(request.Source.FullPath), Is.EqualTo(before));

            // A decode of 900 megapixels needs hundreds of MB at least; the header read needs almost nothing.
            Assert.That(managed, Is.LessThan(1 << 20), "managed bytes allocated");
            Assert.That(peakGrowth, Is.LessThan(64L << 20), "peak resident set growth");
        });
    }

    [Test]
    [Category("Slow")]
    public async Task GenerateAsync_30000SquarePng_RefusedUnder100Milliseconds()
    {
        using var temp = new TempRoot("ra-vips-");
        var huge = Images.HugePalettePng(temp.Combine("huge.png"), 30000, 30000);
        var generator = new VipsDerivativeGenerator();
        using (var warm = new TempRoot("ra-vips-"))
        {
            await generator.GenerateAsync(Requests.For(warm, Images.Save(Images.Flat(8, 8, [1, 2, 3]), warm.Combine("warm.png")), "image/png"), Token);
        }

        var times = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            var request = Requests.For(temp, huge, "image/png");
            var watch = Stopwatch.StartNew();
            var result = await generator.GenerateAsync(request, Token);
            times.Add(watch.Elapsed.TotalMilliseconds);
            Assert.That(result.Error, Does.Contain("MaxPixels"));
        }

        times.Sort();
        TestContext.Out.WriteLine($"refusal times (ms): {string.Join(", ", times.Select(t => t.ToString("F1", System.Globalization.CultureInfo.InvariantCulture)))}");
        Assert.That(times[2], Is.LessThan(100), "median refusal time in ms");
    }

    [Test]
    public async Task GenerateAsync_OverMaxPixelsOption_Refused()
    {
        using var temp = new TempRoot("ra-vips-");
        var request = Requests.For(temp, Images.Save(Images.Flat(300, 200, [1, 2, 3]), temp.Combine("in.png")), "image/png");

        var refused = await new VipsDerivativeGenerator(new VipsOptions { MaxPixels = 59_999 }).GenerateAsync(request, Token);
        var allowed = await new VipsDerivativeGenerator(new VipsOptions { MaxPixels = 60_000 }).GenerateAsync(request, Token);

        Assert.That(refused.Error, Does.Contain("300×200").And.Contain("60,000 pixels"));
        Assert.That(allowed.Succeeded, Is.True, allowed.Error);
    }

    [Test]
    public async Task GenerateAsync_OverMaxFrames_Refused()
    {
        using var temp = new TempRoot("ra-vips-");
        Images.Animated(temp.Combine("anim.gif"), 32, 32, [[200, 0, 0], [0, 200, 0], [0, 0, 200]]);
        var request = Requests.For(temp, temp.Combine("anim.gif"), "image/gif");

        var result = await new VipsDerivativeGenerator(new VipsOptions { MaxFrames = 2 }).GenerateAsync(request, Token);

        Assert.That(result.Error, Does.Contain("3 frames").And.Contain("MaxFrames"));
    }

    [Test]
    public async Task GenerateAsync_AnimationOverMaxPixelsInAll_WebCopyIsTheFirstFrameWithAWarning()
    {
        // 3 frames of 100×50: 15,000 pixels in all, 5,000 a frame.
        using var overTemp = new TempRoot("ra-vips-");
        using var withinTemp = new TempRoot("ra-vips-");
        byte[][] colours = [[220, 30, 30], [30, 200, 30], [30, 30, 220]];
        Images.Animated(overTemp.Combine("anim.gif"), 100, 50, [.. colours.Select(c => c.Select(b => (double)b).ToArray())]);
        File.Copy(overTemp.Combine("anim.gif"), withinTemp.Combine("anim.gif"));
        var overRequest = Requests.For(overTemp, overTemp.Combine("anim.gif"), "image/gif");
        var withinRequest = Requests.For(withinTemp, withinTemp.Combine("anim.gif"), "image/gif");

        var over = await new VipsDerivativeGenerator(new VipsOptions { MaxPixels = 14_999 }).GenerateAsync(overRequest, Token);
        var within = await new VipsDerivativeGenerator(new VipsOptions { MaxPixels = 15_000 }).GenerateAsync(withinRequest, Token);

        Assert.Multiple(() =>
        {
            Assert.That(over.Succeeded, Is.True, over.Error);
            Assert.That((over.Derivatives[0].Facts!.Animated, over.Derivatives[0].Facts!.FrameCount), Is.EqualTo(((bool?)false, (long?)1)), "still web copy");
            Assert.That(over.Warnings, Has.One.Contains("3 frames of 100×50").And.Contains("15,000 pixels in all").And.Contains("MaxPixels"));
            VipsDerivativeGeneratorTests.AssertNear(Images.Pixel(Path.Combine(overRequest.RunDirectory, "web/output_01.webp"), 50, 25), colours[0], 40, "the first frame");
            Assert.That((within.Derivatives[0].Facts!.Animated, within.Derivatives[0].Facts!.FrameCount), Is.EqualTo(((bool?)true, (long?)3)), "animated web copy");
            Assert.That(within.Warnings, Is.Empty);
        });
    }

    [TestCase(".jpg", "image/jpeg")]
    [TestCase(".png", "image/png")]
    public async Task GenerateAsync_Truncated_FailsByDefaultWithMessage(string extension, string mime)
    {
        using var temp = new TempRoot("ra-vips-");
        var path = Truncated(temp, extension);
        var request = Requests.For(temp, path, mime);
        var before = File.ReadAllBytes(request.Source.FullPath);

        var result = await new VipsDerivativeGenerator().GenerateAsync(request, Token);

        Assert.Multiple(() =>
        {
            Assert.That(result.Succeeded, Is.False);
            Assert.That(result.Error, Does.Contain("truncated or damaged").And.Contain("original is kept"));
            Assert.That(File.ReadAllBytes(request.Source.FullPath), Is.EqualTo(before));
        });
    }

    [TestCase(".jpg", "image/jpeg")]
    [TestCase(".png", "image/png")]
    public async Task GenerateAsync_TruncatedAllowed_DerivativesWithWarning(string extension, string mime)
    {
        using var temp = new TempRoot("ra-vips-");
        var request = Requests.For(temp, Truncated(temp, extension), mime);

        var result = await new VipsDerivativeGenerator(new VipsOptions { FailOnTruncation = false }).GenerateAsync(request, Token);

        Assert.Multiple(() =>
        {
            Assert.That(result.Succeeded, Is.True, result.Error);
            Assert.That(result.Warnings[0], Does.Contain("truncated or damaged").And.Contain("part that decodes"));

            // Then libvips' own messages about the damage, if any reached this job (see the next test).
            Assert.That(result.Warnings.Skip(1), Has.All.StartsWith("libvips, reading original/output_01" + extension + ": "));
            Assert.That(File.Exists(Path.Combine(request.RunDirectory, "web/output_01.webp")), Is.True);
        });
    }

    [Test]
    public async Task GenerateAsync_PngWithABrokenIccProfile_LibvipsWarningIsTheJobsNotStandardError()
    {
        // libpng, under libvips, logs "iCCP: profile 'icc': 0h: too short" through GLib, which prints it on the
        // process's standard error unless someone takes it: the package does, and the job that met it records it.
        using var temp = new TempRoot("ra-vips-");
        var png = File.ReadAllBytes(Images.Save(Images.Flat(64, 48, [200, 120, 40]), temp.Combine("plain.png")));
        var path = temp.Combine("broken-icc.png");
        File.WriteAllBytes(path, PngChunks.WithBrokenIccProfile(png));
        var request = Requests.For(temp, path, "image/png");

        var result = await new VipsDerivativeGenerator().GenerateAsync(request, Token);

        Assert.Multiple(() =>
        {
            Assert.That(result.Succeeded, Is.True, result.Error);
            Assert.That(result.Warnings, Has.Some.StartsWith("libvips, reading original/output_01.png: iCCP").And.Contain("too short"), string.Join("\n", result.Warnings));
            Assert.That(result.Warnings, Is.Unique);
            Assert.That(File.Exists(Path.Combine(request.RunDirectory, "web/output_01.webp")), Is.True);
        });
    }

    [Test]
    public async Task GenerateAsync_EmptyFile_FailsWithMessage()
    {
        using var temp = new TempRoot("ra-vips-");
        File.WriteAllBytes(temp.Combine("empty.png"), []);
        var request = Requests.For(temp, temp.Combine("empty.png"), "image/png");

        var result = await new VipsDerivativeGenerator().GenerateAsync(request, Token);

        Assert.That(result.Error, Does.Contain("empty (0 bytes)"));
    }

    [Test]
    public async Task GenerateAsync_GarbageBytes_FailsWithMessage()
    {
        using var temp = new TempRoot("ra-vips-");
        File.WriteAllBytes(temp.Combine("junk.png"), [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 37))]);
        var request = Requests.For(temp, temp.Combine("junk.png"), "image/png");

        var result = await new VipsDerivativeGenerator().GenerateAsync(request, Token);

        Assert.That(result.Error, Does.StartWith("libvips cannot read original/output_01.png"));
    }

    [Test]
    public async Task GenerateAsync_TiffNamedPng_LoaderBlocked()
    {
        using var temp = new TempRoot("ra-vips-");
        using (var image = Images.Flat(64, 64, [10, 20, 30]))
        {
            Images.Save(image, temp.Combine("in.tif"));
        }

        File.Move(temp.Combine("in.tif"), temp.Combine("disguised.png"));
        var request = Requests.For(temp, temp.Combine("disguised.png"), "image/png");

        var result = await new VipsDerivativeGenerator().GenerateAsync(request, Token);

        Assert.That(result.Error, Does.Contain("only JPEG, PNG, WebP and GIF are read"));
    }

    [Test]
    public void CanHandle_OtherImageTypes_False()
    {
        var generator = new VipsDerivativeGenerator();
        DerivativeSource Source(string mime, Records.AssetKind kind) => new() { FullPath = "/x", RelativePath = "original/x", Stem = "x", MimeType = mime, Kind = kind };

        Assert.Multiple(() =>
        {
            Assert.That(generator.CanHandle(Source("image/png", Records.AssetKind.Image)), Is.True);
            Assert.That(generator.CanHandle(Source("image/tiff", Records.AssetKind.Image)), Is.False);
            Assert.That(generator.CanHandle(Source("image/svg+xml", Records.AssetKind.Image)), Is.False);
            Assert.That(generator.CanHandle(Source("video/mp4", Records.AssetKind.Video)), Is.False);
        });
    }

    [Test]
    public void GenerateAsync_AlreadyCancelled_Throws()
    {
        using var temp = new TempRoot("ra-vips-");
        var request = Requests.For(temp, Images.Save(Images.Flat(64, 64, [1, 2, 3]), temp.Combine("in.png")), "image/png");
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.That(async () => await new VipsDerivativeGenerator().GenerateAsync(request, cancelled.Token), Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    [Category("Slow")]
    public async Task GenerateAsync_CancelledWhileDecoding_StopsWithOperationCanceled()
    {
        using var temp = new TempRoot("ra-vips-");
        using (var noise = NetVips.Image.Gaussnoise(9000, 9000, sigma: 60, mean: 128))
        using (var rgb = noise.Bandjoin(noise, noise).Cast(NetVips.Enums.BandFormat.Uchar))
        {
            rgb.Pngsave(temp.Combine("big.png"), compression: 1);
        }

        var request = Requests.For(temp, temp.Combine("big.png"), "image/png");
        var generator = new VipsDerivativeGenerator();
        var full = Stopwatch.StartNew();
        var completed = await generator.GenerateAsync(request, Token);
        full.Stop();
        Assert.That(completed.Succeeded, Is.True, completed.Error);

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Token);
        cts.CancelAfter(full.Elapsed / 5);
        var watch = Stopwatch.StartNew();
        Assert.That(async () => await generator.GenerateAsync(Requests.For(temp, temp.Combine("big.png"), "image/png"), cts.Token), Throws.InstanceOf<OperationCanceledException>());
        TestContext.Out.WriteLine($"full run {full.Elapsed.TotalMilliseconds:F0} ms, cancelled run returned after {watch.Elapsed.TotalMilliseconds:F0} ms");
        Assert.That(watch.Elapsed, Is.LessThan(full.Elapsed * 0.8), "the kill stopped libvips before the end");
    }

    private static string Truncated(TempRoot temp, string extension)
    {
        using var noise = NetVips.Image.Gaussnoise(600, 400, sigma: 50, mean: 128);
        using var rgb = noise.Bandjoin(noise, noise).Cast(NetVips.Enums.BandFormat.Uchar);
        var whole = Images.Save(rgb, temp.Combine("whole" + extension));
        var bytes = File.ReadAllBytes(whole);
        var path = temp.Combine("cut" + extension);
        File.WriteAllBytes(path, bytes[..(bytes.Length * 6 / 10)]);
        return path;
    }

    /// <summary>VmHWM of this process; writing 5 to clear_refs resets it to the current resident size (Linux).</summary>
    private static long PeakRssBytes(bool reset)
    {
        if (reset)
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }

        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }
}
