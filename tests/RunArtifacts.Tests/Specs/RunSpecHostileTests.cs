using RunArtifacts.Specs;

namespace RunArtifacts.Tests.Specs;

/// <summary>Run specs that are JSON by syntax but not by meaning: each is a validation error, never another exception.</summary>
public class RunSpecHostileTests
{
    [TestCase("""{"model_key": "m", "prompts": {"raw": "bad \ud800 surrogate"}}""", "surrogate")]
    [TestCase("""{"model_key": "m", "notes": "\udfff alone"}""", "surrogate")]
    [TestCase("""{"model_key": "m\ud800", "slug": "s"}""", "surrogate")]
    [TestCase("""{"model_key": "m\ud800", "slug": 7, "tags": "not a list"}""", "surrogate")]
    [TestCase("""{"model_key": "m", "tags": ["\ud83d"]}""", "surrogate")]
    [TestCase("""{"model_key": "m", "model_key": "other"}""", "model_key")]
    [TestCase("""{"model_key": "m", "request": {"a": 1, "a": 2}}""", "'a'")]
    public void Parse_StringThatIsNotUnicodeOrAPropertyGivenTwice_ValidationError(string json, string says)
    {
        var ex = Assert.Throws<ArtifactValidationException>(() => RunSpec.Parse(json));

        Assert.That(ex!.Problems, Has.Some.Contains(says));
    }
}
