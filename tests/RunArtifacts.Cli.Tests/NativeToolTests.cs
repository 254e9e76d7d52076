using System.Text.Json.Nodes;

namespace RunArtifacts.Cli.Tests;

/// <summary>
/// The <c>artifacts</c> tool published with native AOT (no trim or AOT warning) commits a run with derivatives and a
/// full trace from a spec, verifies it, lists and shows it: every path a caller in another language takes, without JIT.
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

        var commit = await ChildProcess.RunAsync(tool, ["commit", "--root", root, "--spec", spec, "--json"], cancellationToken);
        Assert.That(commit.ExitCode, Is.Zero, commit.ToString());
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
        Assert.That(JsonNode.Parse(show.Out)!["model_key"]!.GetValue<string>(), Is.EqualTo("native tool"));
    }
}
