using NUnit.Framework.Internal;
using RunArtifacts.NUnit.Internal;
using RunArtifacts.Storage.Internal;

namespace RunArtifacts.NUnit.Tests.Internal;

/// <summary>
/// The recorder's stores defer the publish flush (RunArtifactsOptions.DeferPublishFlush), and [RecordRun] after a suite
/// waits for it: a background flush failure surfaces there, on the suite.
/// </summary>
[NonParallelizable]
public class StoreRegistryTests
{
    [Test]
    public async Task For_OpensAStoreThatDefersThePublishFlush_AndTheSuiteHookSurfacesAFailedFlush()
    {
        var root = Path.Combine(Path.GetTempPath(), "ra-registry-" + Guid.NewGuid().ToString("N")[..12]);
        try
        {
            var recorder = StoreRegistry.For(typeof(StoreRegistryTests).Assembly, root);
            Assert.That(recorder.Store.Options.DeferPublishFlush, Is.True);
            Assert.That(recorder.Store.Options.FlushToDisk, Is.True);

            recorder.Store.FileSystem = new FailingFlush();
            var run = await recorder.Store.CreateRun("registry").WithPrompt("p").CommitAsync();
            Assert.That(File.Exists(Path.Combine(run.FullPath, "run.json")), Is.True, "the commit returned with the run published");

            var suite = TestExecutionContext.CurrentContext.CurrentTest.Parent!;
            Assert.That(suite.IsSuite, Is.True);
            var ex = Assert.Throws<ArtifactCommitException>(() => new RecordRunAttribute().AfterTest(suite));
            Assert.That(ex!.Published, Is.True);

            recorder.Store.FileSystem = StoreFileSystem.Real;
            await recorder.Store.CreateRun("registry").WithPrompt("q").CommitAsync();
            Assert.DoesNotThrow(() => new RecordRunAttribute().AfterTest(suite));
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    private sealed class FailingFlush : StoreFileSystem
    {
        public override void FsyncDirectory(string directory) => throw new IOException("Input/output error (simulated)");
    }
}
