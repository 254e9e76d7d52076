using System.Text;
using System.Text.Json.Nodes;
using RunArtifacts.Builder;
using RunArtifacts.Catalog;
using RunArtifacts.Export;
using RunArtifacts.Export.Internal;
using RunArtifacts.Records;
using RunArtifacts.Redaction;
using RunArtifacts.Redaction.Internal;
using RunArtifacts.Reviews;

namespace RunArtifacts.Tests.Export;

/// <summary>The export reads and serialises runs in parallel batches; its files must not depend on that.</summary>
public class ExportDeterminismTests
{
    [Test]
    public async Task Export_InParallelBatches_IsByteIdenticalToTheSequentialExport()
    {
        using var temp = new TempRoot();
        var store = Some.Store(temp.Combine("root"));
        var ids = new List<string>();
        for (var i = 0; i < 23; i++)
        {
            var builder = store.CreateRun(i % 2 == 0 ? "files" : "links").WithoutDerivatives().WithPrompt($"run {i}");
            builder = i % 3 == 0
                ? builder.AddOutput(temp.File($"o{i}.bin", Some.Bytes(10 + i, seed: i))).AddInput(temp.File($"i{i}.txt", $"input {i}"), "reference")
                : builder.AddExternalOutput(new ExternalAsset($"s3://bucket/run{i}/take.wav") { Type = "recording", Visibility = AssetVisibility.Private, Bytes = i, Relationships = new Dictionary<string, string> { ["task"] = $"task_{i}" } })
                    .AddExternalOutput($"https://example.org/page/{i}", "event-page", $"page {i}", AssetVisibility.Public);
            var run = await builder.CommitAsync();
            ids.Add(run.RunId);
            if (i % 4 == 1 && i % 3 != 0)
            {
                await store.ReviewAsync(run.RunId, ReviewTarget.Output("ext_output_02"), ReviewStatus.Approved, "ops");
            }

            if (i % 5 == 0)
            {
                await store.ReviewAsync(run.RunId, ReviewTarget.ForRun, ReviewStatus.NeedsReview, "lead", $"note {i}");
            }
        }

        // One run whose record no longer reads: it is not exported, wherever it falls in a batch.
        await File.WriteAllTextAsync(Path.Combine(store.FindRunFolder(ids[7])!, "run.json"), "{ not json");

        var sequential = await new Exporter(store, new ExportOptions { OutputDirectory = temp.Combine("sequential") }) { BatchSize = 1, MaxDegreeOfParallelism = 1 }.RunAsync(CancellationToken.None);
        var batched = await new Exporter(store, new ExportOptions { OutputDirectory = temp.Combine("batched") }) { BatchSize = 4 }.RunAsync(CancellationToken.None);
        var ordinary = await PortableExport.ExportAsync(store, new ExportOptions { OutputDirectory = temp.Combine("ordinary") });

        foreach (var file in new[] { "runs.jsonl", "assets.jsonl", "reviews.jsonl" })
        {
            var expected = await File.ReadAllBytesAsync(Path.Combine(sequential.OutputDirectory, file));
            Assert.That(await File.ReadAllBytesAsync(Path.Combine(batched.OutputDirectory, file)), Is.EqualTo(expected), file);
            Assert.That(await File.ReadAllBytesAsync(Path.Combine(ordinary.OutputDirectory, file)), Is.EqualTo(expected), file);
        }

        static string Facts(ExportManifestRecord m) => string.Join(
            "\n",
            [.. m.Counts.Select(c => $"{c.Key}={c.Value}"), .. m.Files.Select(f => $"{f.Name} {f.Entity} {f.Sha256} {f.Bytes} {f.Records}"), .. m.Omitted.Select(o => $"{o.Entity}: {o.Reason}")]);
        Assert.That(Facts(batched.Manifest), Is.EqualTo(Facts(sequential.Manifest)));
        Assert.That(Facts(ordinary.Manifest), Is.EqualTo(Facts(sequential.Manifest)));

        // The order is the catalog's, oldest first, without the unreadable run.
        var catalogOrder = (await store.QueryRunsAsync(new RunQuery())).Entries.Reverse().Select(e => e.RunId).Where(id => id != ids[7]);
        var exportedOrder = (await File.ReadAllLinesAsync(Path.Combine(ordinary.OutputDirectory, "runs.jsonl"))).Select(l => (string)JsonNode.Parse(l)!["run_id"]!);
        Assert.That(exportedOrder, Is.EqualTo(catalogOrder));
        Assert.That(ordinary.Manifest.Counts["runs"], Is.EqualTo(22));
        Assert.That((await PortableExport.ValidateAsync(ordinary.OutputDirectory)).Problems, Is.Empty);
    }

    [Test]
    public void SecretScan_OfALargeExportFile_FindsWhatTheLineByLineScanFinds()
    {
        using var temp = new TempRoot();
        var text = new StringBuilder();
        var line = 0;
        var planted = new List<int>();
        while (text.Length < 35 * 1024 * 1024)
        {
            line++;
            var secret = line is 1 or 77_777 or 150_000 || line % 40_000 == 0 || (text.Length > 16 * 1024 * 1024 - 2000 && text.Length < 16 * 1024 * 1024 + 2000);
            if (secret)
            {
                planted.Add(line);
            }

            text.Append("{\"asset_id\":\"run_").Append(line).Append("/original/output_01.png\",\"title\":\"")
                .Append(secret ? "key sk-proj-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcd" : "an ordinary title, nothing to see")
                .Append("\",\"sha256\":\"").Append(new string('a', 64)).Append("\"}\n");
        }

        var path = temp.File("assets.jsonl", text.ToString());
        var redactor = new SecretRedactor(new RedactionOptions());

        var expected = TextFileSecretScan.Scan(redactor, path);
        var found = TextFileSecretScan.ScanWhole(redactor, File.ReadAllBytes(path), CancellationToken.None);

        Assert.That(expected.Select(f => f.Line), Is.EqualTo(planted), "the reference scan finds every planted key");
        Assert.That(found, Is.EqualTo(expected));
    }
}
