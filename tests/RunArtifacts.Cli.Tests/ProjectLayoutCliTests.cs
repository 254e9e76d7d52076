using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using RunArtifacts.Serialization;
using RunArtifacts.Storage;

namespace RunArtifacts.Cli.Tests;

/// <summary>
/// The project layout (<c>&lt;root&gt;/&lt;project&gt;/&lt;time&gt;_&lt;git hash&gt;</c>) through the tool: runs committed by
/// <c>artifacts commit --layout by-project</c> and by the library into one root, then every reading verb over that root.
/// </summary>
public class ProjectLayoutCliTests
{
    [Test]
    public async Task ProjectLayout_CommittedByToolAndLibrary_EveryVerbFindsEveryRun()
    {
        using var temp = new TempRoot();
        var root = temp.Combine("root");
        var repo = await GitRepo.CreateAsync(temp);
        var head = (await GitRepo.RunAsync(repo, "rev-parse", "HEAD")).Trim();
        var image = temp.File("out.png", Some.Png());
        var checkpoint = temp.File("best.pt", Some.Bytes(4096));

        async Task<CommittedRunInfo> CommitAsync(params string[] args)
        {
            var result = await CliHarness.RunAsync(["commit", "--root", root, "--layout", "by-project", .. args, "--json"]);
            Assert.That(result.ExitCode, Is.Zero, result.ToString());
            var json = JsonNode.Parse(result.Lines[0])!;
            return new CommittedRunInfo((string)json["run_id"]!, (string)json["full_path"]!);
        }

        var a = await CommitAsync("--model-key", "resnet18", "--project", "Coast Survey", "--capture-code", repo, "--output", image,
            "--config-resolved", temp.File("a.yaml", "lr: 0.001\nbatch: 32\n"), "--metric", "acc=0.5", "--artifact", checkpoint + "=checkpoints/best.pt");
        var b = await CommitAsync("--model-key", "resnet18", "--project", "Coast Survey", "--capture-code", repo, "--output", image,
            "--config-resolved", temp.File("b.yaml", "lr: 0.001\nbatch: 64\n"), "--metric", "acc=0.75");
        var c = await CommitAsync("--model-key", "upscaler", "--input", Path.Combine(a.FullPath, "original", "output_01.png") + "=reference", "--metric", "acc=0.6");
        var store = CliContext.OpenStore(new DirectoryInfo(root), o => o.Layout = RunLayout.ByProject);
        var library = await store.CreateRun("resnet18").WithProject("Coast Survey").WithCodeCapture(repo).AddMetric("acc", 0.9).CommitAsync();
        var ids = new[] { a.RunId, b.RunId, c.RunId, library.RunId };

        Assert.Multiple(() =>
        {
            Assert.That(Rel(root, a.FullPath), Does.Match($"^coast_survey/\\d{{4}}-\\d{{2}}-\\d{{2}}_\\d{{2}}-\\d{{2}}-\\d{{2}}_{head[..12]}(_\\d+)?$"));
            Assert.That(Rel(root, b.FullPath), Does.StartWith("coast_survey/"));
            Assert.That(Rel(root, c.FullPath), Does.Match("^default/\\d{4}-\\d{2}-\\d{2}_\\d{2}-\\d{2}-\\d{2}_upscaler(_\\d+)?$"), "no project, no repository");
            Assert.That(library.RunPath, Does.StartWith("coast_survey/").And.Contain(head[..12]));
            Assert.That(ids.Distinct().Count(), Is.EqualTo(4));
            Assert.That(Directory.GetDirectories(root).Select(Path.GetFileName).Where(n => !n!.StartsWith('.')), Is.EquivalentTo(new[] { "coast_survey", "default" }), "no date folder");
        });

        // ls: every run, one index line each.
        var ls = await CliHarness.RunAsync("ls", "--root", root, "--json");
        Assert.That(ls.ExitCode, Is.Zero, ls.ToString());
        var entries = ls.Lines.Select(l => JsonSerializer.Deserialize(l, RunArtifactsJsonContext.Default.IndexEntry)!).ToList();
        Assert.That(entries.Select(e => e.RunId), Is.EquivalentTo(ids));
        Assert.That(entries.Select(e => e.RunPath), Is.EquivalentTo(new[] { Rel(root, a.FullPath), Rel(root, b.FullPath), Rel(root, c.FullPath), library.RunPath }));
        var byMetric = await CliHarness.RunAsync("ls", "--root", root, "--metric", "acc", "--json");
        Assert.That(byMetric.Lines.Select(l => JsonSerializer.Deserialize(l, RunArtifactsJsonContext.Default.IndexEntry)!.RunId), Is.EqualTo(new[] { library.RunId, b.RunId, c.RunId, a.RunId }));

        // show: each run by id.
        foreach (var id in ids)
        {
            var show = await CliHarness.RunAsync("show", id, "--root", root);
            Assert.That(show.ExitCode, Is.Zero, show.ToString());
            Assert.That(show.Out, Does.Contain(id));
        }

        // gallery: a card for every run, and every link the page makes resolves to a file of the bundle.
        var page = temp.Combine("site", "g.html");
        var gallery = await CliHarness.RunAsync("gallery", "--root", root, "--out", page);
        Assert.That(gallery.ExitCode, Is.Zero, gallery.ToString());
        var html = await File.ReadAllTextAsync(page);
        var data = GalleryCommandTests.Data(html);
        var details = GalleryCommandTests.Details(html);
        var runs = data["runs"]!.AsArray();
        Assert.That(runs.Select(r => (string?)r!["id"]), Is.EquivalentTo(ids));
        var checkedLinks = 0;
        for (var i = 0; i < runs.Count; i++)
        {
            var run = runs[i]!;
            var id = (string)run["id"]!;

            // The page's ref(): base + "/" + (path || t[0..10] + "/" + id) + "/" + relative path.
            var folder = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(page)!, (string)data["base"]!, (string?)run["path"] ?? ((string)run["t"]!)[..10] + "/" + id));
            Assert.That(File.Exists(Path.Combine(folder, "run.json")), $"{id}: the page's folder {folder} holds run.json");
            var links = new List<string>();
            if ((string?)run["img"] is { } img)
            {
                links.Add(img);
            }

