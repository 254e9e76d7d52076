using System.Text;
using System.Text.Json.Nodes;
using RunArtifacts.IO.Internal;
using RunArtifacts.NUnit;
using RunArtifacts.Records;
using RunArtifacts.Storage.Internal;

namespace RunArtifacts.Tests.Storage;

public class CommitTests
{
    private static readonly DateTimeOffset Fixed = new(2026, 3, 26, 21, 45, 12, 123, TimeSpan.Zero);

    [Test]
    public async Task CommitAsync_SucceededRun_WritesWholeBundleWithRelativePathsAndHashes()
    {
        using var temp = new TempRoot();
        var store = Some.Store(temp.Combine("root"), time: new FakeTimeProvider(Fixed));
        var outA = temp.File("src/a.png", Some.Png(32, 24, 1));
        var outB = temp.File("src/b.png", Some.Png(16, 16, 2));
        var reference = temp.File("src/ref.png", Some.Png(8, 8, 3));

        var run = await store.CreateRun("Nano Banana Pro")
            .WithSlug("Cinematic v01")
            .WithPrompt("a lighthouse   at\n dusk")
            .AddInput(reference, role: "reference")
            .AddInput(Encoding.UTF8.GetBytes("motion"), "motion.txt", role: "motion")
            .AddOutput(outA)
            .AddOutput(outB)
            .AddTags("a", "b", "a")
            .CommitAsync();

        Assert.That(run.RunId, Is.EqualTo("20260326_214512_nano_banana_pro_cinematic_v01"));
        Assert.That(run.RunPath, Is.EqualTo("2026-03-26/20260326_214512_nano_banana_pro_cinematic_v01"));
        var record = BundleAssert.IsWhole(run.FullPath);
        Assert.That(record.Inputs.Select(i => i.RelativePath), Is.EqualTo(new[] { "inputs/ref_01.png", "inputs/motion_01.txt" }));
        Assert.That(record.Outputs.Select(o => o.RelativePath), Is.EqualTo(new[] { "original/output_01.png", "original/output_02.png" }));
        Assert.That(record.Outputs[0].Sha256, Is.EqualTo(BundleAssert.Sha256(outA)));
        Assert.That(File.ReadAllBytes(Path.Combine(run.FullPath, "original/output_01.png")), Is.EqualTo(File.ReadAllBytes(outA)), "byte-for-byte");
        Assert.That(record.Tags, Is.EqualTo(new[] { "a", "b" }));
        Assert.That(run.Manifest.HeroOriginal, Is.EqualTo("original/output_01.png"));
        Assert.That(run.Manifest.PromptSummary, Is.EqualTo("a lighthouse at dusk"));
        Assert.That(run.Manifest.HasImage, Is.True);
        var json = File.ReadAllText(Path.Combine(run.FullPath, "run.json"));
        Assert.That(json, Does.Not.Contain(temp.Path), "no absolute path of this machine");
        Assert.That(json, Does.Contain("\"created_at\": \"2026-03-26T21:45:12.123000Z\""));
        Assert.That(File.ReadAllText(Path.Combine(run.FullPath, "prompt.txt")), Is.EqualTo("a lighthouse   at\n dusk"));
        Assert.That(Directory.GetFileSystemEntries(Path.Combine(temp.Combine("root"), ".staging")), Is.Empty, "staging cleaned");
    }

