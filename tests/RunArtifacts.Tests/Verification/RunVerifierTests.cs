using System.Text.Json.Nodes;
using RunArtifacts.Schemas;
using RunArtifacts.Storage;
using RunArtifacts.Verification;

namespace RunArtifacts.Tests.Verification;

public class RunVerifierTests
{
    [Test]
    public async Task VerifyAsync_EveryShapeTheLibraryWrites_Passes()
    {
        using var temp = new TempRoot();
        var store = Bundles.StoreWithDerivatives(temp.Combine("root"));
        var runs = await Bundles.VarietyAsync(store, temp);

        var report = await new RunVerifier(store).VerifyAsync();

        Assert.That(report.Problems, Is.Empty, string.Join("\n", report.Problems));
        Assert.That(report.RunsVerified, Is.EqualTo(runs.Count));
        Assert.That(report.FilesHashed, Is.GreaterThan(10));
    }

    [Test]
    public async Task VerifyAsync_FlippedByteInOutput_ReportsSha256()
    {
        var (temp, store, run) = await OneRunAsync();
        using var _ = temp;
        var path = Path.Combine(run.FullPath, "original/output_01.png");
        var bytes = await File.ReadAllBytesAsync(path);
        bytes[bytes.Length / 2] ^= 0x01;
        await File.WriteAllBytesAsync(path, bytes);

        var report = await new RunVerifier(store).VerifyAsync();

        Assert.That(report.Passed, Is.False);
        Assert.That(report.Problems.Select(p => (p.RunId, p.File, p.Check)), Has.Member((run.RunId, "original/output_01.png", VerificationChecks.Sha256)));
        Assert.That(report.Problems.Where(p => p.Check != VerificationChecks.Sha256), Is.Empty, string.Join("\n", report.Problems));
    }

    [Test]
    public async Task VerifyAsync_DeletedDerivative_ReportsMissing()
    {
        var (temp, store, run) = await OneRunAsync();
        using var _ = temp;
        File.Delete(Path.Combine(run.FullPath, "thumb/output_02.png"));

        var report = await new RunVerifier(store).VerifyAsync();

        Assert.That(report.Problems.Select(p => (p.File, p.Check)), Has.Member(("thumb/output_02.png", VerificationChecks.Missing)));
    }

    [Test]
    public async Task VerifyAsync_ExtraFile_ReportsUnaccounted()
    {
        var (temp, store, run) = await OneRunAsync();
        using var _ = temp;
        await File.WriteAllTextAsync(Path.Combine(run.FullPath, "web/stray.txt"), "left behind");

        var report = await new RunVerifier(store).VerifyAsync();

        Assert.That(report.Problems.Select(p => (p.File, p.Check)), Is.EqualTo(new[] { ("web/stray.txt", VerificationChecks.Unaccounted) }));
    }

    [Test]
    public async Task VerifyAsync_RecordBrokenAgainstItsSchema_ReportsSchema()
    {
        var (temp, store, run) = await OneRunAsync();
        using var _ = temp;
        EditJson(Path.Combine(run.FullPath, "original/output_01.png.clip.json"), clip => clip["output"]!["bytes"] = "many");

        var report = await new RunVerifier(store).VerifyAsync();

        var schema = report.Problems.Where(p => p.Check == VerificationChecks.Schema).ToList();
        Assert.That(schema.Select(p => p.File), Is.EqualTo(new[] { "original/output_01.png.clip.json" }));
        Assert.That(schema[0].Message, Does.Contain("/output/bytes"));
    }

    [Test]
    public async Task VerifyAsync_PathWithDotDot_ReportsPath()
    {
        var (temp, store, run) = await OneRunAsync();
        using var _ = temp;
        EditJson(Path.Combine(run.FullPath, "run.json"), r => r["logs"]!["stdout"] = "../../escape.txt");

        var report = await new RunVerifier(store).VerifyAsync();

        Assert.That(report.Problems.Where(p => p.Check == VerificationChecks.Path).Select(p => p.File), Is.EqualTo(new[] { "run.json" }));
        Assert.That(report.Problems.Single(p => p.Check == VerificationChecks.Path).Message, Does.Contain("'..'"));
    }

    [Test]
    public async Task VerifyAsync_PlantedSecret_ReportsSecretWithoutItsValue()
    {
        var (temp, store, run) = await OneRunAsync();
        using var _ = temp;
        const string Secret = "ghp_0123456789abcdefghijklmnopqrstuvwxyzAB";
        await File.AppendAllTextAsync(Path.Combine(run.FullPath, "notes.md"), $"\ntoken: {Secret}\n");

        var report = await new RunVerifier(store).VerifyAsync();

        var secrets = report.Problems.Where(p => p.Check == VerificationChecks.Secret).ToList();
        Assert.That(secrets.Select(p => p.File).Distinct(), Is.EqualTo(new[] { "notes.md" }));
        Assert.That(secrets.Select(p => p.Message), Has.None.Contains(Secret));
    }

