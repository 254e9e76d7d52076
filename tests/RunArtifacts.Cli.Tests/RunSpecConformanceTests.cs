using System.Text.Json;
using System.Text.Json.Nodes;
using RunArtifacts.Schemas;
using RunArtifacts.Schemas.Internal;

namespace RunArtifacts.Cli.Tests;

/// <summary>The run-spec schema, checked by Python's jsonschema: the same verdicts as the in-process validator.</summary>
[NonParallelizable]
public class RunSpecConformanceTests
{
    [Test]
    public void RunSpecs_InProcessValidatorAgreesWithPythonJsonschema()
    {
        using var temp = new TempRoot();
        var every = RunSpecCommitTests.EverySpec(RunSpecCommitTests.Files(temp));
        var cases = new (string Name, Func<JsonObject> Make, bool Valid)[]
        {
            ("every field", () => every, true),
            ("only model_key", () => new JsonObject { ["model_key"] = "m" }, true),
            ("nulls for optional fields", () => new JsonObject { ["model_key"] = "m", ["slug"] = null, ["inputs"] = null, ["status"] = null }, true),
            ("no model_key", () => new JsonObject { ["slug"] = "s" }, false),
            ("blank model_key", () => new JsonObject { ["model_key"] = "  " }, false),
            ("unknown field", () => new JsonObject { ["model_key"] = "m", ["surprise"] = 1 }, false),
            ("created_at with an offset", () => new JsonObject { ["model_key"] = "m", ["created_at"] = "2026-03-26T22:45:12+01:00" }, true),
            ("created_at not a time", () => new JsonObject { ["model_key"] = "m", ["created_at"] = "yesterday" }, false),
            ("role with a space", () => new JsonObject { ["model_key"] = "m", ["inputs"] = new JsonArray(new JsonObject { ["path"] = "a.png", ["role"] = "first frame" }) }, false),
            ("file without path", () => new JsonObject { ["model_key"] = "m", ["outputs"] = new JsonArray(new JsonObject { ["kind"] = "image" }) }, false),
            ("kind not in the enum", () => new JsonObject { ["model_key"] = "m", ["outputs"] = new JsonArray(new JsonObject { ["path"] = "a", ["kind"] = "hologram" }) }, false),
            ("document with two sources", () => new JsonObject { ["model_key"] = "m", ["logs"] = new JsonObject { ["x"] = new JsonObject { ["text"] = "a", ["path"] = "b" } } }, false),
            ("document with none", () => new JsonObject { ["model_key"] = "m", ["logs"] = new JsonObject { ["x"] = new JsonObject() } }, false),
            ("document json any value", () => new JsonObject { ["model_key"] = "m", ["logs"] = new JsonObject { ["x"] = new JsonObject { ["json"] = new JsonArray(1, "two") } } }, true),
            ("status not in the enum", () => new JsonObject { ["model_key"] = "m", ["status"] = "done" }, false),
            ("error without message", () => new JsonObject { ["model_key"] = "m", ["errors"] = new JsonArray(new JsonObject { ["kind"] = "timeout" }) }, false),
            ("http_status below 100", () => new JsonObject { ["model_key"] = "m", ["errors"] = new JsonArray(new JsonObject { ["message"] = "x", ["http_status"] = 42 }) }, false),
            ("schema_version 2", () => new JsonObject { ["model_key"] = "m", ["schema_version"] = "2.0.0" }, false),
            ("$schema of another record", () => new JsonObject { ["model_key"] = "m", ["$schema"] = "https://runartifacts.dev/schemas/v1/run.schema.json" }, false),
        };
        var args = cases.Select((c, i) => $"run-spec={temp.File($"specs/{i:00}.json", c.Make().ToJsonString())}").ToList();

        var python = PythonJsonSchema.Run(args)["results"]!.AsArray();

        Assert.That(python, Has.Count.EqualTo(cases.Length));
        Assert.Multiple(() =>
        {
            for (var i = 0; i < cases.Length; i++)
            {
                using var doc = JsonDocument.Parse(File.ReadAllText(temp.Combine("specs", $"{i:00}.json")));
                var ours = SchemaValidator.For(RecordKind.RunSpec).Validate(doc.RootElement);
                Assert.That((bool)python[i]!["valid"]!, Is.EqualTo(cases[i].Valid), $"python: {cases[i].Name}: {python[i]!["errors"]!.ToJsonString()}");
                Assert.That(ours.Count == 0, Is.EqualTo(cases[i].Valid), $"ours: {cases[i].Name}: {string.Join("; ", ours)}");
            }
        });
    }
}
