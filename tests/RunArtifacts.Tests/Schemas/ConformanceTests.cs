using System.Text.Json;
using System.Text.Json.Nodes;
using RunArtifacts.Schemas;
using RunArtifacts.Schemas.Internal;

namespace RunArtifacts.Tests.Schemas;

/// <summary>
/// Independent conformance: the committed schemas and the records of real bundles are checked by Python's jsonschema
/// (Draft202012Validator with format checking), and the in-process validator must give the same verdicts.
/// </summary>
[NonParallelizable]
public class ConformanceTests
{
    [Test]
    public void Schemas_AreValidDraft202012_ByPythonJsonschema()
    {
        var output = PythonJsonSchema.Run(["--check-schemas"]);

        var results = output["results"]!.AsArray();
        Assert.That(results.Select(r => (string?)r!["file"]), Is.EquivalentTo(RecordSchemas.Kinds.Select(RecordSchemas.GetFileName)));
        Assert.That(results.Where(r => !(bool)r!["valid"]!).Select(r => r!.ToJsonString()), Is.Empty);
    }

    [Test]
    public async Task GeneratedBundles_ValidateAgainstSchemasV1_ByPythonJsonschema()
    {
        using var temp = new TempRoot();
        var store = Bundles.StoreWithDerivatives(temp.Combine("root"));
        var runs = await Bundles.VarietyAsync(store, temp);
        var files = runs.SelectMany(r => Bundles.RecordFiles(r).Select(f => Path.Combine(r.FullPath, f))).Append(store.IndexPath).ToList();

        var output = PythonJsonSchema.Run(files);

        var results = output["results"]!.AsArray();
        TestContext.Out.WriteLine($"{output["validator"]}, date-time by {output["date_time_format"]}: {results.Count} records");
        Assert.That(results.Where(r => !(bool)r!["valid"]!).Select(r => r!.ToJsonString()), Is.Empty);
        Assert.That(results.Select(r => (string?)r!["kind"]).Distinct(), Is.EquivalentTo(new[] { "run", "manifest", "index-entry", "clip", "view" }));
        Assert.That(results.Count(r => (string?)r!["kind"] == "index-entry"), Is.EqualTo(runs.Count));
        Assert.That(results.Count(r => (string?)r!["kind"] == "view"), Is.EqualTo(6), "a web and a thumb for each of the three image outputs (two succeeded, one cancelled)");
    }

    [Test]
    public async Task Records_InProcessValidatorAgreesWithPythonJsonschema_OnValidAndBrokenRecords()
    {
        using var temp = new TempRoot();
        var store = Bundles.StoreWithDerivatives(temp.Combine("root"));
        var run = await Bundles.SucceededWithDerivativesAsync(store, temp);
        await Bundles.FailedAsync(store);
        var sources = new Dictionary<string, JsonNode>
        {
            ["run"] = Load(Path.Combine(run.FullPath, "run.json")),
            ["manifest"] = Load(Path.Combine(run.FullPath, "manifest.json")),
            ["index-entry"] = JsonNode.Parse(File.ReadLines(store.IndexPath).First())!,
            ["clip"] = Load(Path.Combine(run.FullPath, "original/output_01.png.clip.json")),
            ["view"] = Load(Path.Combine(run.FullPath, "web/output_01.png.view.json")),
        };

        var cases = Cases().ToList();
        var args = new List<string>();
        for (var i = 0; i < cases.Count; i++)
        {
            var c = cases[i];
            var node = sources[c.Kind].DeepClone();
            c.Edit(node);
            var file = temp.File($"cases/{i:000}.json", node.ToJsonString());
            args.Add($"{c.Kind}={file}");
        }

        var python = PythonJsonSchema.Run(args)["results"]!.AsArray();

        Assert.That(python, Has.Count.EqualTo(cases.Count));
        Assert.Multiple(() =>
        {
            for (var i = 0; i < cases.Count; i++)
            {
                var c = cases[i];
                var kind = RecordSchemas.Kinds.Single(k => RecordSchemas.GetFileName(k) == c.Kind + ".schema.json");
                using var doc = JsonDocument.Parse(File.ReadAllText(temp.Combine("cases", $"{i:000}.json")));
                var ours = SchemaValidator.For(kind).Validate(doc.RootElement);
                var pythonValid = (bool)python[i]!["valid"]!;
                Assert.That(pythonValid, Is.EqualTo(c.Valid), $"python on {c.Kind}: {c.Name}: {python[i]!["errors"]!.ToJsonString()}");
                Assert.That(ours.Count == 0, Is.EqualTo(c.Valid), $"ours on {c.Kind}: {c.Name}: {string.Join("; ", ours)}");
            }
        });
    }

    private sealed record Case(string Kind, string Name, Action<JsonNode> Edit, bool Valid);

