using System.Text.Json;
using RunArtifacts.Schemas;
using RunArtifacts.Schemas.Internal;

namespace RunArtifacts.Tests.Schemas;

public class SchemaValidatorTests
{
    [TestCase("""{"properties":{"a":{"maxLength":3}}}""", """{"a":"abcd"}""", "maxLength")]
    [TestCase("""{"type":"object","properties":{"a":true},"unevaluatedProperties":false}""", """{"a":1,"b":2}""", "unevaluatedProperties")]
    [TestCase("""{"format":"date-time"}""", "\"2025-02-29T00:00:00Z\"", "format")]
    [TestCase("""{"format":"date-time"}""", "\"2026-03-26T21:45:12\"", "format")]
    [TestCase("""{"pattern":"^[0-9a-f]{64}$"}""", "\"abc\"", "pattern")]
    [TestCase("""{"$schema":"https://json-schema.org/draft/2020-12/schema","properties":{"id":{"pattern":"^run-[0-9]+$"}}}""", """{"id":"run-x"}""", "pattern")]
    [TestCase("""{"pattern":"^\\d+$"}""", "\"\u0661\u0662\"", "pattern")] // ECMAScript: \d is [0-9] only, as in JSON Schema (.NET's own \d takes any Unicode digit)
    public void Validate_AnyDraft202012Keyword_IsAsserted(string schema, string instance, string keyword)
    {
        using var doc = JsonDocument.Parse(instance);

        var errors = new SchemaValidator(schema).Validate(doc.RootElement);

        Assert.That(errors.Select(e => e.Keyword), Does.Contain(keyword), string.Join("; ", errors));
    }

    [TestCase("\"2026-03-26T21:45:12.123456Z\"")]
    [TestCase("\"2024-02-29T00:00:00Z\"")]
    [TestCase("\"2026-03-26t21:45:12+02:00\"")]
    public void Validate_Rfc3339DateTime_IsValid(string instance)
    {
        using var doc = JsonDocument.Parse(instance);

        Assert.That(new SchemaValidator("""{"format":"date-time"}""").Validate(doc.RootElement), Is.Empty);
    }

    [TestCase("""{"pattern":"^[0-9a-f]{64}$"}""", "\"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\"")]
    [TestCase("""{"pattern":"^\\d+$"}""", "\"0123\"")]
    [TestCase("""{"pattern":"b"}""", "\"abc\"")] // unanchored, as JSON Schema's pattern is
    public void Validate_MatchingPattern_IsValid(string schema, string instance)
    {
        using var doc = JsonDocument.Parse(instance);

        Assert.That(new SchemaValidator(schema).Validate(doc.RootElement), Is.Empty);
    }

    [Test]
    public void Validate_NestedError_NamesTheInstancePath()
    {
        var validator = new SchemaValidator("""{"type":"object","properties":{"outputs":{"type":"array","items":{"type":"object","properties":{"bytes":{"type":"integer","minimum":0}}}}}}""");
        using var doc = JsonDocument.Parse("""{"outputs":[{"bytes":1},{"bytes":-1}]}""");

        var errors = validator.Validate(doc.RootElement);

        Assert.That(errors.Select(e => (e.InstancePath, e.Keyword)), Is.EqualTo(new[] { ("/outputs/1/bytes", "minimum") }));
    }

    [Test]
    public void Validate_OneOfWithTwoMatches_Fails()
    {
        var validator = new SchemaValidator("""{"oneOf":[{"type":"integer"},{"minimum":0}]}""");

        using var two = JsonDocument.Parse("5");
        using var one = JsonDocument.Parse("-5");

        Assert.That(validator.Validate(two.RootElement).Select(e => e.Keyword), Does.Contain("oneOf"));
        Assert.That(validator.Validate(one.RootElement), Is.Empty);
    }

    [Test]
    public void Validate_AllowUnknownProperties_OpensClosedObjectsOnly()
    {
        var validator = new SchemaValidator("""{"type":"object","properties":{"a":{"type":"string"}},"additionalProperties":false}""");
        using var doc = JsonDocument.Parse("""{"a":1,"b":2}""");

        var strict = validator.Validate(doc.RootElement);
        var open = validator.Validate(doc.RootElement, allowUnknownProperties: true);

        Assert.That(strict.Select(e => e.Keyword).Distinct(), Is.EquivalentTo(new[] { "type", "additionalProperties" }), string.Join("; ", strict));
        Assert.That(open.Select(e => e.Keyword), Is.EqualTo(new[] { "type" }), string.Join("; ", open));
    }

    [Test]
    public void For_EveryEmbeddedSchema_Loads()
    {
        foreach (var kind in RecordSchemas.Kinds)
        {
            Assert.That(() => SchemaValidator.For(kind), Throws.Nothing, kind.ToString());
        }
    }

    [Test]
    public void RecordSchemas_IdsAndFileNames_FollowTheV1Layout()
    {
        Assert.That(RecordSchemas.Kinds.Select(RecordSchemas.GetFileName), Is.EqualTo(new[] { "run.schema.json", "manifest.schema.json", "index-entry.schema.json", "clip.schema.json", "view.schema.json", "run-spec.schema.json", "review-event.schema.json", "export-run.schema.json", "export-asset.schema.json", "export-manifest.schema.json", "metrics.schema.json", "run-manifest.schema.json" }));
        Assert.That(RecordSchemas.TryGetKind("https://runartifacts.dev/schemas/v1/view.schema.json", out var kind) && kind == RecordKind.View, Is.True);
        Assert.That(RecordSchemas.TryGetKind("https://runartifacts.dev/schemas/v2/view.schema.json", out _), Is.False);
        Assert.That(RecordSchemas.Version, Does.StartWith(RecordSchemas.MajorVersion + "."));
    }
}
