using RunArtifacts.Tests.Support;

namespace RunArtifacts.Tests.Storage;

public class RunArtifactStoreSmokeTests
{
    [Test]
    public async Task CommitAsync_OneOutput_PublishesRunAndIndexLine()
    {
        using var temp = new TempRoot();
        var store = Some.Store(temp.Combine("root"));
        var output = temp.File("in/out.png", Some.Png());

        var run = await store.CreateRun("model").AddOutput(output).CommitAsync();

        Assert.That(File.Exists(Path.Combine(run.FullPath, "original/output_01.png")), Is.True);
        Assert.That(store.ReadIndex().Entries.Select(e => e.RunId), Is.EqualTo(new[] { run.RunId }));
    }
}
