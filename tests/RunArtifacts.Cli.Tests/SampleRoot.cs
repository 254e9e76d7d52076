using RunArtifacts.Records;
using RunArtifacts.Storage;

namespace RunArtifacts.Cli.Tests;

/// <summary>
/// A real run root made through the library: runs one day apart ending yesterday, of two models, with thumbnails and
/// posters where the derivative generator made them and only originals where it did not, a video, a failed and a
/// cancelled run.
/// </summary>
public sealed class SampleRoot : IDisposable
{
    private readonly TempRoot temp = new("ra-cli-");

    private SampleRoot()
    {
    }

    public string Root => temp.Combine("root");

    public string Temp => temp.Path;

    /// <summary>Newest first, as <c>ls</c> prints them.</summary>
    public List<CommittedRun> Runs { get; } = [];

    public CommittedRun Failed => Runs.Single(r => r.Status == RunStatus.Failed);

    public CommittedRun Cancelled => Runs.Single(r => r.Status == RunStatus.Cancelled);

    public CommittedRun Video => Runs.Single(r => r.Run.Outputs.Any(o => o.Kind == AssetKind.Video));

    public static async Task<SampleRoot> CreateAsync(bool withVideo = true)
    {
        var sample = new SampleRoot();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(-8).AddMinutes(-1));
        var store = Some.Store(sample.Root, o => o.Derivatives.Add(new TestDerivatives()).AddProber(new TestProber()), clock);
        var plain = Some.Store(sample.Root, time: clock);
        var media = sample.temp.Combine("media");
        Directory.CreateDirectory(media);

        async Task<CommittedRun> Commit(Func<RunArtifactStore, Task<CommittedRun>> make, RunArtifactStore? s = null)
        {
            clock.Advance(TimeSpan.FromDays(1));
            var run = await make(s ?? store);
            sample.Runs.Insert(0, run);
            return run;
        }

        var lighthouse = sample.temp.File("media/lighthouse.png", Some.Png(320, 180, 1));
        var portrait = sample.temp.File("media/portrait.png", Some.Png(180, 240, 2));
        var reference = sample.temp.File("media/reference.png", Some.Png(64, 64, 3));

        await Commit(s => s.CreateRun("nano_banana_pro").WithSlug("lighthouse").WithPrompt("a lighthouse at dusk, cinematic").AddInput(reference, "reference").AddOutput(lighthouse).AddOutput(portrait).AddTags("cinematic", "coast").CommitAsync());
        await Commit(s => s.CreateRun("flux_dev").WithSlug("forest").WithPrompt("a misty forest at dawn").AddOutput(portrait).AddTags("nature").CommitAsync());
        await Commit(s => s.CreateRun("nano_banana_pro").WithSlug("rate limited").WithPrompt("the lighthouse at night").AddInput(reference, "reference").AddTags("coast").Failed(FailureKinds.RateLimited, "Provider answered 429: rate limit exceeded", httpStatus: 429, stage: "submit").CommitAsync());
        await Commit(s => s.CreateRun("flux_dev").WithSlug("no derivatives").WithPrompt("a red barn in snow").AddOutput(lighthouse).AddTags("nature", "winter").CommitAsync(), plain);
        if (withVideo)
        {
            var clip = await Ffmpeg.VideoAsync(Path.Combine(media, "clip.mp4"));
            await Commit(s => s.CreateRun("kling_v2").WithSlug("pan").WithTaskMode("image_to_video").WithPrompt("slow pan across the lighthouse").AddInput(lighthouse, "first_frame").AddOutput(clip).AddTags("video", "coast").CommitAsync());
        }

        await Commit(s => s.CreateRun("flux_dev").WithSlug("stopped").WithPrompt("a city skyline").AddTags("city").Cancelled("the user stopped it").CommitAsync());
        return sample;
    }

    public string RunFolder(CommittedRun run) => Path.Combine(Root, run.RunPath);

    /// <summary>
    /// A byte-for-byte copy of the root in a folder of its own, with the same runs, for a test that changes the root:
    /// copying costs milliseconds where committing the runs again (each derivative and probe a real ffmpeg process) costs
    /// more than a second. Run folders, records and the index hold only paths relative to the root.
    /// </summary>
    public SampleRoot Copy()
    {
        var copy = new SampleRoot();
        CopyFolder(Root, copy.Root);
        copy.Runs.AddRange(Runs);
        return copy;
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var folder in Directory.EnumerateDirectories(from))
        {
            CopyFolder(folder, Path.Combine(to, Path.GetFileName(folder)));
        }
    }

    public void Dispose() => temp.Dispose();
}