    [Test]
    public async Task VerifyAsync_IndexLineDisagreesWithManifest_ReportsIndex()
    {
        var (temp, store, run) = await OneRunAsync();
        using var _ = temp;
        var index = Path.Combine(store.RootPath, "index.jsonl");
        var line = JsonNode.Parse((await File.ReadAllLinesAsync(index)).Single())!;
        line["output_count"] = 7;
        await File.WriteAllTextAsync(index, line.ToJsonString() + "\n");

        var report = await new RunVerifier(store).VerifyAsync();

        Assert.That(report.Problems.Select(p => (p.File, p.Check)), Is.EqualTo(new[] { ("index.jsonl:1", VerificationChecks.Index) }));
        Assert.That(report.Problems[0].Message, Does.Contain("output_count"));
    }

    [Test]
    public async Task VerifyAsync_MissingIndexLine_ReportsIndex()
    {
        var (temp, store, run) = await OneRunAsync();
        using var _ = temp;
        await File.WriteAllTextAsync(Path.Combine(store.RootPath, "index.jsonl"), string.Empty);

        var report = await new RunVerifier(store).VerifyAsync();

        Assert.That(report.Problems.Select(p => (p.RunId, p.Check)), Is.EqualTo(new[] { (run.RunId, VerificationChecks.Index) }));
    }

    [Test]
    public async Task VerifyAsync_ViewSourceHashDisagreesWithClip_ReportsJoin()
    {
        var (temp, store, run) = await OneRunAsync();
        using var _ = temp;
        EditJson(Path.Combine(run.FullPath, "web/output_01.png.view.json"), v => v["source"]!["sha256"] = new string('a', 64));

        var report = await new RunVerifier(store).VerifyAsync();

        Assert.That(report.Problems.Select(p => (p.File, p.Check)), Has.Member(("web/output_01.png.view.json", VerificationChecks.Join)));
    }

    [Test]
    public async Task VerifyAsync_ManifestEdited_ReportsManifest()
    {
        var (temp, store, run) = await OneRunAsync();
        using var _ = temp;
        EditJson(Path.Combine(run.FullPath, "manifest.json"), m => m["prompt_summary"] = "something else");

        var report = await new RunVerifier(store).VerifyAsync();

        Assert.That(report.Problems.Select(p => (p.File, p.Check)), Has.Member(("manifest.json", VerificationChecks.Manifest)));
    }

    [Test]
    public async Task VerifyAsync_UnknownMajorVersion_ReportsReadNamingTheVersion()
    {
        var (temp, store, run) = await OneRunAsync();
        using var _ = temp;
        EditJson(Path.Combine(run.FullPath, "thumb/output_01.png.view.json"), v => v["schema_version"] = "2.0.0");

        var report = await new RunVerifier(store).VerifyAsync();

        var read = report.Problems.Single(p => p.Check == VerificationChecks.Read);
        Assert.That(read.File, Is.EqualTo("thumb/output_01.png.view.json"));
        Assert.That(read.Message, Does.Contain("2.0.0"));
    }

    [Test]
    public async Task VerifyAsync_NewerMinorWithUnknownField_Passes()
    {
        var (temp, store, run) = await OneRunAsync();
        using var _ = temp;
        EditJson(Path.Combine(run.FullPath, "original/output_01.png.clip.json"), c =>
        {
            c["schema_version"] = "1.7.0";
            c["added_in_1_7"] = "ok";
        });

        var report = await new RunVerifier(store).VerifyAsync();

        Assert.That(report.Problems, Is.Empty, string.Join("\n", report.Problems));
    }

    [TestCase(false, TestName = "VerifyAsync_RunWrittenByAnOlderMinor_IndexRebuiltSince_Passes")]
    [TestCase(true, TestName = "VerifyAsync_RunAndIndexWrittenByAnOlderMinor_Passes")]
    public async Task VerifyAsync_RecordsOfAnOlderMinor_Pass(bool indexToo)
    {
        // A root written by 1.0 (every record "1.0.0"), then read by this version, whose records are 1.1: the manifest and
        // the index line derived again from run.json differ from the stored ones in schema_version only. Both checks
        // reported that before, so every run of an older root failed verify.
        var (temp, store, run) = await OneRunAsync();
        using var _ = temp;
        var records = Directory.EnumerateFiles(run.FullPath, "*.json", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".clip.json", StringComparison.Ordinal) || f.EndsWith(".view.json", StringComparison.Ordinal) || Path.GetFileName(f) is "run.json" or "manifest.json")
            .ToList();
        Assert.That(records.Select(Path.GetFileName), Does.Contain("run.json").And.Contain("manifest.json").And.Contain("output_01.png.clip.json"));
        Assert.That(RecordSchemas.Version, Is.Not.EqualTo("1.0.0"));
        foreach (var record in records)
        {
            EditJson(record, r => r["schema_version"] = "1.0.0");
        }

