using System.Text;
using System.Text.Json;
using RunArtifacts.Records;
using RunArtifacts.Records.Internal;
using RunArtifacts.Schemas;
using RunArtifacts.Serialization;

namespace RunArtifacts.Tests.Records;

/// <summary>
/// <see cref="RecordReader.Read"/> maps an ordinary record without building a document; every record that path does not
/// accept outright must still get the document path's answer (the same record, or the same refusal).
/// </summary>
public class RecordReaderDirectPathTests
{
    private static readonly ManifestRecord Manifest = new()
    {
        RunId = "20260101_000000_m",
        CreatedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
        Status = RunStatus.Succeeded,
        ModelKey = "m",
        RunPath = "2026-01-01/20260101_000000_m",
        Tags = ["a", "b"],
    };

    private static string Json => JsonSerializer.Serialize(Manifest, RunArtifactsJsonContext.Default.ManifestRecord);

    private static ManifestRecord Read(string json) => RecordReader.Read(Encoding.UTF8.GetBytes(json), "manifest.json", RecordKind.Manifest, RunArtifactsJsonContext.Default.ManifestRecord);

    [Test]
    public void Read_OrdinaryRecord_MapsEveryField()
    {
        var read = Read(Json);

        Assert.That(JsonSerializer.Serialize(read, RunArtifactsJsonContext.Default.ManifestRecord), Is.EqualTo(Json));
    }

    [TestCase("\"schema_version\": \"1.1.0\"", "\"schema_version\": \"2.0.0\"", "major 2")]
    [TestCase("\"schema_version\": \"1.1.0\"", "\"schema_version\": \"1.1.0\", \"schema_version\": \"2.0.0\"", "major 2")]
    [TestCase("\"schema_version\": \"1.1.0\",", "", "no schema_version")]
    [TestCase("\"schema_version\": \"1.1.0\"", "\"schema_version\": 1", "no schema_version")]
    [TestCase("\"schema_version\": \"1.1.0\"", "\"schema_version\": \"1.1\"", "not a semantic version")]
    [TestCase("manifest.schema.json", "run.schema.json", "not a manifest record")]
    [TestCase("\"run_id\": \"20260101_000000_m\"", "\"run_id\": 7", "does not fit the record type")]
    public void Read_RecordTheDirectPathRefuses_GetsTheDocumentPathsError(string find, string replace, string message)
    {
        var json = Json.Replace(find, replace, StringComparison.Ordinal);
        Assume.That(json, Is.Not.EqualTo(Json));

        Assert.That(() => Read(json), Throws.TypeOf<ArtifactFormatException>().With.Message.Contains(message));
    }

    [Test]
    public void Read_NotAnObject_IsRefused()
    {
        Assert.That(() => Read("[1]"), Throws.TypeOf<ArtifactFormatException>().With.Message.Contains("not a JSON object"));
        Assert.That(() => Read(Json + "x"), Throws.TypeOf<ArtifactFormatException>().With.Message.Contains("not valid JSON"));
    }
}
