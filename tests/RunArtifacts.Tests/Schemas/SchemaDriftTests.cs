using System.Text.Json.Nodes;
using RunArtifacts.Schemas;
using RunArtifacts.Schemas.Internal;

namespace RunArtifacts.Tests.Schemas;

/// <summary>
/// The committed schemas are what <see cref="SchemaGenerator"/> makes from the record types today. Set
/// <c>RUNARTIFACTS_ACCEPT_SCHEMAS=1</c> to rewrite <c>schemas/v1/</c> after an intended change, then review the diff.
/// </summary>
public class SchemaDriftTests
{
    private static IEnumerable<RecordKind> Kinds => RecordSchemas.Kinds;

    [TestCaseSource(nameof(Kinds))]
    public void CommittedSchema_MatchesRecordTypes(RecordKind kind)
    {
        var generated = SchemaGenerator.GenerateText(kind, XmlDocs.Describe);
        var file = Path.Combine(Repo.Root, "schemas", "v1", RecordSchemas.GetFileName(kind));
        if (Environment.GetEnvironmentVariable("RUNARTIFACTS_ACCEPT_SCHEMAS") == "1")
        {
            File.WriteAllText(file, generated);
        }

        Assert.That(File.Exists(file), Is.True, $"{file} is missing; run the tests with RUNARTIFACTS_ACCEPT_SCHEMAS=1 to write it.");
        var committed = File.ReadAllText(file).ReplaceLineEndings("\n");
        Assert.That(committed, Is.EqualTo(generated), $"schemas/v1/{RecordSchemas.GetFileName(kind)} has drifted from the record types; rerun with RUNARTIFACTS_ACCEPT_SCHEMAS=1 and review the diff.");
    }

    [TestCaseSource(nameof(Kinds))]
    public void EmbeddedSchema_IsTheCommittedFile(RecordKind kind)
    {
        var file = Path.Combine(Repo.Root, "schemas", "v1", RecordSchemas.GetFileName(kind));

        var embedded = RecordSchemas.GetSchemaJson(kind);

        Assert.That(embedded.ReplaceLineEndings("\n"), Is.EqualTo(File.ReadAllText(file).ReplaceLineEndings("\n")));
    }

    [TestCaseSource(nameof(Kinds))]
    public void EmbeddedSchema_CarriesIdTitleAndDraft(RecordKind kind)
    {
        var schema = JsonNode.Parse(RecordSchemas.GetSchemaJson(kind))!.AsObject();

        Assert.Multiple(() =>
        {
            Assert.That((string?)schema["$schema"], Is.EqualTo("https://json-schema.org/draft/2020-12/schema"));
            Assert.That((string?)schema["$id"], Is.EqualTo(RecordSchemas.GetId(kind)));
            Assert.That((string?)schema["title"], Is.Not.Empty);
            Assert.That((string?)schema["description"], Is.Not.Empty);
            Assert.That(schema["additionalProperties"]?.GetValue<bool>(), Is.False);
        });
    }

    [Test]
    public void RunSchema_StatusIsAClosedEnum()
    {
        var schema = JsonNode.Parse(RecordSchemas.GetSchemaJson(RecordKind.Run))!;

        var values = schema["properties"]!["status"]!["enum"]!.AsArray().Select(v => (string?)v);

        Assert.That(values, Is.EqualTo(new[] { "succeeded", "failed", "cancelled" }));
    }
}
