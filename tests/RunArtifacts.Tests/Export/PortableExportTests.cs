using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using RunArtifacts.Builder;
using RunArtifacts.Export;
using RunArtifacts.Records;
using RunArtifacts.Reviews;
using RunArtifacts.Storage;

namespace RunArtifacts.Tests.Export;

public class PortableExportTests
{
    private static async Task<(TempRoot Temp, RunArtifactStore Store, string Out)> ExportedAsync()
    {
        var temp = new TempRoot();
        var store = Some.Store(temp.Combine("root"));
        var files = await store.CreateRun("podcast").WithoutDerivatives().WithPrompt("episode 12 prep")
            .AddInput(temp.File("brief.txt", "the brief"), "reference")
            .AddOutput(temp.File("prep.png", Some.Png()))
            .CommitAsync();
        var links = await store.CreateRun("event_ops").WithoutDerivatives().WithReviewStatus(ReviewStatus.NeedsReview)
            .AddExternalInput("gs://bucket/agenda.pdf", "agenda")
            .AddExternalOutput(new ExternalAsset("s3://podcasts/ep12/recording.wav") { Type = "recording", Visibility = AssetVisibility.Private, Bytes = 1234, Sha256 = new string('b', 64), Relationships = new Dictionary<string, string> { ["task"] = "task_9" } })
            .AddExternalOutput(new ExternalAsset("https://lu.ma/ep12") { Type = "event-page", Visibility = AssetVisibility.Public })
            .CommitAsync();
        await store.ReviewAsync(files.RunId, ReviewTarget.Output("original/output_01.png"), ReviewStatus.Approved, "host");
        await store.ReviewAsync(links.RunId, ReviewTarget.Output("ext_output_02"), ReviewStatus.Approved, "ops");
        await store.ReviewAsync(links.RunId, ReviewTarget.Content(new string('b', 64)), ReviewStatus.Rejected, "ops", "wrong take");
        await store.ReviewAsync(links.RunId, ReviewTarget.ForRun, ReviewStatus.Archived, "ops");
        var output = temp.Combine("export");
        await PortableExport.ExportAsync(store, new ExportOptions { OutputDirectory = output });
        return (temp, store, output);
    }

