using System.Text.Json.Nodes;

namespace RunArtifacts.Cli.Tests;

public class CoreVerbTests
{
    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var result = await CliHarness.RunAsync(args);
        return (result.ExitCode, result.Out, result.Error);
    }

    [Test]
    public async Task Commit_PngWithABrokenIccProfile_RecordsLibvipsWarning_AndStandardErrorHoldsOnlyTheToolsLines()
    {
        // A real child process: GLib writes libvips' warnings straight to file descriptor 2, which no in-process
        // harness sees. Without the package's log handler this printed "(process:…): VIPS-WARNING **: … iCCP: …".
        using var temp = new TempRoot();
        var png = temp.File("broken-icc.png", PngChunks.WithBrokenIccProfile(Some.Png(40, 30, 2)));
        var tool = Path.Combine(TestContext.CurrentContext.TestDirectory, "artifacts.dll");

        var result = await ChildProcess.RunAsync("dotnet", [tool, "commit", "--root", temp.Combine("root"), "--model-key", "m", "--output", png, "--json"], timeout: TimeSpan.FromMinutes(3));

        Assert.That(result.ExitCode, Is.Zero, result.Error);
        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.That(lines, Has.All.StartsWith("warning: "), result.Error);
        Assert.That(result.Error, Does.Not.Contain("VIPS-WARNING"));
        var full = JsonNode.Parse(result.Out)!["full_path"]!.GetValue<string>();
        var run = JsonNode.Parse(File.ReadAllText(Path.Combine(full, "run.json")))!;
        var warnings = run["warnings"]!.AsArray().Select(w => w!["message"]!.GetValue<string>()).ToList();
        Assert.That(warnings, Has.Some.Contains("libvips, reading original/output_01.png: iCCP").And.Contain("too short"), string.Join("\n", warnings));
        Assert.That(Directory.GetFiles(Path.Combine(full, "web")), Is.Not.Empty, "the web copy is made without the profile");
    }

    [Test]
    public async Task Commit_Json_PrintsRunIdAndRelativeRunPath()
    {
        using var temp = new TempRoot();
        var root = temp.Combine("root");
        var output = temp.File("out.png", Some.Png());
        var request = temp.File("req.json", """{"prompt":"x","token":"abcdefghijklmnopqrstuvwxyz"}""");
        var log = temp.File("stdout.log", "hello\n");

        var (code, stdout, stderr) = await Run("commit", "--root", root, "--model-key", "m", "--slug", "s", "--prompt", "a cat",
            "--input", output + "=reference", "--output", output, "--tag", "x", "--request-file", request, "--log", "stdout=" + log, "--json", "--no-derivatives");

        Assert.That(code, Is.Zero, stderr);
        var json = JsonNode.Parse(stdout)!;
        var runPath = (string)json["run_path"]!;
        Assert.That((string)json["run_id"]!, Does.EndWith("_m_s"));
        Assert.That(Path.IsPathRooted(runPath), Is.False);
        var run = BundleAssert.IsWhole(Path.Combine(root, runPath));
        Assert.That(run.Inputs[0].Role, Is.EqualTo("reference"));
        Assert.That(run.Logs["stdout"], Is.EqualTo("logs/stdout.txt"));
        Assert.That(File.ReadAllText(Path.Combine(root, runPath, "request.json")), Does.Not.Contain("abcdefghijklmnopqrstuvwxyz"));
    }

    [Test]
    public async Task Commit_FailedWithError_RecordsTheError()
    {
        using var temp = new TempRoot();
        var root = temp.Combine("root");

        var (code, stdout, _) = await Run("commit", "--root", root, "--model-key", "m", "--status", "failed", "--error", "HTTP 503 from provider: upstream timed out", "--error-kind", "provider_error");

        Assert.That(code, Is.Zero);
        var run = BundleAssert.IsWhole(stdout.Trim());
        Assert.That(run.Errors.Single().Kind, Is.EqualTo("provider_error"));
    }

    [TestCase("missing-output")]
    [TestCase("missing-model-key")]
    [TestCase("bad-status")]
    [TestCase("bad-request-json")]
    [TestCase("error-without-failure")]
    public async Task Commit_BadArgumentsOrInput_OneLineOnStderrExit2NothingPublished(string scenario)
    {
        using var temp = new TempRoot();
        var root = temp.Combine("root");
        var badJson = temp.File("bad.json", "{ nope");
        string[] args = scenario switch
        {
            "missing-output" => ["commit", "--root", root, "--model-key", "m", "--output", temp.Combine("nope.png")],
            "missing-model-key" => ["commit", "--root", root],
            "bad-status" => ["commit", "--root", root, "--model-key", "m", "--status", "maybe"],
            "bad-request-json" => ["commit", "--root", root, "--model-key", "m", "--request-file", badJson],
            _ => ["commit", "--root", root, "--model-key", "m", "--error", "x"],
        };

        var (code, stdout, stderr) = await Run(args);

        Assert.That(code, Is.EqualTo(2));
        Assert.That(stdout, Is.Empty);
        Assert.That(stderr.TrimEnd().Split('\n'), Has.Length.EqualTo(1), stderr);
        Assert.That(stderr, Does.StartWith("artifacts: "));
        Assert.That(BundleAssert.RunFolders(root), Is.Empty);
    }

    [Test]
    public async Task Demo_ThenLsGalleryRecoverReindex_WorkOnTheDemoRoot()
    {
        using var temp = new TempRoot();
        var root = temp.Combine("demo");

        var demo = await Run("demo", "--root", root);
        Assert.That(demo.Code, Is.Zero, demo.Err);
        Assert.That(demo.Out, Does.Contain("succeeded run:").And.Contain("failed run:"));
        var folders = BundleAssert.RunFolders(root);
        Assert.That(folders, Has.Count.GreaterThanOrEqualTo(2));
        foreach (var f in folders)
        {
            BundleAssert.IsWhole(f);
        }

        var ls = await Run("ls", "--root", root, "--json", "--limit", "10");
        Assert.That(ls.Code, Is.Zero);
        var lines = ls.Out.TrimEnd().Split('\n');
        Assert.That(lines, Has.Length.EqualTo(folders.Count));
        Assert.That(lines.Select(l => (string)JsonNode.Parse(l)!["status"]!), Does.Contain("failed"));

        var failedOnly = await Run("ls", "--root", root, "--status", "failed");
        Assert.That(failedOnly.Out, Does.Contain("failed").And.Not.Contain("succeeded"));

        var gallery = await Run("gallery", "--root", root, "--json");
        Assert.That(gallery.Code, Is.Zero, gallery.Err);
        var page = JsonNode.Parse(gallery.Out)!;
        Assert.That(page["runs"]!.GetValue<int>(), Is.EqualTo(folders.Count));
        Assert.That(File.Exists(page["out"]!.GetValue<string>()), Is.True);

        var recover = await Run("recover", "--root", root, "--json");
        Assert.That((int)JsonNode.Parse(recover.Out)!["in_progress"]!, Is.Zero);

        File.Delete(Path.Combine(root, "index.jsonl"));
        var reindex = await Run("reindex", "--root", root, "--json");
        Assert.That((int)JsonNode.Parse(reindex.Out)!["runs"]!, Is.EqualTo(folders.Count));
    }
}