            foreach (var output in details[i]!["outs"]!.AsArray())
            {
                links.Add((string)output!["path"]!);
                links.AddRange(output["der"]?.AsArray().Select(d => (string)d!["path"]!) ?? []);
            }

            links.AddRange(details[i]!["ins"]?.AsArray().Select(o => (string)o!["path"]!) ?? []);
            foreach (var link in links)
            {
                Assert.That(File.Exists(Path.Combine(folder, link)), $"{id}: {link}");
                checkedLinks++;
            }
        }

        Assert.That(checkedLinks, Is.GreaterThanOrEqualTo(9), "a's and b's outputs, thumbnails and web copies, c's input");

        // verify, diff, lineage and find.
        var verify = await CliHarness.RunAsync("verify", "--root", root);
        Assert.That(verify.ExitCode, Is.Zero, verify.ToString());
        var diff = JsonNode.Parse((await CliHarness.RunAsync("diff", a.RunId, b.RunId, "--root", root, "--json")).Out)!;
        Assert.That(diff["config"]!.AsArray().Select(k => (string?)k!["key"]), Is.EqualTo(new[] { "batch" }));
        Assert.That(diff["metrics"]!.AsArray().Where(m => (bool)m!["changed"]!).Select(m => (string?)m!["name"]), Is.EqualTo(new[] { "acc" }));
        var sha = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(a.FullPath, "original", "output_01.png"))));
        var find = JsonNode.Parse((await CliHarness.RunAsync("find", "--root", root, "--sha256", sha, "--json")).Out)!;
        Assert.That(find["produced"]!.AsArray().Select(p => (string?)p!["run_id"]), Is.EquivalentTo(new[] { a.RunId, b.RunId }), "a and b made the same image");
        Assert.That(find["consumed"]!.AsArray().Select(p => (string?)p!["run_id"]), Is.EqualTo(new[] { c.RunId }));
        var lineage = await CliHarness.RunAsync("lineage", c.RunId, "--root", root, "--up", "--json");
        Assert.That(lineage.ExitCode, Is.Zero, lineage.ToString());
        Assert.That(JsonNode.Parse(lineage.Out)!["nodes"]!.AsArray().Select(n => (string?)n!["entry"]!["run_id"]), Is.SupersetOf(new[] { a.RunId, c.RunId }));

        // reindex from the folders alone, then export and validate the export.
        File.Delete(Path.Combine(root, "index.jsonl"));
        var reindex = await CliHarness.RunAsync("reindex", "--root", root, "--json");
        Assert.That(reindex.ExitCode, Is.Zero, reindex.ToString());
        Assert.That(JsonNode.Parse(reindex.Out)!["runs"]!.GetValue<int>(), Is.EqualTo(4));
        var relisted = await CliHarness.RunAsync("ls", "--root", root, "--json");
        Assert.That(relisted.Lines.Select(l => JsonSerializer.Deserialize(l, RunArtifactsJsonContext.Default.IndexEntry)!.RunPath), Is.EquivalentTo(entries.Select(e => e.RunPath)));
        var exported = temp.Combine("export");
        var export = await CliHarness.RunAsync("export", "--root", root, "--out", exported, "--json");
        Assert.That(export.ExitCode, Is.Zero, export.ToString());
        Assert.That((int)JsonNode.Parse(export.Lines[^1])!["runs"]!, Is.EqualTo(4));
        var valid = await CliHarness.RunAsync("validate-export", exported);
        Assert.That(valid.ExitCode, Is.Zero, valid.ToString());

        // prune: keep the newest run; the others' folders go, the project folders stay readable.
        var prune = await CliHarness.RunAsync("prune", "--root", root, "--keep-last", "1", "--json");
        Assert.That(prune.ExitCode, Is.Zero, prune.ToString());
        Assert.That(JsonNode.Parse(prune.Out)!["removed"]!.AsArray(), Has.Count.EqualTo(3));
        var left = await CliHarness.RunAsync("ls", "--root", root, "--json");
        Assert.That(left.Lines.Select(l => JsonSerializer.Deserialize(l, RunArtifactsJsonContext.Default.IndexEntry)!.RunId), Is.EqualTo(new[] { library.RunId }));
        Assert.That(Directory.Exists(a.FullPath) || Directory.Exists(b.FullPath) || Directory.Exists(c.FullPath), Is.False);
        var verifyAfter = await CliHarness.RunAsync("verify", "--root", root);
        Assert.That(verifyAfter.ExitCode, Is.Zero, verifyAfter.ToString());
    }

    private static string Rel(string root, string full) => Path.GetRelativePath(root, full).Replace('\\', '/');

    private sealed record CommittedRunInfo(string RunId, string FullPath);
}
