using System.Text.Json.Nodes;

namespace RunArtifacts.Cli.Tests;

/// <summary><c>artifacts commit</c> with the experiment flags (issue 14): a training-like run, and each documented refusal.</summary>
public class ExperimentCommitTests
{
    private const string Config = "model:\n  lr: ${optim.lr}\noptim:\n  lr: 0.001\n  token: ghp_0123456789abcdefghijklmnopqrstuvwxyz\n";
    private const string Resolved = "model:\n  lr: 0.001\noptim:\n  lr: 0.001\n  token: ghp_0123456789abcdefghijklmnopqrstuvwxyz\n";

    [Test]
    public async Task Commit_TrainingRunFlags_MakesABundleThatValidatesAndVerifies()
    {
        using var temp = new TempRoot();
        var root = temp.Combine("root");
        var metricsFile = temp.File("metrics.json", """{"scalars": {"val/accuracy": 0.91}, "series": {"train/loss": [{"value": 2.0, "step": 0}, {"value": 1.0, "step": 1}, {"value": 0.5, "step": 2}]}}""");
        var checkpoint = temp.File("best.pt", Some.Bytes(2048));
        var metadata = temp.File("pred/metadata.json", """{"contract_version": "1.0", "frame_id": 0, "timestamp": 0.0, "intrinsics": [[1, 0, 0], [0, 1, 0], [0, 0, 1]]}""");
        var frame = temp.File("pred/frame_0000.npz", Some.Bytes(128));

        var result = await CliHarness.RunAsync(
            "commit", "--root", root, "--model-key", "resnet18", "--project", "coast",
            "--config", temp.File("config.yaml", Config), "--config-resolved", temp.File("resolved.yaml", Resolved),
            "--metrics-file", metricsFile, "--metric", "val/f1=0.88",
            "--artifact", checkpoint + "=checkpoints/best.pt", "--artifact", metadata + "=predictions/metadata.json", "--artifact", frame + "=predictions/frame_0000.npz",
            "--json");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var dir = (string)JsonNode.Parse(result.Lines[0])!["full_path"]!;
        var run = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "run.json")))!;
        Assert.Multiple(() =>
        {
            Assert.That((string?)run["project"], Is.EqualTo("coast"));
            Assert.That((double)run["metrics"]!["values"]!["train/loss"]!["last"]!, Is.EqualTo(0.5));
            Assert.That((double)run["metrics"]!["values"]!["val/f1"]!["last"]!, Is.EqualTo(0.88));
            Assert.That((double)run["metrics"]!["values"]!["val/accuracy"]!["last"]!, Is.EqualTo(0.91));
            Assert.That(run["artifact_files"]!.AsArray().Select(a => (string?)a!["name"]), Is.EqualTo(new[] { "checkpoints/best.pt", "predictions/metadata.json", "predictions/frame_0000.npz" }));
            Assert.That(File.ReadAllText(Path.Combine(dir, "config.yaml")), Does.Contain("${optim.lr}").And.Not.Contain("ghp_"));
        });

        var python = PythonJsonSchema.Run([Path.Combine(dir, "run.json"), Path.Combine(dir, "metrics.json"), Path.Combine(dir, "run_manifest.json"), Path.Combine(root, "index.jsonl")])["results"]!.AsArray();
        Assert.That(python.Where(r => !(bool)r!["valid"]!).Select(r => r!.ToJsonString()), Is.Empty);
        var verify = await CliHarness.RunAsync("verify", "--root", root);
        Assert.That(verify.ExitCode, Is.Zero, verify.ToString());
    }

    [Test]
    public async Task Commit_UnresolvedInterpolation_ExitsBadInputNamingTheKey()
    {
        using var temp = new TempRoot();

        var result = await CliHarness.RunAsync("commit", "--root", temp.Combine("root"), "--model-key", "m", "--config-resolved", temp.File("resolved.yaml", Config));

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("key 'model.lr' still holds an interpolation"));
    }

    [TestCase("NaN")]
    [TestCase("Infinity")]
    public async Task Commit_NonFiniteMetric_ExitsBadInput(string value)
    {
        using var temp = new TempRoot();

        var result = await CliHarness.RunAsync("commit", "--root", temp.Combine("root"), "--model-key", "m", "--metric", "loss=" + value);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("Metric 'loss' is " + value + "; metrics must be finite numbers"));
    }

    [Test]
    public async Task Commit_PredictionsMetadataMissingTimestamp_ExitsBadInput()
    {
        using var temp = new TempRoot();
        var metadata = temp.File("metadata.json", """{"contract_version": "1.0", "frame_id": 0, "intrinsics_ref": "cam0"}""");

        var result = await CliHarness.RunAsync("commit", "--root", temp.Combine("root"), "--model-key", "m", "--artifact", metadata + "=predictions/metadata.json");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("artifacts/predictions/metadata.json: missing field 'timestamp'"));
    }

    [Test]
    public async Task Commit_CaptureCode_RecordsTheRepositorysCommit()
    {
        using var temp = new TempRoot();

        var result = await CliHarness.RunAsync("commit", "--root", temp.Combine("root"), "--model-key", "m", "--capture-code", Repo.Root, "--json");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var dir = (string)JsonNode.Parse(result.Lines[0])!["full_path"]!;
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "run_manifest.json")))!;
        Assert.That((string?)manifest["git_hash"], Has.Length.EqualTo(40));
    }
}
