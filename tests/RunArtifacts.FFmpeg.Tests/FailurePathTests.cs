using System.Diagnostics;
using Microsoft.Extensions.Options;
using RunArtifacts.FFmpeg.Tests.Support;
using RunArtifacts.Records;
using RunArtifacts.Storage;

namespace RunArtifacts.FFmpeg.Tests;

/// <summary>Missing, failing and hanging ffmpeg, played by a small shell script (no mocks).</summary>
[CancelAfter(60_000)]
public class FailurePathTests
{
    private static CancellationToken Token => TestContext.CurrentContext.CancellationToken;

    [Test]
    public async Task GenerateAsync_FFmpegMissing_ReturnsOneWarningNamingWhereItLooked()
    {
        using var temp = new TempRoot("ra-ffmpeg-");
        var missing = temp.Combine("nowhere", "ffmpeg");
        var png = await Media.ImageAsync(temp.Combine("a.png"), "testsrc2=s=64x64", Token);

        var result = await new FFmpegDerivativeGenerator(new FFmpegOptions { FFmpegPath = missing }).GenerateAsync(Requests.For(temp, png, AssetKind.Image), Token);

        Assert.Multiple(() =>
        {
            Assert.That(result.Succeeded, Is.True);
            Assert.That(result.Derivatives, Is.Empty);
            Assert.That(result.Warnings.Single(), Does.Contain(missing).And.Contain("ffmpeg was not found"));
        });
    }

    [Test]
    public void GenerateAsync_FFmpegMissingOnPath_SaysPathWasSearchedWithoutListingIt()
    {
        using var temp = new TempRoot("ra-ffmpeg-");
        var generator = new FFmpegDerivativeGenerator(new FFmpegOptions { FFmpegPath = "ffmpeg-that-does-not-exist" });

        var message = generator.GenerateAsync(Requests.For(temp, CreateDummy(temp), AssetKind.Image)).Result.Warnings.Single();

        Assert.That(message, Does.Contain("'ffmpeg-that-does-not-exist' in the ").And.Contain("folder(s) on PATH"));
        Assert.That(message, Does.Not.Contain("/usr/bin"), "the PATH folders are machine detail and must not reach run.json");
    }

