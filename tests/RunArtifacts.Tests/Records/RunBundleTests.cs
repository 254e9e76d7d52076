using RunArtifacts.Records;
using RunArtifacts.Records.Internal;
using RunArtifacts.Tests.Verification;

namespace RunArtifacts.Tests.Records;

public class RunBundleTests
{
    [Test]
    public async Task OpenAsync_RunWithDerivatives_ReadsEveryRecordWithAgreeingJoinKeys()
    {
        using var temp = new TempRoot();
        var store = Bundles.StoreWithDerivatives(temp.Combine("root"));
        var committed = await Bundles.SucceededWithDerivativesAsync(store, temp);

        var bundle = await RunBundle.OpenAsync(committed.FullPath);

        Assert.That(bundle.Run, Is.EqualTo(committed.Run).Using<RunRecord>((a, b) => a.RunId == b.RunId && a.Outputs.Count == b.Outputs.Count));
        Assert.That(bundle.Manifest.RunId, Is.EqualTo(committed.RunId));
        Assert.That(bundle.Clips.Select(c => c.Output.Path), Is.EqualTo(new[] { "original/output_01.png", "original/output_02.png" }));
        Assert.That(bundle.Clips.Select(c => c.Output.Sha256), Is.EqualTo(committed.Run.Outputs.Select(o => o.Sha256)));
        Assert.That(bundle.Clips.Select(c => c.ClipId), Is.EqualTo(committed.Run.Outputs.Select(o => RecordFactory.DeterministicId("clip", committed.RunId, o.RelativePath))));
        Assert.That(bundle.Views, Has.Count.EqualTo(4));
        foreach (var view in bundle.Views)
        {
            var clip = bundle.Clips.Single(c => c.ClipId == view.ClipId);
            Assert.That(view.Source.Sha256, Is.EqualTo(clip.Output.Sha256));
            Assert.That(view.RunId, Is.EqualTo(bundle.Run.RunId));
            Assert.That(view.ViewId, Does.Match("^view_[0-9a-f]{16}$"));
        }
    }

    [Test]
    public async Task OpenAsync_RunWithoutDerivatives_StillHasClipSidecars()
    {
        using var temp = new TempRoot();
        var store = Some.Store(temp.Combine("root"));
        var committed = await Bundles.SucceededWithoutDerivativesAsync(store, temp);

        var bundle = await RunBundle.OpenAsync(committed.FullPath);

        Assert.That(File.Exists(Path.Combine(committed.FullPath, "original/output_01.png.clip.json")), Is.True);
        Assert.That(bundle.Clips.Single().Output.Path, Is.EqualTo("original/output_01.png"));
        Assert.That(bundle.Clips.Single().Output.Bytes, Is.EqualTo(new FileInfo(Path.Combine(committed.FullPath, "original/output_01.png")).Length));
        Assert.That(bundle.Views, Is.Empty);
    }

    [Test]
    public async Task ReadClipAsync_UnknownFieldsOfANewerMinor_AreAccepted()
    {
        using var temp = new TempRoot();
        var committed = await Bundles.SucceededWithoutDerivativesAsync(Some.Store(temp.Combine("root")), temp);
        var path = Path.Combine(committed.FullPath, "original/output_01.png.clip.json");
        RunVerifierTests.EditJson(path, c =>
        {
            c["schema_version"] = "1.4.2";
            c["new_in_1_4"] = new System.Text.Json.Nodes.JsonObject { ["x"] = 1 };
        });

        var clip = await RunBundle.ReadClipAsync(path);

        Assert.That(clip.SchemaVersion, Is.EqualTo("1.4.2"));
        Assert.That(clip.RunId, Is.EqualTo(committed.RunId));
    }

