using System.Text.Json.Nodes;

namespace RunArtifacts.Cli.Tests;

/// <summary>
/// The <c>artifacts</c> tool published with native AOT (no trim or AOT warning) commits a run with derivatives and a
/// full trace from a spec, and a failed run, verifies them, lists, queries, finds and shows them: every path a caller in
/// another language takes, without JIT. The tool reaches the core only through its public API, so this one native
/// publish is also the proof that the library's public API (commit, index, catalog, open, verify, libvips derivatives)
/// works trimmed and AOT-compiled in a consumer's program.
/// <para>
/// The publish takes minutes of CPU, so <c>test.sh</c> starts it as soon as the build is done, beside the other tests,
/// and runs this test after them with <c>RUNARTIFACTS_NATIVE_PUBLISH</c> naming the folder that holds the published tool
/// (<c>out/</c>), the publish's output (<c>publish.log</c>) and its exit code (<c>publish.exit</c>): the same command and
/// the same checks as when this test publishes the tool itself, which it does when the variable is not set.
/// </para>
/// </summary>
[NonParallelizable]
[Category("Slow")]
[Category("NativeAot")]
public class NativeToolTests
{
    /// <summary>The variable through which <c>test.sh</c> hands over the publish it started beside the other tests.</summary>
    public const string PublishedVariable = "RUNARTIFACTS_NATIVE_PUBLISH";

    /// <summary>
    /// The arguments of the publish, the same whether <c>test.sh</c> or this test runs it. The libraries are linked as the
    /// test build made them (<c>BuildProjectReferences=false</c>; <c>dotnet test</c> builds them before this test runs):
    /// the publish's RID-specific restore rewrites their restore files, after which it would compile them again.
    /// </summary>
    public static readonly string[] PublishArguments = ["-c", "Release", "-r", "linux-x64", "-p:PublishAot=true", "-p:TreatWarningsAsErrors=true", "-p:BuildProjectReferences=false", "-nologo", "-v", "q"];

    [Test]
    [CancelAfter(1_200_000)]
    public async Task Tool_PublishedWithNativeAot_CommitsVerifiesListsAndShows(CancellationToken cancellationToken)
    {
        using var temp = new TempRoot();
        var tool = await PublishAsync(temp, cancellationToken);

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
        var failed = await ChildProcess.RunAsync(tool, ["commit", "--root", root, "--model-key", "native tool", "--status", "failed", "--error", "provider timed out after 30 s", "--error-kind", "timeout", "--json"], cancellationToken, environment: loaderTrace);
        Assert.That(failed.ExitCode, Is.Zero, failed.ToString());
        Assert.That(failed.Error, Does.Contain("file=").And.Not.Contain("libvips"), "a commit without an image does not load libvips (the early load is for image runs only)");
        var failedId = JsonNode.Parse(failed.Out)!["run_id"]!.GetValue<string>();
        var failedOnly = await ChildProcess.RunAsync(tool, ["ls", "--root", root, "--status", "failed", "--json"], cancellationToken);
        // By run id, not by substring: two commits in the same second get ids "…_native_tool" and "…_native_tool_2".
        Assert.That(RunIds(failedOnly.Out), Is.EqualTo(new[] { failedId }));
        Assert.That(JsonNode.Parse(failedOnly.Out.Split('\n')[0])!["error_kind"]!.GetValue<string>(), Is.EqualTo("timeout"));
        var tagged = await ChildProcess.RunAsync(tool, ["ls", "--root", root, "--tag", "native", "--json"], cancellationToken);
        Assert.That(RunIds(tagged.Out), Is.EqualTo(new[] { runId }));

        // The catalog (SQLite, native library) answers a content-hash lookup.
        var sha = shown["outputs"]![0]!["sha256"]!.GetValue<string>();
        var find = await ChildProcess.RunAsync(tool, ["find", "--root", root, "--sha256", sha, "--json"], cancellationToken);
        Assert.That(find.ExitCode, Is.Zero, find.ToString());
        Assert.That(JsonNode.Parse(find.Out)!["produced"]!.AsArray().Select(f => f!["run_id"]!.GetValue<string>()), Is.EqualTo(new[] { runId }));

        var verifyBoth = await ChildProcess.RunAsync(tool, ["verify", "--root", root, "--json"], cancellationToken);
        Assert.That(verifyBoth.ExitCode, Is.Zero, verifyBoth.ToString());

        // JSON Schema validation in the native build, where JsonSchema.Net's dialects are loaded without its
        // meta-schemas: a spec's asserted format and a stored record's enum are still refused, at their place.
        var badSpec = temp.File("bad-spec.json", """{"model_key": "native tool", "created_at": "yesterday"}""");
        var refused = await ChildProcess.RunAsync(tool, ["commit", "--root", root, "--spec", badSpec], cancellationToken);
        Assert.That(refused.ExitCode, Is.EqualTo(2), refused.ToString());
        Assert.That(refused.Error, Does.Contain("/created_at").And.Contain("date-time"));
        var runJson = Path.Combine(runPath, "run.json");
        var record = JsonNode.Parse(File.ReadAllText(runJson))!;
        record["status"] = "exploded";
        File.WriteAllText(runJson, record.ToJsonString());
        var tampered = await ChildProcess.RunAsync(tool, ["verify", "--root", root, runId], cancellationToken);
        Assert.That(tampered.ExitCode, Is.EqualTo(1), tampered.ToString());
        Assert.That(tampered.Out, Does.Contain("run.json").And.Contain("/status"));
    }

    /// <summary>The run ids of <c>ls --json</c>'s lines, in order.</summary>
    private static string[] RunIds(string jsonLines) =>
        jsonLines.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => JsonNode.Parse(line)!["run_id"]!.GetValue<string>()).ToArray();

    /// <summary>The published tool: the publish <c>test.sh</c> started beside the other tests, or a new one; either way its exit code is zero and it printed no trim or AOT warning.</summary>
    private static async Task<string> PublishAsync(TempRoot temp, CancellationToken cancellationToken)
    {
        var project = Path.Combine(Repo.Root, "src", "RunArtifacts.Cli", "RunArtifacts.Cli.csproj");
        var handedOver = Environment.GetEnvironmentVariable(PublishedVariable);
        int exitCode;
        string output;
        string publishDir;
        if (string.IsNullOrEmpty(handedOver))
        {
            publishDir = temp.Combine("publish");
            var publish = await ChildProcess.RunAsync("dotnet", ["publish", project, "-o", publishDir, .. PublishArguments], cancellationToken, TimeSpan.FromMinutes(20));
            (exitCode, output) = (publish.ExitCode, publish.ToString());
        }
        else
        {
            publishDir = Path.Combine(handedOver, "out");
            var exitFile = Path.Combine(handedOver, "publish.exit");
            Assert.That(File.Exists(exitFile), Is.True, $"{PublishedVariable}={handedOver}: the publish has not finished (no publish.exit)");
            exitCode = int.Parse(File.ReadAllText(exitFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);
            output = File.ReadAllText(Path.Combine(handedOver, "publish.log"));
        }

        Assert.That(exitCode, Is.Zero, output);
        Assert.That(output, Does.Not.Contain("warning IL"), "no trim or AOT warnings");
        var tool = Path.Combine(publishDir, "artifacts");
        Assert.That(File.Exists(tool), Is.True, tool);
        return tool;
    }
}