    [Test]
    public async Task Store_FFmpegMissing_TwoOutputs_RecordOneWarningAndKeepOriginals()
    {
        using var temp = new TempRoot("ra-ffmpeg-");
        var a = await Media.ImageAsync(temp.Combine("a.png"), "testsrc2=s=64x64", Token);
        var b = await Media.ImageAsync(temp.Combine("b.png"), "testsrc2=s=32x32", Token);
        var options = new RunArtifactsOptions { Root = temp.Combine("root"), FlushToDisk = false };
        options.Derivatives.AddFFmpeg(o => o.FFmpegPath = temp.Combine("nowhere", "ffmpeg"));

        var run = await new RunArtifactStore(options).CreateRun("m").AddOutput(a).AddOutput(b).CommitAsync(Token);

        var warning = run.Warnings.Where(w => w.Message.Contains("ffmpeg was not found", StringComparison.Ordinal)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(warning, Has.Count.EqualTo(1));
            Assert.That(warning[0].Path, Is.Null, "it concerns every file");
            Assert.That(File.Exists(Path.Combine(run.FullPath, "original/output_01.png")) && File.Exists(Path.Combine(run.FullPath, "original/output_02.png")), Is.True);
            Assert.That(run.Run.Outputs[0].Width, Is.EqualTo(64), "images are still probed without ffmpeg");
        });
    }

    [Test]
    public void Validate_RequiredAndFFmpegMissing_FailsWithClearMessage()
    {
        using var temp = new TempRoot("ra-ffmpeg-");
        var options = new RunArtifactsOptions { Root = temp.Combine("root") };
        options.Derivatives.AddFFmpeg(o =>
        {
            o.FFmpegPath = temp.Combine("nowhere", "ffmpeg");
            o.Required = true;
        });

        var ex = Assert.Throws<OptionsValidationException>(options.Validate);
        Assert.That(ex!.Message, Does.Contain("ffmpeg was not found").And.Contain(temp.Combine("nowhere", "ffmpeg")).And.Contain("required"));
    }

    [Test]
    public void Validate_AddFFmpegTwice_OnlyTheLastRegistrationCounts()
    {
        using var temp = new TempRoot("ra-ffmpeg-");
        var options = new RunArtifactsOptions { Root = temp.Combine("root") };
        options.Derivatives.AddFFmpeg(o =>
        {
            o.FFmpegPath = temp.Combine("nowhere", "ffmpeg");
            o.Required = true;
        });
        options.Derivatives.AddFFmpeg();

        Assert.DoesNotThrow(options.Validate);
        Assert.That(options.Derivatives.Count, Is.EqualTo(1));
        Assert.That(options.Derivatives.Probers, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task GenerateAsync_FFmpegExitsNonZero_FailsWithItsMessage()
    {
        using var temp = new TempRoot("ra-ffmpeg-");
        var fake = FakeTool.Fail(temp.Combine("bin"), "Invalid data found when processing input");
        var png = await Media.ImageAsync(temp.Combine("a.png"), "testsrc2=s=64x64", Token);

        var result = await new FFmpegDerivativeGenerator(new FFmpegOptions { FFmpegPath = fake }).GenerateAsync(Requests.For(temp, png, AssetKind.Image), Token);

        Assert.That(result.Error, Does.Contain("exited with code 1").And.Contain("Invalid data found"));
    }

    [Test]
    [Category("Slow")]
    public async Task GenerateAsync_Cancelled_KillsTheProcessTree()
    {
        using var temp = new TempRoot("ra-ffmpeg-");
        var pidFile = temp.Combine("child.pid");
        var fake = FakeTool.Hang(temp.Combine("bin"), pidFile);
        var png = await Media.ImageAsync(temp.Combine("a.png"), "testsrc2=s=64x64", Token);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var generator = new FFmpegDerivativeGenerator(new FFmpegOptions { FFmpegPath = fake });

        var task = generator.GenerateAsync(Requests.For(temp, png, AssetKind.Image), cts.Token);
        var child = await WaitForPidAsync(pidFile);
        var clock = Stopwatch.StartNew();
        await cts.CancelAsync();

        await Assert.ThrowsAsync(Is.InstanceOf<OperationCanceledException>(), async () => await task);
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(120)), "cancellation does not wait for the child (which sleeps 600 s)");
        Assert.That(FakeTool.IsAlive(child), Is.False, "the child 'sleep' was killed with its parent");
    }

    [Test]
    [Category("Slow")]
    public async Task Store_HangingFFmpeg_HitsTimeoutAndCommitsWithWarning()
    {
        using var temp = new TempRoot("ra-ffmpeg-");
        var pidFile = temp.Combine("child.pid");
        var fake = FakeTool.Hang(temp.Combine("bin"), pidFile);
        var png = await Media.ImageAsync(temp.Combine("a.png"), "testsrc2=s=64x64", Token);
        var options = new RunArtifactsOptions { Root = temp.Combine("root"), FlushToDisk = false, DerivativeTimeout = TimeSpan.FromSeconds(1) };
        options.Derivatives.AddFFmpeg(o => o.FFmpegPath = fake);
        var clock = Stopwatch.StartNew();

        var run = await new RunArtifactStore(options).CreateRun("m").AddOutput(png).CommitAsync(Token);

        Assert.Multiple(() =>
        {
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(120)), "the 1 s timeout, not the child's 600 s sleep, ended it");
            Assert.That(run.Warnings.Select(w => w.Message), Has.Some.Contains("timed out"));
            Assert.That(run.Run.Outputs[0].Derivatives, Is.Empty);
            Assert.That(File.Exists(Path.Combine(run.FullPath, "original/output_01.png")), Is.True);
            Assert.That(FakeTool.IsAlive(int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture)), Is.False);
        });
    }

    [Test]
    public async Task Store_RequiredGeneratorFails_FailsTheCommitWithNothingPublished()
    {
        using var temp = new TempRoot("ra-ffmpeg-");
        var fake = FakeTool.Fail(temp.Combine("bin"), "boom");
        var png = await Media.ImageAsync(temp.Combine("a.png"), "testsrc2=s=64x64", Token);
        var options = new RunArtifactsOptions { Root = temp.Combine("root"), FlushToDisk = false };
        options.Derivatives.AddFFmpeg(o =>
        {
            o.FFmpegPath = fake;
            o.Required = true;
        });
        var store = new RunArtifactStore(options);

        var ex = await Assert.ThrowsAsync<ArtifactCommitException>(async () => await store.CreateRun("m").AddOutput(png).CommitAsync(Token));

        Assert.That(ex!.Message, Does.Contain("boom"));
        Assert.That(store.ReadIndex().Entries, Is.Empty);
    }

    private static async Task<int> WaitForPidAsync(string pidFile)
    {
        for (var i = 0; i < 200; i++)
        {
            if (File.Exists(pidFile) && int.TryParse((await File.ReadAllTextAsync(pidFile)).Trim(), out var pid))
            {
                return pid;
            }

            await Task.Delay(25);
        }

        Assert.Fail("the fake ffmpeg never started");
        return 0;
    }

    private static string CreateDummy(TempRoot temp)
    {
        var path = temp.Combine("dummy.png");
        File.WriteAllBytes(path, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        return path;
    }
}
