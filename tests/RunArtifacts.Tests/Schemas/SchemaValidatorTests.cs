using System.Text.Json;
using RunArtifacts.Schemas;
using RunArtifacts.Schemas.Internal;

namespace RunArtifacts.Tests.Schemas;

public class SchemaValidatorTests
{
    [TestCase("""{"type":"object","unevaluatedProperties":false}""", "unevaluatedProperties")]
    [TestCase("""{"properties":{"a":{"maxLength":3}}}""", "maxLength")]
    [TestCase("""{"format":"email"}""", "email")]
    public void Constructor_KeywordItDoesNotImplement_IsRefused(string schema, string keyword)
    {
        var ex = Assert.Throws<NotSupportedException>(() => _ = new SchemaValidator(schema));

        Assert.That(ex!.Message, Does.Contain(keyword));
    }

    [TestCase("2026-03-26T21:45:12.123456Z", true)]
    [TestCase("2024-02-29T00:00:00Z", true)]
    [TestCase("2026-03-26t21:45:12+02:00", true)]
    [TestCase("2025-02-29T00:00:00Z", false)]
    [TestCase("2026-03-26 21:45:12Z", false)]
    [TestCase("2026-03-26T24:00:00Z", false)]
    [TestCase("2026-03-26T21:45:12", false)]
    public void IsDateTime_Rfc3339(string text, bool expected)
        => Assert.That(SchemaValidator.IsDateTime(text), Is.EqualTo(expected));

    [Test]
    public void Validate_OneOfWithTwoMatches_Fails()
    {
        var validator = new SchemaValidator("""{"oneOf":[{"type":"integer"},{"minimum":0}]}""");

        using var two = JsonDocument.Parse("5");
        using var one = JsonDocument.Parse("-5");

        Assert.That(validator.Validate(two.RootElement).Select(e => e.Keyword), Is.EqualTo(new[] { "oneOf" }));
        Assert.That(validator.Validate(one.RootElement), Is.Empty);
    }

    [Test]
    public void Validate_AllowUnknownProperties_OpensClosedObjectsOnly()
    {
        var validator = new SchemaValidator("""{"type":"object","properties":{"a":{"type":"string"}},"additionalProperties":false}""");
        using var doc = JsonDocument.Parse("""{"a":1,"b":2}""");

        var strict = validator.Validate(doc.RootElement);
        var open = validator.Validate(doc.RootElement, allowUnknownProperties: true);

        Assert.That(strict.Select(e => e.Keyword), Is.EquivalentTo(new[] { "type", "additionalProperties" }));
        Assert.That(open.Select(e => e.Keyword), Is.EqualTo(new[] { "type" }));
    }

    [Test]
    public void For_EveryEmbeddedSchema_LoadsWithOnlySupportedKeywords()
    {
        foreach (var kind in RecordSchemas.Kinds)
        {
            Assert.That(() => SchemaValidator.For(kind), Throws.Nothing, kind.ToString());
        }
    }

    [Test]
    public void RecordSchemas_IdsAndFileNames_FollowTheV1Layout()
    {
        Assert.That(RecordSchemas.Kinds.Select(RecordSchemas.GetFileName), Is.EqualTo(new[] { "run.schema.json", "manifest.schema.json", "index-entry.schema.json", "clip.schema.json", "view.schema.json", "run-spec.schema.json" }));
        Assert.That(RecordSchemas.TryGetKind("https://runartifacts.dev/schemas/v1/view.schema.json", out var kind) && kind == RecordKind.View, Is.True);
        Assert.That(RecordSchemas.TryGetKind("https://runartifacts.dev/schemas/v2/view.schema.json", out _), Is.False);
        Assert.That(RecordSchemas.Version, Does.StartWith(RecordSchemas.MajorVersion + "."));
    }
}
