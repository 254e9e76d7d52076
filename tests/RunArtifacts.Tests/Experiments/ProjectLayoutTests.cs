using RunArtifacts.Storage;
using RunArtifacts.Verification;

namespace RunArtifacts.Tests.Experiments;

/// <summary>The project layout end to end: commit, collide, a killed writer's staging recovered, reindex, verify, prune.</summary>
public class ProjectLayoutTests
{
    private static readonly DateTimeOffset Created = new(2026, 3, 26, 21, 45, 12, TimeSpan.Zero);

    [Test]
    public async Task ProjectLayout_CommitCollideRecoverReindexVerifyPrune()
    {
        using var temp = new TempRoot();
        var root = temp.Combine("root");
        var repo = await GitRepo.CreateAsync(temp);
        var head = (await GitRepo.RunAsync(repo, "rev-parse", "HEAD")).Trim();
        var store = Some.Store(root, o => o.Layout = RunLayout.ByProject);

        var first = await store.CreateRun("resnet18").WithProject("Coast Survey").WithCreatedAt(Created).WithCodeCapture(repo).AddMetric("acc", 0.5).CommitAsync();
        var second = await store.CreateRun("resnet18").WithProject("Coast Survey").WithCreatedAt(Created).WithCodeCapture(repo).AddMetric("acc", 0.7).CommitAsync();
        var noRepo = await store.CreateRun("resnet18").WithCreatedAt(Created).AddMetric("acc", 0.6).CommitAsync();

        Assert.Multiple(() =>
        {
            Assert.That(first.RunPath, Is.EqualTo($"coast_survey/2026-03-26_21-45-12_{head[..12]}"));
            Assert.That(second.RunPath, Is.EqualTo($"coast_survey/2026-03-26_21-45-12_{head[..12]}_2"), "a collision gets the next suffix");
            Assert.That(noRepo.RunPath, Is.EqualTo("default/2026-03-26_21-45-12_resnet18"), "no repository: the model key; no project: the default one");
            Assert.That(store.FindRunFolder(second.RunId), Is.EqualTo(second.FullPath));
        });

        // A writer killed mid-commit leaves a staging folder; recover removes it and leaves the runs alone.
        var stale = Path.Combine(root, ".staging", "20260326000000-1-dead");
        Directory.CreateDirectory(Path.Combine(stale, "run", "artifacts"));
        File.WriteAllText(Path.Combine(stale, "run", "config.yaml"), "a: 1\n");
        File.WriteAllText(stale + RunArtifacts.Storage.Internal.StagingArea.LockSuffix, string.Empty);
        var anHourAgo = DateTime.UtcNow.AddHours(-1);
        File.SetLastWriteTimeUtc(stale + RunArtifacts.Storage.Internal.StagingArea.LockSuffix, anHourAgo);
        Directory.SetLastWriteTimeUtc(stale, anHourAgo);
        await store.RecoverAsync();
        Assert.That(Directory.Exists(stale), Is.False);

        File.Delete(store.IndexPath);
        var reindexed = await store.ReindexAsync();
        Assert.That(reindexed.Runs, Is.EqualTo(3));
        var byMetric = await store.QueryRunsAsync(new RunArtifacts.Catalog.RunQuery { Metric = "acc" });
        Assert.That(byMetric.Entries.Select(e => e.RunId), Is.EqualTo(new[] { second.RunId, noRepo.RunId, first.RunId }));

        var report = await new RunVerifier(store).VerifyAsync();
        Assert.That(report.Problems.Select(p => p.ToString()), Is.Empty);
        Assert.That(report.RunsVerified, Is.EqualTo(3));

        var pruned = await store.PruneAsync(new PruneCriteria { KeepLast = 1 });
        Assert.That(pruned.Removed, Has.Count.EqualTo(2));
        Assert.That(BundleAssert.RunFolders(root), Has.Count.EqualTo(1));
    }
}