    [Test]
    public async Task CommitAsync_FailedRunFromException_RecordsShapedErrorAndKeepsInputs()
    {
        using var temp = new TempRoot();
        var store = Some.Store(temp.Combine("root"));
        var reference = temp.File("ref.png", Some.Png());
        var failure = new HttpRequestException("Too Many Requests", null, System.Net.HttpStatusCode.TooManyRequests);

        var run = await store.CreateRun("kling")
            .WithPrompt("a cat")
            .WithRequest("""{"prompt":"a cat","api_key":"sk-abcdefghijklmnopqrstuvwx"}""")
            .AddInput(reference)
            .Failed(failure, stage: "submit")
            .CommitAsync();

        Assert.That(run.Status, Is.EqualTo(RunStatus.Failed));
        var record = BundleAssert.IsWhole(run.FullPath);
        Assert.That(record.Errors, Has.Count.EqualTo(1));
        Assert.That(record.Errors[0].Kind, Is.EqualTo(FailureKinds.RateLimited));
        Assert.That(record.Errors[0].HttpStatus, Is.EqualTo(429));
        Assert.That(record.Errors[0].Stage, Is.EqualTo("submit"));
        Assert.That(record.Errors[0].ExceptionType, Is.EqualTo(typeof(HttpRequestException).FullName));
        Assert.That(record.Outputs, Is.Empty);
        Assert.That(run.IndexEntry.ErrorKind, Is.EqualTo("rate_limited"));
        Assert.That(File.ReadAllText(Path.Combine(run.FullPath, "request.json")), Does.Not.Contain("sk-abcdefghijklmnopqrstuvwx"));
        Assert.That(store.ReadIndex().Entries.Single().Status, Is.EqualTo(RunStatus.Failed));
    }

    [Test]
    public async Task CommitAsync_PromptOnlyCancelledRun_IsABundleToo()
    {
        using var temp = new TempRoot();
        var store = Some.Store(temp.Combine("root"));

        var run = await store.CreateRun("m").WithPrompt("p").Cancelled("user pressed stop").CommitAsync();

        Assert.That(run.Status, Is.EqualTo(RunStatus.Cancelled));
        Assert.That(BundleAssert.IsWhole(run.FullPath).Errors.Single().Kind, Is.EqualTo(FailureKinds.Cancelled));
    }

    [Test]
    public async Task CommitAsync_HundredCommitsInOneSecond_GiveHundredDistinctWholeRuns()
    {
        using var temp = new TempRoot();
        var store = Some.Store(temp.Combine("root"), time: new FakeTimeProvider(Fixed));
        var ids = new List<string>();
        for (var i = 0; i < 100; i++)
        {
            var run = await store.CreateRun("same model").WithPrompt($"run {i}").AddOutput(Some.Bytes(64, i), "o.bin").CommitAsync();
            ids.Add(run.RunId);
        }

        Assert.That(ids.Distinct().Count(), Is.EqualTo(100));
        Assert.That(ids[0], Is.EqualTo("20260326_214512_same_model"));
        Assert.That(ids[1], Is.EqualTo("20260326_214512_same_model_2"));
        Assert.That(ids[99], Is.EqualTo("20260326_214512_same_model_100"));
        var folders = BundleAssert.RunFolders(temp.Combine("root"));
        Assert.That(folders, Has.Count.EqualTo(100));
        foreach (var folder in folders)
        {
            BundleAssert.IsWhole(folder);
        }

        Assert.That(store.ReadIndex().Entries.Select(e => e.RunId), Is.EquivalentTo(ids));
    }

    [Test]
    public async Task CommitAsync_ConcurrentCommitsInOneProcess_AllWholeOneIndexLineEach()
    {
        using var temp = new TempRoot();
        var store = Some.Store(temp.Combine("root"), time: new FakeTimeProvider(Fixed));

        var runs = await Task.WhenAll(Enumerable.Range(0, 24).Select(i =>
            Task.Run(() => store.CreateRun("m").AddOutput(Some.Bytes(4096, i), "o.bin").CommitAsync())));

        Assert.That(runs.Select(r => r.RunId).Distinct().Count(), Is.EqualTo(24));
        var lines = File.ReadAllLines(store.IndexPath);
        Assert.That(lines, Has.Length.EqualTo(24));
        Assert.That(store.ReadIndex().SkippedLines, Is.Zero);
    }

