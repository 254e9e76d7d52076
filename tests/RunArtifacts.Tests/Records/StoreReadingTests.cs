using RunArtifacts.Records;
using RunArtifacts.Serialization;

namespace RunArtifacts.Tests.Records;

/// <summary>Finding and opening a run by id through the public API, and the one record reader behind it.</summary>
public class StoreReadingTests
{
    [Test]
    public async Task FindRunAndOpenRunAsync_CommittedRun_FolderAndRecordsByIdAlone()
    {
        using var temp = new TempRoot();
        var store = Some.Store(temp.Combine("root"));
        var run = await store.CreateRun("m").WithPrompt("p").AddOutput(Some.Png(), "o.png").CommitAsync();

        Assert.That(store.FindRun(run.RunId), Is.EqualTo(run.FullPath));
        var bundle = await store.OpenRunAsync(run.RunId);
        Assert.That(bundle.Run.RunId, Is.EqualTo(run.RunId));
        Assert.That(bundle.Clips, Has.Count.EqualTo(1));
        var record = await RunBundle.ReadRunAsync(Path.Combine(run.FullPath, "run.json"));
        Assert.That(RecordJson.ToJsonLine(record), Is.EqualTo(RecordJson.ToJsonLine(run.Run)));
    }

    [TestCase("20990101_000000_nobody")]
    [TestCase("../etc")]
    [TestCase("a/b")]
    public async Task FindRun_UnknownOrUnsafeId_NullAndOpenThrows(string id)
    {
        using var temp = new TempRoot();
        var store = Some.Store(temp.Combine("root"));

        Assert.That(store.FindRun(id), Is.Null);
        await Assert.ThrowsAsync<DirectoryNotFoundException>(() => store.OpenRunAsync(id));
    }

    [Test]
    public async Task ReadRunAsync_AnotherMajorVersion_FormatErrorNamingFileAndVersion()
    {
        using var temp = new TempRoot();
        var store = Some.Store(temp.Combine("root"));
        var run = await store.CreateRun("m").WithPrompt("p").CommitAsync();
        var path = Path.Combine(run.FullPath, "run.json");
        await File.WriteAllTextAsync(path, (await File.ReadAllTextAsync(path)).Replace("\"schema_version\": \"1.", "\"schema_version\": \"2.", StringComparison.Ordinal));

        var ex = await Assert.ThrowsAsync<ArtifactFormatException>(() => RunBundle.ReadRunAsync(path));

        Assert.That(ex!.FilePath, Is.EqualTo(path));
        Assert.That(ex.SchemaVersion, Does.StartWith("2."));
    }

    [Test]
    public void RecordJson_FormatTimestamp_IsTheRecordsFormat()
        => Assert.That(RecordJson.FormatTimestamp(new DateTimeOffset(2026, 3, 26, 23, 45, 12, 123, TimeSpan.FromHours(2))), Is.EqualTo("2026-03-26T21:45:12.123000Z"));
}