    private static IEnumerable<Case> Cases()
    {
        static JsonNode Error(JsonNode? extra = null)
        {
            var e = new JsonObject { ["kind"] = "timeout", ["message"] = "took too long", ["inner"] = new JsonArray() };
            if (extra is not null)
            {
                e["surprise"] = extra;
            }

            return e;
        }

        foreach (var kind in new[] { "run", "manifest", "index-entry", "clip", "view" })
        {
            yield return new(kind, "as written", _ => { }, true);
            yield return new(kind, "unknown top-level field", n => n["surprise"] = 1, false);
            yield return new(kind, "no run_id", n => n.AsObject().Remove("run_id"), false);
            yield return new(kind, "schema_version 2.0.0", n => n["schema_version"] = "2.0.0", false);
            yield return new(kind, "$schema of another record", n => n["$schema"] = "https://runartifacts.dev/schemas/v1/other.schema.json", false);
            yield return new(kind, "created_at not a date", n => n["created_at"] = "2026-13-01T00:00:00Z", false);
            yield return new(kind, "created_at 30 February", n => n["created_at"] = "2026-02-30T10:00:00.000001Z", false);
            yield return new(kind, "created_at with an offset", n => n["created_at"] = "2026-02-03T10:00:00+01:00", false);
            yield return new(kind, "run_id with capitals", n => n["run_id"] = "20260101_000000_Model", false);
        }

        yield return new("run", "status not in the enum", n => n["status"] = "done", false);
        yield return new("run", "status cancelled", n => n["status"] = "cancelled", true);
        yield return new("run", "upper-case sha256", n => n["outputs"]![0]!["sha256"] = new string('A', 64), false);
        yield return new("run", "negative bytes", n => n["outputs"]![0]!["bytes"] = -1, false);
        yield return new("run", "fractional width", n => n["outputs"]![0]!["width"] = 1.5, false);
        yield return new("run", "width 2.0 is an integer", n => n["outputs"]![0]!["width"] = 2.0, true);
        yield return new("run", "provider_model null", n => n["provider_model"] = null, true);
        yield return new("run", "run_id null", n => n["run_id"] = null, false);
        yield return new("run", "log path with ..", n => n["logs"]!["stdout"] = "logs/../../x.txt", false);
        yield return new("run", "absolute log path", n => n["logs"]!["stdout"] = "/etc/passwd", false);
        yield return new("run", "backslash path", n => n["outputs"]![0]!["relative_path"] = "original\\output_01.png", false);
        yield return new("run", "nested errors", n => n["errors"] = new JsonArray(new JsonObject { ["kind"] = "io", ["message"] = "m", ["inner"] = new JsonArray(Error()) }), true);
        yield return new("run", "unknown field in a nested error", n => n["errors"] = new JsonArray(new JsonObject { ["kind"] = "io", ["message"] = "m", ["inner"] = new JsonArray(Error(1)) }), false);
        yield return new("run", "free-form options", n => n["options"] = new JsonObject { ["anything"] = new JsonArray(1, "two", null) }, true);
        yield return new("run", "derivative kind not in the enum", n => n["outputs"]![0]!["derivatives"]![0]!["kind"] = "preview", false);
        yield return new("run", "tags not strings", n => n["tags"] = new JsonArray(1, 2), false);
        yield return new("run", "by_rule count not an integer", n => n["redaction"]!["by_rule"] = new JsonObject { ["value:bearer"] = "two" }, false);
        yield return new("manifest", "input_count as text", n => n["input_count"] = "3", false);
        yield return new("manifest", "negative output_count", n => n["output_count"] = -2, false);
        yield return new("manifest", "run_path outside the date layout", n => n["run_path"] = "elsewhere/run", false);
        yield return new("index-entry", "run_path with ..", n => n["run_path"] = "2026-01-01/../20260101_000000_x", false);
        yield return new("index-entry", "has_video as text", n => n["has_video"] = "yes", false);
        yield return new("clip", "clip_id not deterministic-shaped", n => n["clip_id"] = "clip_XYZ", false);
        yield return new("clip", "media null", n => n["media"] = null, true);
        yield return new("clip", "kind video", n => n["kind"] = "video", true);
        yield return new("clip", "kind not in the enum", n => n["kind"] = "hologram", false);
        yield return new("clip", "output without sha256", n => n["output"]!.AsObject().Remove("sha256"), true);
        yield return new("clip", "output without path", n => n["output"]!.AsObject().Remove("path"), false);
        yield return new("view", "kind not in the enum", n => n["kind"] = "preview", false);
        yield return new("view", "transform arguments not a list", n => n["transform"]!["arguments"] = "-i x", false);
        yield return new("view", "transform without generator", n => n["transform"]!.AsObject().Remove("generator"), false);
        yield return new("view", "media with an unknown fact", n => n["media"] = new JsonObject { ["width"] = 3, ["flavour"] = "salty" }, false);
    }

    private static JsonNode Load(string path) => JsonNode.Parse(File.ReadAllText(path))!;
}