    [Test]
    public async Task CommitAsync_RenameCollisionDecidedAtPublish_RewritesIdInEveryRecord()
    {
        using var temp = new TempRoot();
        var root = temp.Combine("root");
        var store = Some.Store(root, time: new FakeTimeProvider(Fixed));
        // Another writer takes the name between the hint and the rename.
        store.FileSystem = new TakeNameFirst(Path.Combine(root, "2026-03-26", "20260326_214512_m"));

        var run = await store.CreateRun("m").AddOutput(Some.Png(), "o.png").CommitAsync();

        Assert.That(run.RunId, Is.EqualTo("20260326_214512_m_2"));
        var record = BundleAssert.IsWhole(run.FullPath);
        Assert.That(record.RunPath, Is.EqualTo("2026-03-26/20260326_214512_m_2"));
        Assert.That(File.ReadAllText(Path.Combine(run.FullPath, "original/output_01.png.clip.json")), Does.Contain("\"run_id\": \"20260326_214512_m_2\""));
    }

    [Test]
    public async Task CommitAsync_DiskFullAtPublish_PublishesNothingAndCleansStaging()
    {
        using var temp = new TempRoot();
        var root = temp.Combine("root");
        var store = Some.Store(root);
        store.FileSystem = new FailingPublish();

        var ex = await Assert.ThrowsAsync<ArtifactCommitException>(() => store.CreateRun("m").AddOutput(Some.Png(), "o.png").CommitAsync());

        Assert.That(ex!.Message, Does.Contain("No space left on device"));
        Assert.That(ex.Stage, Is.EqualTo(CommitStage.Publish));
        Assert.That(ex.Published, Is.False);
        Assert.That(BundleAssert.RunFolders(root), Is.Empty);
        Assert.That(Directory.GetFileSystemEntries(Path.Combine(root, ".staging")), Is.Empty);
        Assert.That(File.Exists(store.IndexPath), Is.False);
    }

    [Test]
    public async Task CommitAsync_TornLastIndexLine_NewLineStartsOnItsOwnLineAndReaderSkipsTheTornOne()
    {
        using var temp = new TempRoot();
        var store = Some.Store(temp.Combine("root"));
        var first = await store.CreateRun("m").WithPrompt("one").CommitAsync();
        File.AppendAllText(store.IndexPath, "{\"run_id\":\"20260101_000000_torn\",\"created_at\":\"2026-01-01T00:");

        Assert.That(store.ReadIndex().SkippedLines, Is.EqualTo(1));
        var second = await store.CreateRun("m").WithPrompt("two").CommitAsync();

        var all = store.ReadIndex();
        Assert.That(all.Entries.Select(e => e.RunId), Is.EqualTo(new[] { second.RunId, first.RunId }), "newest first, as with a limit");
        Assert.That(all.SkippedLines, Is.EqualTo(1));
        var newest = store.ReadIndex(new RunArtifacts.Index.IndexQuery { Limit = 5 });
        Assert.That(newest.Entries.Select(e => e.RunId), Is.EqualTo(new[] { second.RunId, first.RunId }));
        Assert.That(newest.SkippedLines, Is.EqualTo(1));
    }

    [Test]
    public async Task CommitAsync_HardLinkMode_LinksAndHashes()
    {
        using var temp = new TempRoot();
        var store = Some.Store(temp.Combine("root"), o => o.CopyMode = CopyMode.HardLink);
        var source = temp.File("big.bin", Some.Bytes(3 * 1024 * 1024 + 17));

        var run = await store.CreateRun("m").AddOutput(source).CommitAsync();

        var asset = BundleAssert.IsWhole(run.FullPath).Outputs[0];
        Assert.That(asset.HardLinked, Is.True);
        Assert.That(asset.Sha256, Is.EqualTo(BundleAssert.Sha256(source)));
    }

