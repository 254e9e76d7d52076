using System.Text.Json.Nodes;
using RunArtifacts.Records;
using RunArtifacts.Reviews;

namespace RunArtifacts.Cli.Tests;

public class ExportCommandTests
{
    [Test]
    public async Task ExportThenValidateExport_PassesAndABrokenCopyFailsListingEveryProblem()
    {
        using var temp = new TempRoot();
        var root = temp.Combine("root");
        var store = Some.Store(root);
        var run = await store.CreateRun("m").WithoutDerivatives().AddOutput(temp.File("a.png", Some.Png())).AddExternalOutput("https://github.com/org/repo/blob/main/report.md", "report").CommitAsync();
        await store.CreateRun("other").WithoutDerivatives().AddOutput(temp.File("b.png", Some.Png(seed: 3))).CommitAsync();
        await store.ReviewAsync(run.RunId, ReviewTarget.Output("ext_output_01"), ReviewStatus.Approved, "lead");
        var output = temp.Combine("export");

        var export = await CliHarness.RunAsync("export", "--root", root, "--out", output, "--model", "m", "--json");
        Assert.That(export.ExitCode, Is.Zero, export.ToString());
        var summary = JsonNode.Parse(export.Lines[^1])!;
        Assert.That(((int)summary["runs"]!, (int)summary["assets"]!, (int)summary["reviews"]!), Is.EqualTo((1, 2, 1)));
        var valid = await CliHarness.RunAsync("validate-export", output);
        Assert.That(valid.ExitCode, Is.Zero, valid.ToString());

        File.AppendAllText(Path.Combine(output, "runs.jsonl"), "{\"run_id\": 1}\n");
        var broken = await CliHarness.RunAsync("validate-export", output, "--json");

        Assert.That(broken.ExitCode, Is.EqualTo(ExitCodes.CheckFailed), broken.ToString());
        var checks = JsonNode.Parse(broken.Lines[^1])!["problems"]!.AsArray().Select(p => (string?)p!["check"]).ToList();
        Assert.That(checks, Does.Contain("checksum").And.Contain("count").And.Contain("required"));
        var again = await CliHarness.RunAsync("export", "--root", root, "--out", output);
        Assert.That(again.ExitCode, Is.EqualTo(ExitCodes.BadInput), "an export never overwrites a folder");
    }
}
