using System.Text;
using RunArtifacts.Records;
using RunArtifacts.Storage;

namespace RunArtifacts.NUnit.Tests;

public class RunSnapshotTests
{
    private string root = null!;

    [SetUp]
    public void MakeRoot() => root = Path.Combine(Path.GetTempPath(), "ra-snap-" + Guid.NewGuid().ToString("N")[..12]);

    [TearDown]
    public void RemoveRoot()
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Test]
    public async Task Verify_AFailedRun_MatchesItsVerifiedFile_WhateverTheClock()
    {
        var store = new RunArtifactStore(new RunArtifactsOptions { Root = root });
        var run = await store.CreateRun("fake_image_model")
            .WithSlug("snapshot")
            .WithPrompt("a red square")
            .AddOutput(Encoding.UTF8.GetBytes("not really a png"), "out.png")
            .WithSource(new SourceContextRecord { SourceType = "test", ProjectName = "RunArtifacts.NUnit.Tests" })
            .Failed("assertion_failed", "Expected: 5 But was: 4")
            .CommitAsync();

        RunSnapshot.Verify(run, "Snapshots/RunSnapshotTests.FailedRun");
    }

    [Test]
    public async Task Verify_OnADifference_WritesReceived_AndFails()
    {
        var store = new RunArtifactStore(new RunArtifactsOptions { Root = root });
        var run = await store.CreateRun("fake_image_model").WithPrompt("a different prompt every time " + Guid.NewGuid()).CommitAsync();
        var dir = Path.Combine(root, "snapshots");
        var name = Path.Combine(dir, "Changing");
        Directory.CreateDirectory(dir);
        File.WriteAllText(name + ".verified.txt", "=== run.json\n{}\n");

        Assert.Throws<AssertionException>(() => RunSnapshot.Verify(run, name));
        Assert.That(File.ReadAllText(name + ".received.txt"), Does.Contain("a different prompt every time").And.Contain("{run_id}"));
    }

    [Test]
    public async Task Render_ScrubsIdsTimesAndEnvironment()
    {
        var store = new RunArtifactStore(new RunArtifactsOptions { Root = root });
        var run = await store.CreateRun("m").WithPrompt("p").CommitAsync();

        var text = RunSnapshot.Render(run.FullPath);

        Assert.That(text, Does.Not.Contain(run.RunId).And.Contain("\"run_id\": \"{run_id}\"").And.Contain("{created}").And.Contain("\"os\": \"{scrubbed}\""));
        Assert.That(text, Does.StartWith("=== manifest.json\n"));
    }
}