    [Test]
    public async Task CommitAsync_StreamInputLargerThanOneChunk_CopiedAndHashedExactly()
    {
        using var temp = new TempRoot();
        var store = Some.Store(temp.Combine("root"), o => o.FlushToDisk = true);
        var content = Some.Bytes((FileCopier.ChunkSize * 2) + 5);

        var run = await store.CreateRun("m").AddOutput(new MemoryStream(content), "clip.mp4").CommitAsync();

        var asset = run.Run.Outputs[0];
        Assert.That(asset.Bytes, Is.EqualTo(content.Length));
        Assert.That(asset.Sha256, Is.EqualTo(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content))));
        Assert.That(asset.RelativePath, Is.EqualTo("original/output_01.mp4"));
    }

    [Test]
    public async Task CommitAsync_StatusResponsesAndLogs_WrittenUnderLogsAndAccounted()
    {
        using var temp = new TempRoot();
        var store = Some.Store(temp.Combine("root"));

        var run = await store.CreateRun("m")
            .WithTaskId("task-1")
            .WithSubmitPayload("""{"prompt":"x"}""")
            .WithSubmitResponse("""{"id":"task-1"}""")
            .AddStatusResponse("""{"state":"running"}""")
            .AddStatusResponse("""{"state":"done"}""")
            .AddLog("worker", "plain text log\n")
            .AddLog("trace", new JsonObject { ["ok"] = true })
            .CommitAsync();

        var record = BundleAssert.IsWhole(run.FullPath);
        Assert.That(record.ProviderTrace!.StatusPaths, Is.EqualTo(new[] { "logs/status_response_01.json", "logs/status_response_final.json" }));
        Assert.That(record.ProviderTrace.FinalStatusPath, Is.EqualTo("logs/status_response_final.json"));
        Assert.That(record.Logs["worker"], Is.EqualTo("logs/worker.txt"));
        Assert.That(record.Logs["trace"], Is.EqualTo("logs/trace.json"));
        Assert.That(record.Captures.Select(c => c.Name), Is.EquivalentTo(new[] { "submit_payload", "submit_response", "status_response_01", "status_response_final", "worker", "trace" }));
    }

    [Test]
    public async Task Snapshot_WholeRunFolder_ScrubbedOfIdsTimesAndMachineFacts()
    {
        using var temp = new TempRoot();
        var store = Some.Store(temp.Combine("root"), time: new FakeTimeProvider(Fixed));
        var run = await store.CreateRun("nano_banana_pro")
            .WithSlug("snapshot")
            .WithProviderModel("google/nano-banana-pro")
            .WithTaskMode("text_to_image")
            .WithPrompt("a lighthouse at dusk", profile: "cinematic")
            .WithEnhancedPrompt("a lighthouse at dusk, warm light")
            .WithRequest("""{"prompt":"a lighthouse at dusk","headers":{"Authorization":"Bearer abcdefghijklmnop0123456789"}}""")
            .WithTaskId("task-42")
            .AddStatusResponse("""{"state":"success"}""")
            .AddInput(Encoding.UTF8.GetBytes("reference"), "ref.txt", role: "reference")
            .AddOutput(Encoding.UTF8.GetBytes("output bytes"), "image.png")
            .AddTags("snap")
            .WithSource(new SourceContextRecord { SourceType = "test", ProjectName = "runartifacts" })
            .WithOption("seed", 7)
            .WithOption("steps", 30, isDefault: true)
            .WithNotes("snapshot notes")
            .CommitAsync();

        // The package's bundle snapshot (RunArtifacts.NUnit): file list, records and texts, environment and times scrubbed;
        // run ids are kept because the clock is fixed.
        RunSnapshot.Verify(run, "Snapshots/CommitTests.WholeRunFolder", scrubRunIds: false);
    }

    private sealed class TakeNameFirst(string taken) : StoreFileSystem
    {
        public override bool TryPublish(string stagedDirectory, string finalDirectory)
        {
            if (!Directory.Exists(taken))
            {
                Directory.CreateDirectory(taken);
                File.WriteAllText(Path.Combine(taken, "run.json"), "{}");
            }

            return base.TryPublish(stagedDirectory, finalDirectory);
        }
    }

    private sealed class FailingPublish : StoreFileSystem
    {
        public override bool TryPublish(string stagedDirectory, string finalDirectory)
            => throw new IOException("No space left on device");
    }
}