    [Test]
    public async Task Export_LocalAndExternalAssetsAndReviews_Validates()
    {
        var (temp, _, output) = await ExportedAsync();
        using var _t = temp;

        var result = await PortableExport.ValidateAsync(output);

        Assert.That(result.Problems, Is.Empty, string.Join("\n", result.Problems));
        Assert.That(Directory.EnumerateFiles(output).Select(Path.GetFileName), Is.EquivalentTo(new[] { "runs.jsonl", "assets.jsonl", "reviews.jsonl", "manifest.json" }));
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(output, "manifest.json")))!;
        Assert.That(((int)manifest["counts"]!["runs"]!, (int)manifest["counts"]!["assets"]!, (int)manifest["counts"]!["reviews"]!), Is.EqualTo((2, 5, 4)));
        Assert.That((string?)manifest["source_root"], Is.EqualTo("root"), "never the absolute path");
        var assets = (await File.ReadAllLinesAsync(Path.Combine(output, "assets.jsonl"))).Select(l => JsonNode.Parse(l)!).ToList();
        var recording = assets.Single(a => ((string?)a["asset_id"])!.EndsWith("/ext_output_01", StringComparison.Ordinal));
        Assert.That(((string?)recording["storage_provider"], (string?)recording["review_status"], (string?)recording["relationships"]!["task"]), Is.EqualTo(("s3", "rejected", "task_9")));
        var png = assets.Single(a => ((string?)a["asset_id"])!.EndsWith("/original/output_01.png", StringComparison.Ordinal));
        Assert.That(((string?)png["storage_provider"], (string?)png["review_status"]), Is.EqualTo(("bundle", "approved")));
        var runs = (await File.ReadAllLinesAsync(Path.Combine(output, "runs.jsonl"))).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.That(runs.Select(r => ((string?)r["review_status"], (bool?)r["has_accepted_proof"])), Is.EquivalentTo(new[] { ("draft", (bool?)true), ("archived", (bool?)true) }));

        var python = PythonJsonSchema.Run(["export-run=" + Path.Combine(output, "runs.jsonl"), "export-asset=" + Path.Combine(output, "assets.jsonl"), "review-event=" + Path.Combine(output, "reviews.jsonl"), "export-manifest=" + Path.Combine(output, "manifest.json")]);
        Assert.That(python["results"]!.AsArray().Where(r => !(bool)r!["valid"]!).Select(r => r!.ToJsonString()), Is.Empty);
    }

    [Test]
    public async Task Export_IntoANonEmptyFolder_IsRefused()
    {
        using var temp = new TempRoot();
        var store = Some.Store(temp.Combine("root"));
        temp.File("out/keep.txt", "mine");

        await Assert.ThrowsAsync<ArtifactValidationException>(async () => await PortableExport.ExportAsync(store, new ExportOptions { OutputDirectory = temp.Combine("out") }));
        Assert.That(Directory.EnumerateFileSystemEntries(temp.Combine("out")).Select(Path.GetFileName), Is.EqualTo(new[] { "keep.txt" }));
    }

    public enum Break
    {
        DuplicateId,
        DanglingRelation,
        WrongCount,
        BadChecksum,
        PlantedSecret,
        BadTimestamp,
    }

    [Test]
    public async Task ExportAndValidate_Fifos_NeverOpened()
    {
        // Opening a FIFO blocks until a writer comes: a run.json replaced by one must not hang an export, nor a FIFO in
        // place of an export file the check of a received export.
        Assume.That(OperatingSystem.IsLinux(), "mkfifo");
        var (temp, store, output) = await ExportedAsync();
        using var _t = temp;
        var runs = store.ReadIndex().Entries;
        var broken = Path.Combine(store.RootPath, runs[0].RunPath, "run.json");
        File.Delete(broken);
        await ChildProcess.RunCheckedAsync("mkfifo", [broken]);
        File.Delete(Path.Combine(output, "assets.jsonl"));
        await ChildProcess.RunCheckedAsync("mkfifo", [Path.Combine(output, "assets.jsonl")]);

        await PortableExport.ExportAsync(store, new ExportOptions { OutputDirectory = temp.Combine("again") }).WaitAsync(TimeSpan.FromMinutes(2));
        var result = await PortableExport.ValidateAsync(output).WaitAsync(TimeSpan.FromMinutes(2));

        Assert.That(File.ReadAllLines(temp.Combine("again/runs.jsonl")), Has.Length.EqualTo(runs.Count - 1), "the run whose record cannot be read is left out");
        Assert.That(result.Problems.Where(p => p.File == "assets.jsonl").Select(p => p.Message), Has.Some.Contains("not a regular file"));
    }

    [TestCase(Break.DuplicateId, ExportChecks.DuplicateId, "assets.jsonl")]
    [TestCase(Break.DanglingRelation, ExportChecks.DanglingRelation, "reviews.jsonl")]
    [TestCase(Break.WrongCount, ExportChecks.Count, "runs.jsonl")]
    [TestCase(Break.BadChecksum, ExportChecks.Checksum, "assets.jsonl")]
    [TestCase(Break.PlantedSecret, ExportChecks.Secret, "assets.jsonl")]
    [TestCase(Break.BadTimestamp, ExportChecks.Timestamp, "runs.jsonl")]
    public async Task Validate_HandBrokenExport_ReportsExactlyThatProblem(Break what, string check, string file)
    {
        var (temp, _, output) = await ExportedAsync();
        using var _t = temp;
        string P(string name) => Path.Combine(output, name);
        var assets = (await File.ReadAllLinesAsync(P("assets.jsonl"))).ToList();
        var runs = (await File.ReadAllLinesAsync(P("runs.jsonl"))).ToList();
        var reseal = true;
        switch (what)
        {
            case Break.DuplicateId:
                var copy = JsonNode.Parse(assets[0])!;
                assets.Add(copy.ToJsonString());
                break;
            case Break.DanglingRelation:
                // The review's target no longer exists: its asset is renamed.
                var i = assets.FindIndex(a => a.Contains("/ext_output_02\"", StringComparison.Ordinal));
                assets[i] = assets[i].Replace("/ext_output_02\"", "/ext_output_09\"", StringComparison.Ordinal);
                break;
            case Break.WrongCount:
                var manifest = JsonNode.Parse(await File.ReadAllTextAsync(P("manifest.json")))!;
                manifest["counts"]!["runs"] = 3;
                await File.WriteAllTextAsync(P("manifest.json"), manifest.ToJsonString());
                reseal = false;
                break;
            case Break.BadChecksum:
                assets[0] = assets[0].Replace("\"internal\"", "\"public\"", StringComparison.Ordinal);
                reseal = false;
                break;
            case Break.PlantedSecret:
                var node = JsonNode.Parse(assets[0])!;
                node["title"] = "key sk-proj-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcd";
                assets[0] = node.ToJsonString();
                break;
            case Break.BadTimestamp:
                var run = JsonNode.Parse(runs[0])!;
                run["created_at"] = "2026-13-45T25:61:00Z";
                runs[0] = run.ToJsonString();
                break;
        }

        if (what is Break.DuplicateId or Break.DanglingRelation or Break.BadChecksum or Break.PlantedSecret)
        {
            await File.WriteAllTextAsync(P("assets.jsonl"), string.Join("\n", assets) + "\n");
        }

        await File.WriteAllTextAsync(P("runs.jsonl"), string.Join("\n", runs) + "\n");
        if (reseal)
        {
            await ResealAsync(output);
        }

        var result = await PortableExport.ValidateAsync(output);

        Assert.That(result.Passed, Is.False);
        Assert.That(result.Problems.Select(p => (p.File, p.Check)).Distinct(), Is.EqualTo(new[] { (file, check) }), string.Join("\n", result.Problems));
    }

    /// <summary>Recomputes the manifest's checksums and counts, so that only the planted problem remains.</summary>
    private static async Task ResealAsync(string output)
    {
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(output, "manifest.json")))!;
        foreach (var f in manifest["files"]!.AsArray())
        {
            var bytes = await File.ReadAllBytesAsync(Path.Combine(output, (string)f!["name"]!));
            var records = Encoding.UTF8.GetString(bytes).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
            f["sha256"] = Convert.ToHexStringLower(SHA256.HashData(bytes));
            f["bytes"] = bytes.Length;
            f["records"] = records;
            manifest["counts"]![(string)f["entity"]!] = records;
        }

        await File.WriteAllTextAsync(Path.Combine(output, "manifest.json"), manifest.ToJsonString());
    }
}