        if (indexToo)
        {
            var index = Path.Combine(store.RootPath, "index.jsonl");
            var line = JsonNode.Parse((await File.ReadAllLinesAsync(index)).Single())!;
            line["schema_version"] = "1.0.0";
            await File.WriteAllTextAsync(index, line.ToJsonString() + "\n");
        }

        var report = await new RunVerifier(store).VerifyAsync();

        Assert.That(report.Problems, Is.Empty, string.Join("\n", report.Problems));
        Assert.That(report.RunsVerified, Is.EqualTo(1));
    }

    [Test]
    public async Task VerifyAsync_SameMinorWithUnknownField_ReportsSchema()
    {
        var (temp, store, run) = await OneRunAsync();
        using var _ = temp;
        EditJson(Path.Combine(run.FullPath, "original/output_01.png.clip.json"), c => c["typo_field"] = "x");

        var report = await new RunVerifier(store).VerifyAsync();

        Assert.That(report.Problems.Select(p => (p.File, p.Check)), Is.EqualTo(new[] { ("original/output_01.png.clip.json", VerificationChecks.Schema) }));
    }

    [Test]
    public async Task VerifyRunsAsync_SelectedIdsAndAnUnknownOne_StreamsInTheOrderGiven()
    {
        using var temp = new TempRoot();
        var store = Bundles.StoreWithDerivatives(temp.Combine("root"));
        var runs = await Bundles.VarietyAsync(store, temp);
        string[] ids = [runs[2].RunId, "20990101_000000_nope", runs[0].RunPath];

        var results = new List<RunVerificationResult>();
        await foreach (var r in new RunVerifier(store, new VerifyOptions { MaxParallelism = 3 }).VerifyRunsAsync(ids))
        {
            results.Add(r);
        }

        Assert.That(results.Select(r => r.RunId), Is.EqualTo(new[] { runs[2].RunId, "20990101_000000_nope", runs[0].RunId }));
        Assert.That(results.Select(r => r.Passed), Is.EqualTo(new[] { true, false, true }));
        Assert.That(results[1].Problems.Single().Check, Is.EqualTo(VerificationChecks.Missing));
    }

    [Test]
    public async Task VerifyAsync_ManyRuns_ReportsProgressForEach()
    {
        using var temp = new TempRoot();
        var store = Some.Store(temp.Combine("root"));
        for (var i = 0; i < 12; i++)
        {
            await store.CreateRun("m").WithSlug("r" + i).AddOutput(Some.Bytes(1000 + i, i), "o.bin").CommitAsync();
        }

        var seen = new List<VerifyProgress>();
        var report = await new RunVerifier(store, new VerifyOptions { MaxParallelism = 4 }).VerifyAsync(progress: new SyncProgress<VerifyProgress>(seen.Add));

        Assert.That(report.Passed, Is.True, string.Join("\n", report.Problems));
        Assert.That(seen.Select(p => p.RunsDone), Is.EqualTo(Enumerable.Range(1, 12)));
        Assert.That(seen[^1].RunsTotal, Is.EqualTo(12));
        Assert.That(seen[^1].BytesHashed, Is.EqualTo(report.BytesHashed));
    }

    [Test]
    [Repeat(25)]
    public async Task VerifyRunsAsync_ConsumerStopsEarly_EndsCleanly()
    {
        using var temp = new TempRoot();
        var store = Some.Store(temp.Combine("root"));
        for (var i = 0; i < 8; i++)
        {
            await store.CreateRun("m").WithSlug("r" + i).AddOutput(Some.Bytes(100, i), "o.bin").CommitAsync();
        }

        var taken = new List<string>();
        async Task ConsumeTwoAsync()
        {
            await foreach (var r in new RunVerifier(store, new VerifyOptions { MaxParallelism = 2 }).VerifyRunsAsync())
            {
                taken.Add(r.RunId);
                if (taken.Count == 2)
                {
                    break;
                }
            }
        }

        // A leaked slot would make the enumerator's cleanup wait forever: fail instead of hanging the suite.
        await ConsumeTwoAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.That(taken, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task VerifyRunAsync_OneFolderOutsideTheRoot_ChecksItWithoutIndex()
    {
        using var temp = new TempRoot();
        var store = Bundles.StoreWithDerivatives(temp.Combine("root"));
        var run = await Bundles.SucceededWithDerivativesAsync(store, temp);
        var copy = temp.Combine("elsewhere", "2026-01-01", run.RunId);
        Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
        Directory.Move(run.FullPath, copy);

        var result = await new RunVerifier(store).VerifyRunAsync(copy);

        Assert.That(result.Problems.Select(p => p.Check).Distinct(), Is.EqualTo(new[] { VerificationChecks.Join }), "only run_path disagrees: " + string.Join("\n", result.Problems));
    }

    [Test]
    public async Task VerifyAsync_SymbolicLinkInTheRun_ReportsPath()
    {
        var (temp, store, run) = await OneRunAsync();
        using var _ = temp;
        File.CreateSymbolicLink(Path.Combine(run.FullPath, "logs/escape.txt"), "/etc/hostname");

        var report = await new RunVerifier(store).VerifyAsync();

        Assert.That(report.Problems.Select(p => (p.File, p.Check)), Is.EqualTo(new[] { ("logs/escape.txt", VerificationChecks.Path) }));
    }

    [Test]
    public async Task VerifyAsync_FifoInTheRunAndInPlaceOfARecord_ReportedNeverOpened()
    {
        // Opening a FIFO blocks until a writer comes: a hostile run folder used to hang verify for ever.
        Assume.That(OperatingSystem.IsLinux(), "mkfifo");
        var (temp, store, run) = await OneRunAsync();
        using var _ = temp;
        await ChildProcess.RunCheckedAsync("mkfifo", [Path.Combine(run.FullPath, "logs/pipe.txt")]);
        File.Move(Path.Combine(run.FullPath, "notes.md"), temp.Combine("notes.md"));
        await ChildProcess.RunCheckedAsync("mkfifo", [Path.Combine(run.FullPath, "notes.md")]);

        var report = await new RunVerifier(store).VerifyAsync().WaitAsync(TimeSpan.FromMinutes(2));

        Assert.That(report.Problems.Where(p => p.Check == VerificationChecks.Path).Select(p => p.File), Is.EquivalentTo(new[] { "logs/pipe.txt", "notes.md" }), string.Join("\n", report.Problems));
        Assert.That(report.Problems.Single(p => p.File == "logs/pipe.txt").Message, Does.Contain("not a regular file"));
    }

    [Test]
    public async Task VerifyAsync_HashingOff_ChecksSizesAndPasses()
    {
        using var temp = new TempRoot();
        var store = Some.Store(temp.Combine("root"), o => o.ComputeSha256 = false);
        var run = await Bundles.SucceededWithoutDerivativesAsync(store, temp);
        var clean = await new RunVerifier(store).VerifyAsync();
        await File.AppendAllTextAsync(Path.Combine(run.FullPath, "original/output_01.png"), "x");

        var grown = await new RunVerifier(store).VerifyAsync();

        Assert.That(clean.Problems, Is.Empty, string.Join("\n", clean.Problems));
        Assert.That(clean.FilesHashed, Is.Zero);
        Assert.That(grown.Problems.Select(p => (p.File, p.Check)).Distinct(), Is.EqualTo(new[] { ("original/output_01.png", VerificationChecks.Size) }));
    }

    [Test]
    public async Task VerifyAsync_LargeFilesFlippedAndStray_ReportsEachAndNothingElse()
    {
        // Files over 1 MiB are hashed from the start of a run's check, beside the records' checks: the verdicts are the same.
        using var temp = new TempRoot();
        var store = Some.Store(temp.Combine("root"));
        var run = await LargeOutputsRunAsync(store, temp);
        var clean = await new RunVerifier(store, new VerifyOptions { MaxParallelism = 1 }).VerifyAsync();
        var flipped = Path.Combine(run.FullPath, "original/output_02.bin");
        var bytes = await File.ReadAllBytesAsync(flipped);
        bytes[^1] ^= 0x01;
        await File.WriteAllBytesAsync(flipped, bytes);
        await File.WriteAllBytesAsync(Path.Combine(run.FullPath, "original/stray.bin"), new byte[3 * 1024 * 1024]);

        var report = await new RunVerifier(store).VerifyAsync();

        Assert.That(clean.Problems, Is.Empty, string.Join("\n", clean.Problems));
        Assert.That(clean.BytesHashed, Is.GreaterThan(4L * 1024 * 1024));
        Assert.That(
            report.Problems.Select(p => (p.File, p.Check)).Distinct(),
            Is.EquivalentTo(new[] { ("original/stray.bin", VerificationChecks.Unaccounted), ("original/output_02.bin", VerificationChecks.Sha256) }),
            string.Join("\n", report.Problems));
        Assert.That(report.FilesHashed, Is.EqualTo(clean.FilesHashed), "a file no record names is not counted as hashed");
    }

    [Test]
    public async Task VerifyAsync_LargeFilesWithoutRecordedHashes_ChecksSizesOnly()
    {
        using var temp = new TempRoot();
        var store = Some.Store(temp.Combine("root"), o => o.ComputeSha256 = false);
        var run = await LargeOutputsRunAsync(store, temp);
        var clean = await new RunVerifier(store).VerifyAsync();
        await File.AppendAllTextAsync(Path.Combine(run.FullPath, "original/output_01.bin"), "x");

        var grown = await new RunVerifier(store).VerifyAsync();

        Assert.That(clean.Problems, Is.Empty, string.Join("\n", clean.Problems));
        Assert.That((clean.FilesHashed, clean.BytesHashed), Is.EqualTo((0, 0L)), "a hash begun before the records said there is none is stopped and not counted");
        Assert.That(grown.Problems.Select(p => (p.File, p.Check)).Distinct(), Is.EqualTo(new[] { ("original/output_01.bin", VerificationChecks.Size) }));
    }

    [Test]
    public async Task VerifyAsync_LargeOutputsWithoutManifest_ReportsTheMissingRecord()
    {
        using var temp = new TempRoot();
        var store = Some.Store(temp.Combine("root"));
        var run = await LargeOutputsRunAsync(store, temp);
        File.Delete(Path.Combine(run.FullPath, "manifest.json"));

        var report = await new RunVerifier(store).VerifyAsync();

        Assert.That(report.Problems.Select(p => (p.File, p.Check)), Has.Member(("manifest.json", VerificationChecks.Missing)), string.Join("\n", report.Problems));
        Assert.That(report.Passed, Is.False);
    }

    [Test]
    public void VerifyAsync_CancelledWhileLargeFilesHash_ThrowsAndLeavesNothingRunning()
    {
        using var temp = new TempRoot();
        var store = Some.Store(temp.Combine("root"));
        Assert.That(async () =>
        {
            await LargeOutputsRunAsync(store, temp);
            await LargeOutputsRunAsync(store, temp);
            using var cancel = new CancellationTokenSource();
            var progress = new SyncProgress<VerifyProgress>(_ => cancel.Cancel()); // after the first run's check
            await new RunVerifier(store, new VerifyOptions { MaxParallelism = 1 }).VerifyAsync(progress: progress, cancellationToken: cancel.Token);
        }, Throws.InstanceOf<OperationCanceledException>());

        // The gate of the cancelled verification is gone with it; a new one over the same root finds both runs whole.
        Assert.That(new RunVerifier(store).VerifyAsync().GetAwaiter().GetResult().Problems, Is.Empty);
    }

    /// <summary>A run with two outputs over the 1 MiB up to which verify reads a file whole.</summary>
    private static Task<CommittedRun> LargeOutputsRunAsync(RunArtifactStore store, TempRoot temp)
    {
        var folder = "in/" + Guid.NewGuid().ToString("N");
        return store.CreateRun("flux_dev")
            .WithPrompt("two large outputs")
            .AddOutput(temp.File(folder + "/a.bin", System.Security.Cryptography.RandomNumberGenerator.GetBytes((2 * 1024 * 1024) + 7)))
            .AddOutput(temp.File(folder + "/b.bin", System.Security.Cryptography.RandomNumberGenerator.GetBytes(3 * 1024 * 1024)))
            .WithoutDerivatives()
            .Succeeded()
            .CommitAsync();
    }

    private static async Task<(TempRoot Temp, RunArtifactStore Store, CommittedRun Run)> OneRunAsync()
    {
        var temp = new TempRoot();
        var store = Bundles.StoreWithDerivatives(temp.Combine("root"));
        var run = await Bundles.SucceededWithDerivativesAsync(store, temp);
        var clean = await new RunVerifier(store).VerifyAsync();
        Assert.That(clean.Problems, Is.Empty, "the untouched bundle must verify: " + string.Join("\n", clean.Problems));
        return (temp, store, run);
    }

    internal static void EditJson(string path, Action<JsonNode> edit)
    {
        var node = JsonNode.Parse(File.ReadAllText(path))!;
        edit(node);
        File.WriteAllText(path, node.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
    }

    private sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
