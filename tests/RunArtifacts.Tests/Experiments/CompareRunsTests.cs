using RunArtifacts.Experiments;

namespace RunArtifacts.Tests.Experiments;

public class CompareRunsTests
{
    [Test]
    public async Task CompareRunsAsync_OneConfigKeyOneMetricOnePackage_ShowsExactlyThose()
    {
        using var temp = new TempRoot();
        var store = Some.Store(temp.Combine("root"));
        var output = temp.File("out.bin", Some.Bytes(256));
        var a = await store.CreateRun("m").WithSlug("a").WithResolvedConfig("optim:\n  lr: 0.001\n  momentum: 0.9\nseed: 7\n")
            .AddMetric("accuracy", 0.90).AddMetric("loss", 0.2).AddPackageVersion("torch", "2.4.0").AddOutput(output).CommitAsync();
        var b = await store.CreateRun("m").WithSlug("b").WithResolvedConfig("optim:\n  lr: 0.002\n  momentum: 0.9\nseed: 7\n")
            .AddMetric("accuracy", 0.93).AddMetric("loss", 0.2).AddPackageVersion("torch", "2.4.1").AddOutput(output).CommitAsync();

        var diff = await store.CompareRunsAsync(a.RunId, b.RunId);

        Assert.Multiple(() =>
        {
            Assert.That(diff.Config, Is.EqualTo(new[] { new KeyChange("optim.lr", ChangeKind.Changed, "0.001", "0.002") }));
            Assert.That(diff.ChangedMetrics.Select(m => m.Name), Is.EqualTo(new[] { "accuracy" }));
            Assert.That(diff.Metrics.Single(m => m.Name == "accuracy").Delta, Is.EqualTo(0.03).Within(1e-12));
            Assert.That(diff.Environment, Is.EqualTo(new[] { new KeyChange("package_versions.torch", ChangeKind.Changed, "2.4.0", "2.4.1") }));
            Assert.That(diff.IdenticalFiles, Is.EqualTo(new[] { new IdenticalFile("original/output_01.bin", "original/output_01.bin", a.Run.Outputs[0].Sha256!) }));
        });
    }

    [Test]
    public async Task CompareRunsAsync_AddedAndRemovedKeys_AreTold()
    {
        using var temp = new TempRoot();
        var store = Some.Store(temp.Combine("root"));
        var a = await store.CreateRun("m").WithSlug("a").WithConfig("x: 1\ny: [1, 2]\n").CommitAsync();
        var b = await store.CreateRun("m").WithSlug("b").WithConfig("x: 1\nz: true\n").CommitAsync();

        var diff = await store.CompareRunsAsync(a.RunId, b.RunId);

        Assert.That(diff.Config.Select(k => (k.Key, k.Kind)), Is.EqualTo(new[] { ("y[0]", ChangeKind.Removed), ("y[1]", ChangeKind.Removed), ("z", ChangeKind.Added) }));
    }

    [Test]
    public async Task CompareRunsAsync_UnknownRun_Throws()
    {
        using var temp = new TempRoot();
        var store = Some.Store(temp.Combine("root"));

        await Assert.ThrowsAsync<ArgumentException>(() => store.CompareRunsAsync("20260101_000000_nope", "20260101_000000_nope2"));
    }
}
