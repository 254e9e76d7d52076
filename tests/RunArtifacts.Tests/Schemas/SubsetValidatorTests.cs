using System.Text.Json;
using System.Text.Json.Nodes;
using RunArtifacts.Schemas;
using RunArtifacts.Schemas.Internal;

namespace RunArtifacts.Tests.Schemas;

/// <summary>The fast pre-check of validate-export never certifies a line the full JSON Schema evaluation rejects.</summary>
public class SubsetValidatorTests
{
    private const string Run = """{"$schema":"https://runartifacts.dev/schemas/v1/export-run.schema.json","schema_version":"1.1.0","run_id":"20260101_000000_abc","created_at":"2026-01-01T00:00:00.123Z","finished_at":null,"status":"succeeded","model_key":"m","run_path":"2026-01-01/20260101_000000_abc","tags":["a"],"asset_count":2,"review_status":"draft","has_accepted_proof":false}""";

    private const string Asset = """{"$schema":"https://runartifacts.dev/schemas/v1/export-asset.schema.json","schema_version":"1.1.0","asset_id":"20260101_000000_abc/ext_output_01","run_id":"20260101_000000_abc","direction":"output","storage_uri":"s3://b/k","storage_provider":"s3","type":"recording","sha256":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","bytes":3,"visibility":"private","review_status":null,"source_type":"manual-link","relationships":{"task":"t1"}}""";

    private const string Event = """{"$schema":"https://runartifacts.dev/schemas/v1/review-event.schema.json","schema_version":"1.1.0","event_id":"rev_0123456789abcdef0123456789abcdef","run_id":"20260101_000000_abc","target":{"kind":"output","path":"ext_output_01"},"status":"approved","reviewer":"me","time":"2026-01-01T00:00:00Z","prev_sha256":"0000000000000000000000000000000000000000000000000000000000000000"}""";

    private static IEnumerable<TestCaseData> Cases()
    {
        (RecordKind Kind, string Json)[] valid = [(RecordKind.ExportRun, Run), (RecordKind.ExportAsset, Asset), (RecordKind.ReviewEvent, Event)];
        foreach (var (kind, json) in valid)
        {
            yield return new TestCaseData(kind, json).SetName($"{kind}: valid");
            var original = JsonNode.Parse(json)!.AsObject();
            foreach (var (name, _) in original)
            {
                JsonNode?[] replacements = [null, JsonValue.Create(7), JsonValue.Create(-1), JsonValue.Create(1.5), JsonValue.Create("x"), JsonValue.Create("2026-13-01T00:00:00Z"), JsonValue.Create("2026-01-01T00:00:00+01:00"), JsonValue.Create("abc\n"), JsonValue.Create(true), new JsonArray(1), new JsonObject { ["k"] = 1 }];
                for (var i = 0; i < replacements.Length; i++)
                {
                    var changed = original.DeepClone().AsObject();
                    changed[name] = replacements[i]?.DeepClone();
                    yield return new TestCaseData(kind, changed.ToJsonString()).SetName($"{kind}: {name} = #{i}");
                }

                var removed = original.DeepClone().AsObject();
                removed.Remove(name);
                yield return new TestCaseData(kind, removed.ToJsonString()).SetName($"{kind}: without {name}");
            }

            var extra = original.DeepClone().AsObject();
            extra["unknown"] = 1;
            yield return new TestCaseData(kind, extra.ToJsonString()).SetName($"{kind}: unknown field");
        }

        var badTarget = JsonNode.Parse(Event)!.AsObject();
        badTarget["target"] = new JsonObject { ["kind"] = "nope" };
        yield return new TestCaseData(RecordKind.ReviewEvent, badTarget.ToJsonString()).SetName("ReviewEvent: bad target kind");
    }

    [TestCaseSource(nameof(Cases))]
    public void Certifies_OnlyWhatTheFullEvaluationAccepts(RecordKind kind, string json)
    {
        var subset = SubsetValidator.For(RecordSchemas.GetSchemaJson(kind));
        using var document = JsonDocument.Parse(json);
        var errors = SchemaValidator.For(kind).Validate(document.RootElement);

        Assert.That(subset.Usable, Is.True, "the export schemas use only the keywords the pre-check understands");
        if (errors.Count > 0)
        {
            Assert.That(subset.Certifies(document.RootElement), Is.False, string.Join("; ", errors));
        }
        else if (json is Run or Asset or Event)
        {
            Assert.That(subset.Certifies(document.RootElement), Is.True, "an ordinary valid line takes the fast path");
        }
    }

    [Test]
    public void ASchemaWithOtherKeywords_CertifiesNothing()
    {
        var subset = SubsetValidator.For("""{"type":"object","oneOf":[{"required":["a"]}]}""");
        using var document = JsonDocument.Parse("""{"a":1}""");

        Assert.That((subset.Usable, subset.Certifies(document.RootElement)), Is.EqualTo((false, false)));
    }
}