    [Test]
    public async Task ReadClipAsync_UnknownMajorVersion_ThrowsNamingFileAndVersion()
    {
        using var temp = new TempRoot();
        var committed = await Bundles.SucceededWithoutDerivativesAsync(Some.Store(temp.Combine("root")), temp);
        var path = Path.Combine(committed.FullPath, "original/output_01.png.clip.json");
        RunVerifierTests.EditJson(path, c => c["schema_version"] = "2.0.0");

        var ex = await Assert.ThrowsAsync<ArtifactFormatException>(() => RunBundle.ReadClipAsync(path));

        Assert.That(ex!.FilePath, Is.EqualTo(path));
        Assert.That(ex.SchemaVersion, Is.EqualTo("2.0.0"));
        Assert.That(ex.Message, Does.Contain(path).And.Contain("2.0.0").And.Contain("major 1"));
    }

    [Test]
    public async Task OpenAsync_RunJsonOfAnUnknownMajor_Throws()
    {
        using var temp = new TempRoot();
        var committed = await Bundles.SucceededWithoutDerivativesAsync(Some.Store(temp.Combine("root")), temp);
        RunVerifierTests.EditJson(Path.Combine(committed.FullPath, "run.json"), r => r["schema_version"] = "3.1.0");

        var ex = await Assert.ThrowsAsync<ArtifactFormatException>(() => RunBundle.OpenAsync(committed.FullPath));

        Assert.That(ex!.FilePath, Does.EndWith("run.json"));
        Assert.That(ex.SchemaVersion, Is.EqualTo("3.1.0"));
    }

    [Test]
    public async Task OpenAsync_RunJsonIsAFifo_ThrowsInsteadOfBlocking()
    {
        // Opening a FIFO blocks until a writer comes: a run folder from elsewhere must not hang its reader.
        Assume.That(OperatingSystem.IsLinux(), "mkfifo");
        using var temp = new TempRoot();
        var committed = await Bundles.SucceededWithoutDerivativesAsync(Some.Store(temp.Combine("root")), temp);
        File.Delete(Path.Combine(committed.FullPath, "run.json"));
        await ChildProcess.RunCheckedAsync("mkfifo", [Path.Combine(committed.FullPath, "run.json")]);

        var ex = await Assert.ThrowsAsync<ArtifactFormatException>(() => RunBundle.OpenAsync(committed.FullPath).WaitAsync(TimeSpan.FromMinutes(2)));

        Assert.That(ex!.FilePath, Does.EndWith("run.json"));
        Assert.That(ex.Message, Does.Contain("not a regular file"));
    }

    [Test]
    public async Task ReadViewAsync_AClipSidecar_ThrowsSayingWhatItIs()
    {
        using var temp = new TempRoot();
        var committed = await Bundles.SucceededWithoutDerivativesAsync(Some.Store(temp.Combine("root")), temp);
        var path = Path.Combine(committed.FullPath, "original/output_01.png.clip.json");

        var ex = await Assert.ThrowsAsync<ArtifactFormatException>(() => RunBundle.ReadViewAsync(path));

        Assert.That(ex!.Message, Does.Contain("is a clip record, not a view record"));
    }

    [TestCase("{not json")]
    [TestCase("[]")]
    [TestCase("""{"run_id":"x"}""")]
    [TestCase("""{"schema_version":"one"}""")]
    public async Task ReadClipAsync_Garbage_ThrowsFormatException(string content)
    {
        using var temp = new TempRoot();
        var path = temp.File("x.clip.json", content);

        var ex = await Assert.ThrowsAsync<ArtifactFormatException>(() => RunBundle.ReadClipAsync(path));

        Assert.That(ex!.FilePath, Is.EqualTo(path));
    }

    [Test]
    public async Task OpenAsync_ClipPathLeavingTheRun_Throws()
    {
        using var temp = new TempRoot();
        var committed = await Bundles.SucceededWithoutDerivativesAsync(Some.Store(temp.Combine("root")), temp);
        RunVerifierTests.EditJson(Path.Combine(committed.FullPath, "run.json"), r => r["outputs"]![0]!["clip_path"] = "../../../outside.clip.json");

        var ex = await Assert.ThrowsAsync<ArtifactFormatException>(() => RunBundle.OpenAsync(committed.FullPath));

        Assert.That(ex!.Message, Does.Contain("../../../outside.clip.json"));
    }
}
