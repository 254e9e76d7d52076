using System.Text.Json.Nodes;

namespace RunArtifacts.Cli.Tests;

/// <summary>
/// The <c>artifacts</c> tool published with native AOT (no trim or AOT warning) commits a run with derivatives and a
/// full trace from a spec, and a failed run, verifies them, lists, queries, finds and shows them: every path a caller in
/// another language takes, without JIT. The tool reaches the core only through its public API, so this one native
/// publish is also the proof that the library's public API (commit, index, catalog, open, verify, libvips derivatives)
/// works trimmed and AOT-compiled in a consumer's program.
/// </summary>
[NonParallelizable]
[Category("Slow")]
public class NativeToolTests
{
    [Test]
    [CancelAfter(1_200_000)]
    public async Task Tool_PublishedWithNativeAot_CommitsVerifiesListsAndShows(CancellationToken cancellationToken)
    {
        using var temp = new TempRoot();
        var project = Path.Combine(Repo.Root, "src", "RunArtifacts.Cli", "RunArtifacts.Cli.csproj");
        var publishDir = temp.Combine("publish");

        var publish = await ChildProcess.RunAsync("dotnet", ["publish", project, "-c", "Release", "-r", "linux-x64", "-p:PublishAot=true", "-o", publishDir, "-p:TreatWarningsAsErrors=true", "-nologo", "-v", "q"], cancellationToken, TimeSpan.FromMinutes(20));
        Assert.That(publish.ExitCode, Is.Zero, publish.ToString());
        Assert.That(publish.Out + publish.Error, Does.Not.Contain("warning IL"), "no trim or AOT warnings");
        var tool = Path.Combine(publishDir, "artifacts");

        var root = temp.Combine("root");
        var image = temp.File("in/hero.png", Some.Png(96, 64, 2));
        var spec = temp.File("spec.json", new JsonObject
        {
            ["model_key"] = "native tool",
            ["prompts"] = new JsonObject { ["raw"] = "a lighthouse at dusk" },
            ["request"] = new JsonObject { ["prompt"] = "a lighthouse", ["headers"] = new JsonObject { ["authorization"] = "Bearer abc.def.ghi" } },
            ["provider_trace"] = new JsonObject { ["task_id"] = "t_1", ["submit_response"] = new JsonObject { ["json"] = new JsonObject { ["id"] = "t_1" } } },
            ["outputs"] = new JsonArray(new JsonObject { ["path"] = image }),
            ["tags"] = new JsonArray("native"),
        }.ToJsonString());

        // libvips is loaded on the first image, not at start (NetVips' module initializer is deferred in the native
        // build): glibc's loader trace (LD_DEBUG=files, on stderr) names it for an image commit and not for --version.
        var loaderTrace = new Dictionary<string, string?> { ["LD_DEBUG"] = "files" };
        var version = await ChildProcess.RunAsync(tool, ["--version"], cancellationToken, environment: loaderTrace);
        Assert.That(version.ExitCode, Is.Zero, version.ToString());
        Assert.That(version.Error, Does.Contain("file=").And.Not.Contain("libvips"), "printing the version does not load libvips");

        var commit = await ChildProcess.RunAsync(tool, ["commit", "--root", root, "--spec", spec, "--json"], cancellationToken, environment: loaderTrace);
        Assert.That(commit.ExitCode, Is.Zero, commit.ToString());
        Assert.That(commit.Error, Does.Contain("libvips.so.42"), "an image commit loads libvips");
        var committed = JsonNode.Parse(commit.Out)!;
        var runId = committed["run_id"]!.GetValue<string>();
        var runPath = committed["full_path"]!.GetValue<string>();
        Assert.That(Directory.EnumerateFiles(Path.Combine(runPath, "thumb")).Any(), Is.True, "the native tool makes image derivatives in process (libvips)");
        Assert.That(File.ReadAllText(Path.Combine(runPath, "request.json")), Does.Not.Contain("abc.def.ghi"));

        var verify = await ChildProcess.RunAsync(tool, ["verify", "--root", root], cancellationToken);
        Assert.That(verify.ExitCode, Is.Zero, verify.ToString());

        var ls = await ChildProcess.RunAsync(tool, ["ls", "--root", root, "--json"], cancellationToken);
        Assert.That(ls.ExitCode, Is.Zero, ls.ToString());
        Assert.That(ls.Out, Does.Contain(runId));

        var show = await ChildProcess.RunAsync(tool, ["show", "--root", root, runId, "--json"], cancellationToken);
        Assert.That(show.ExitCode, Is.Zero, show.ToString());
        var shown = JsonNode.Parse(show.Out)!;
        Assert.That(shown["model_key"]!.GetValue<string>(), Is.EqualTo("native tool"));

        // A failed run: its failure is shaped, it is indexed, and the index filters find each run by status and tag.
        var failed = await ChildProcess.RunAsync(tool, ["commit", "--root", root, "--model-key", "native tool", "--status", "failed", "--error", "provider timed out after 30 s", "--error-kind", "timeout", "--json"], cancellationToken);
        Assert.That(failed.ExitCode, Is.Zero, failed.ToString());
        var failedId = JsonNode.Parse(failed.Out)!["run_id"]!.GetValue<string>();
        var failedOnly = await ChildProcess.RunAsync(tool, ["ls", "--root", root, "--status", "failed", "--json"], cancellationToken);
        Assert.That(failedOnly.Out, Does.Contain(failedId).And.Not.Contain(runId));
        Assert.That(JsonNode.Parse(failedOnly.Out.Split('\n')[0])!["error_kind"]!.GetValue<string>(), Is.EqualTo("timeout"));
        var tagged = await ChildProcess.RunAsync(tool, ["ls", "--root", root, "--tag", "native", "--json"], cancellationToken);
        Assert.That(tagged.Out, Does.Contain(runId).And.Not.Contain(failedId));

        // The catalog (SQLite, native library) answers a content-hash lookup.
        var sha = shown["outputs"]![0]!["sha256"]!.GetValue<string>();
        var find = await ChildProcess.RunAsync(tool, ["find", "--root", root, "--sha256", sha, "--json"], cancellationToken);
        Assert.That(find.ExitCode, Is.Zero, find.ToString());
        Assert.That(JsonNode.Parse(find.Out)!["produced"]!.AsArray().Select(f => f!["run_id"]!.GetValue<string>()), Is.EqualTo(new[] { runId }));

        var verifyBoth = await ChildProcess.RunAsync(tool, ["verify", "--root", root, "--json"], cancellationToken);
        Assert.That(verifyBoth.ExitCode, Is.Zero, verifyBoth.ToString());
    }
}
