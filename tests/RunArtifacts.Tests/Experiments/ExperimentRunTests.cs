using System.Text.Json.Nodes;
using RunArtifacts.Records;
using RunArtifacts.Verification;

namespace RunArtifacts.Tests.Experiments;

public class ExperimentRunTests
{
    [Test]
    public async Task CommitAsync_TrainingRun_WritesConfigMetricsManifestAndArtifacts_ThatValidateAndVerify()
    {
        using var temp = new TempRoot();
        var store = Some.Store(temp.Combine("root"));

        var run = await Training.Build(store, temp).CommitAsync();

        var dir = run.FullPath;
        Assert.Multiple(() =>
        {
            foreach (var file in new[] { "config.yaml", "config_resolved.yaml", "metrics.json", "run_manifest.json", "artifacts/checkpoints/best.pt", "artifacts/predictions/metadata.json", "artifacts/predictions/frame_0000.npz" })
            {
                Assert.That(File.Exists(Path.Combine(dir, file)), file);
            }

            var config = File.ReadAllText(Path.Combine(dir, "config.yaml"));
            Assert.That(config, Does.Contain("lr: ${optim.lr}"));
            Assert.That(config, Does.Not.Contain("sk-live"), "the api key is redacted");
            Assert.That(config, Does.Contain("version: \"3\""), "a string that looks like a number stays quoted");
            Assert.That(File.ReadAllText(Path.Combine(dir, "config_resolved.yaml")), Does.Contain("lr: 0.001").And.Not.Contain("${"));
            Assert.That(run.Run.Config!.KeyCount, Is.EqualTo(9));
            Assert.That(run.Run.Config!.ResolvedSha256, Is.EqualTo(BundleAssert.Sha256(Path.Combine(dir, "config_resolved.yaml"))));
            Assert.That(run.Run.Project, Is.EqualTo("coast"));
            Assert.That(run.Run.Metrics!.Values["train/loss"], Is.EqualTo(new MetricSummaryRecord { Last = 2.0 / 50, Min = 2.0 / 50, Max = 2.0, Count = 50, LastStep = 49 }));
            Assert.That(run.Run.Metrics!.Values["val/accuracy"].Last, Is.EqualTo(0.93));
            Assert.That(run.IndexEntry.Metrics!["val/accuracy"], Is.EqualTo(0.93));
            Assert.That(run.Run.ArtifactFiles!.Select(a => a.Name), Is.EqualTo(new[] { "checkpoints/best.pt", "predictions/frame_0000.npz", "predictions/metadata.json" }));
            Assert.That(run.Run.ArtifactFiles![0].Sha256, Is.EqualTo(BundleAssert.Sha256(temp.Combine("train", "best.pt"))));
            Assert.That(run.Run.RunManifestPath, Is.EqualTo("run_manifest.json"));
            Assert.That(run.Run.Redaction.Entries.Select(e => e.File), Does.Contain("config.yaml").And.Contain("config_resolved.yaml"));
        });

        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "run_manifest.json")))!;
        Assert.Multiple(() =>
        {
            Assert.That((string?)manifest["project_name"], Is.EqualTo("coast"));
            Assert.That((string?)manifest["entries"]!["torch_version"], Is.EqualTo("2.4.1"));
            Assert.That(manifest["package_versions"]!.AsObject().ContainsKey("NUnit"), "the test host's .deps.json lists NUnit");
            Assert.That((int)manifest["host"]!["cpu_count"]!, Is.EqualTo(Environment.ProcessorCount));
        });

        var metrics = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "metrics.json")))!;
        Assert.That(metrics["series"]!["train/loss"]!.AsArray(), Has.Count.EqualTo(50));

        var python = PythonJsonSchema.Run(
        [
            Path.Combine(dir, "run.json"), Path.Combine(dir, "manifest.json"), Path.Combine(dir, "metrics.json"),
            Path.Combine(dir, "run_manifest.json"), store.IndexPath,
        ])["results"]!.AsArray();
        Assert.That(python.Where(r => !(bool)r!["valid"]!).Select(r => r!.ToJsonString()), Is.Empty);
        Assert.That(python.Select(r => (string?)r!["kind"]).Distinct(), Is.EquivalentTo(new[] { "run", "manifest", "metrics", "run-manifest", "index-entry" }));

        var report = await new RunVerifier(store).VerifyAsync();
        Assert.That(report.Problems.Select(p => p.ToString()), Is.Empty);
        Assert.That(report.RunsVerified, Is.EqualTo(1));
    }

    [Test]
    public async Task Verify_TamperedCheckpoint_IsReported()
    {
        using var temp = new TempRoot();
        var store = Some.Store(temp.Combine("root"));
        var run = await Training.Build(store, temp).CommitAsync();

        File.WriteAllBytes(Path.Combine(run.FullPath, "artifacts", "checkpoints", "best.pt"), Some.Bytes(4096, seed: 9));

        var report = await new RunVerifier(store).VerifyAsync();
        Assert.That(report.Problems.Select(p => (p.File, p.Check)), Does.Contain(("artifacts/checkpoints/best.pt", VerificationChecks.Sha256)));
    }

    [Test]
    public async Task CommitAsync_ResolvedConfigWithInterpolation_IsRefusedNamingTheKey()
    {
        using var temp = new TempRoot();
        var store = Some.Store(temp.Combine("root"));

        var ex = await Assert.ThrowsAsync<ArtifactValidationException>(() => Training.Build(store, temp, resolved: Training.Config).CommitAsync());

        Assert.That(ex!.Message, Does.Contain("config_resolved: key 'model.lr' still holds an interpolation"));
        Assert.That(Directory.Exists(temp.Combine("root")) ? Directory.GetDirectories(temp.Combine("root")).Where(d => !d.EndsWith(".staging", StringComparison.Ordinal)) : [], Is.Empty);
    }

    [TestCase(double.NaN, "NaN")]
    [TestCase(double.PositiveInfinity, "+Infinity")]
    [TestCase(double.NegativeInfinity, "-Infinity")]
    public async Task CommitAsync_NonFiniteMetric_IsRefusedNamingTheMetric(double value, string shown)
    {
        using var temp = new TempRoot();
        var store = Some.Store(temp.Combine("root"));

        var ex = await Assert.ThrowsAsync<ArtifactValidationException>(() => store.CreateRun("m").AddMetricPoint("train/loss", 1).AddMetricPoint("train/loss", value, step: 7).CommitAsync());

        Assert.That(ex!.Message, Does.Contain("Metric 'train/loss' point 1 (step 7) is " + shown + "; metrics must be finite numbers"));
    }

    [Test]
    public async Task CommitAsync_ForbiddenPickle_IsRefused()
    {
        using var temp = new TempRoot();
        var store = Some.Store(temp.Combine("root"), o => o.Experiments.ForbiddenExtensions.Add(".pkl"));
        var pickle = temp.File("model.pkl", Some.Bytes(64));

        var ex = await Assert.ThrowsAsync<ArtifactValidationException>(() => store.CreateRun("m").AddArtifactFile(pickle, "checkpoints/model.pkl").CommitAsync());

        Assert.That(ex!.Message, Does.Contain("Artifact file 'checkpoints/model.pkl' has the refused extension '.pkl'"));
    }

    [Test]
    public async Task CommitAsync_PickleWithoutTheOption_IsKept()
    {
        using var temp = new TempRoot();
        var store = Some.Store(temp.Combine("root"));
        var pickle = temp.File("model.pkl", Some.Bytes(64));

        var run = await store.CreateRun("m").AddArtifactFile(pickle, "checkpoints/model.pkl").CommitAsync();

        Assert.That(File.Exists(Path.Combine(run.FullPath, "artifacts", "checkpoints", "model.pkl")));
    }

    [TestCase("""{"contract_version": "1.0", "frame_id": 0, "intrinsics": [1, 0, 0]}""", "missing field 'timestamp'")]
    [TestCase("""{"frame_id": 0, "timestamp": 1.5, "intrinsics": [1, 0, 0]}""", "missing field 'contract_version'")]
    [TestCase("""{"contract_version": "1", "frames": [{"frame_id": 0, "timestamp": 1.5}]}""", "missing field 'frames[0].intrinsics'")]
    public async Task CommitAsync_PredictionsMetadataMissingAField_IsRefusedNamingIt(string metadata, string expected)
    {
        using var temp = new TempRoot();
        var store = Some.Store(temp.Combine("root"));
        temp.File("pred/frame_0000.npz", Some.Bytes(16));
        temp.File("pred/metadata.json", metadata);

        var ex = await Assert.ThrowsAsync<ArtifactValidationException>(() => store.CreateRun("m").AddPredictions(temp.Combine("pred")).CommitAsync());

        Assert.That(ex!.Message, Does.Contain("artifacts/predictions/metadata.json: " + expected));
    }

    [Test]
    public async Task CommitAsync_PredictionsWithoutMetadata_IsRefused()
    {
        using var temp = new TempRoot();
        var store = Some.Store(temp.Combine("root"));
        temp.File("pred/frame_0000.npz", Some.Bytes(16));

        var ex = await Assert.ThrowsAsync<ArtifactValidationException>(() => store.CreateRun("m").AddPredictions(temp.Combine("pred")).CommitAsync());

        Assert.That(ex!.Message, Does.Contain("artifacts/predictions/metadata.json is missing"));
    }

    [TestCase("../escape.pt")]
    [TestCase("/abs.pt")]
    [TestCase("a//b.pt")]
    [TestCase("a\\b.pt")]
    public void AddArtifactFile_UnsafeName_Throws(string name)
    {
        using var temp = new TempRoot();
        var store = Some.Store(temp.Combine("root"));

        Assert.Throws<ArgumentException>(() => store.CreateRun("m").AddArtifactFile(temp.File("x.pt", "x"), name));
    }

    [Test]
    public void WithConfig_NotYaml_Throws()
    {
        using var temp = new TempRoot();
        var store = Some.Store(temp.Combine("root"));

        var ex = Assert.Throws<ArgumentException>(() => store.CreateRun("m").WithConfig("a: [1, 2\nb: }"));

        Assert.That(ex!.Message, Does.Contain("not valid YAML"));
    }

    [Test]
    public async Task WithConfig_JsonTypeInfo_WritesTheObjectAsYaml()
    {
        using var temp = new TempRoot();
        var store = Some.Store(temp.Combine("root"));

        var run = await store.CreateRun("m").WithResolvedConfig(new TrainConfig("adam", 0.01, [1, 2]), ExperimentTestJson.Default.TrainConfig).CommitAsync();

        var yaml = File.ReadAllText(Path.Combine(run.FullPath, "config_resolved.yaml"));
        Assert.That(yaml, Is.EqualTo("Optimizer: adam\nLearningRate: 0.01\nLayers:\n- 1\n- 2\n"));
        Assert.That(run.Run.Config!.Path, Is.Null);
    }

    [Test]
    public async Task CommitAsync_PlainRun_HasNoExperimentFiles()
    {
        using var temp = new TempRoot();
        var store = Some.Store(temp.Combine("root"));

        var run = await store.CreateRun("m").WithPrompt("p").CommitAsync();

        Assert.That(File.Exists(Path.Combine(run.FullPath, "run_manifest.json")), Is.False);
        Assert.That(run.Run.Config, Is.Null);
        Assert.That(run.Run.ArtifactFiles, Is.Null);
    }
}

internal sealed record TrainConfig(string Optimizer, double LearningRate, int[] Layers);

[System.Text.Json.Serialization.JsonSerializable(typeof(TrainConfig))]
internal sealed partial class ExperimentTestJson : System.Text.Json.Serialization.JsonSerializerContext;
