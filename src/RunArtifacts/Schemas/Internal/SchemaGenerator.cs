using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization.Metadata;
using RunArtifacts.Records;
using RunArtifacts.Serialization;

namespace RunArtifacts.Schemas.Internal;

/// <summary>
/// Produces the v1 schemas from the record types with <see cref="JsonSchemaExporter"/> over the one source-generated
/// context, then adds what the exporter cannot infer: <c>$id</c>, titles, descriptions (from the XML docs),
/// patterns, formats, bounds, <c>$defs</c> for nested records, and the closed-object policy.
/// </summary>
internal static class SchemaGenerator
{
    private const string Draft = "https://json-schema.org/draft/2020-12/schema";

    private static readonly string[] KeyOrder =
    [
        "$schema", "$id", "$ref", "title", "description", "type", "const", "enum", "format", "pattern", "minimum",
        "properties", "required", "additionalProperties", "items", "anyOf", "oneOf", "$defs",
    ];

    /// <summary>The generated schema of one record kind, as indented JSON text with a final newline.</summary>
    /// <param name="kind">The record kind.</param>
    /// <param name="describe">Description of a type or property (from the XML docs), or null for none.</param>
    public static string GenerateText(RecordKind kind, Func<MemberInfo, string?>? describe)
        => Generate(kind, describe).ToJsonString(new JsonSerializerOptions { WriteIndented = true, IndentSize = 2, NewLine = "\n", Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";

    /// <summary>The generated schema of one record kind.</summary>
    /// <param name="kind">The record kind.</param>
    /// <param name="describe">Description of a type or property (from the XML docs), or null for none.</param>
    public static JsonObject Generate(RecordKind kind, Func<MemberInfo, string?>? describe)
    {
        var context = RunArtifactsJsonContext.Default;
        JsonTypeInfo root = kind switch
        {
            RecordKind.Run => context.RunRecord,
            RecordKind.Manifest => context.ManifestRecord,
            RecordKind.IndexEntry => context.IndexEntry,
            RecordKind.Clip => context.ClipRecord,
            RecordKind.View => context.ViewRecord,
            RecordKind.RunSpec => context.RunSpec,
            RecordKind.ReviewEvent => context.ReviewEvent,
            RecordKind.ExportRun => context.ExportRunRecord,
            RecordKind.ExportAsset => context.ExportAssetRecord,
            RecordKind.ExportManifest => context.ExportManifestRecord,
            RecordKind.Metrics => context.MetricsRecord,
            RecordKind.RunManifest => context.RunManifestRecord,
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        var defs = new SortedDictionary<string, JsonNode>(StringComparer.Ordinal);
        var options = new JsonSchemaExporterOptions
        {
            TreatNullObliviousAsNonNullable = true,
            TransformSchemaNode = (ctx, node) => Transform(ctx, node, defs, describe, root.Type, kind),
        };
        var schema = (JsonObject)JsonSchemaExporter.GetJsonSchemaAsNode(root, options);
        schema["$schema"] = Draft;
        schema["$id"] = RecordSchemas.GetId(kind);
        schema["title"] = Title(kind);
        var properties = (JsonObject)schema["properties"]!;
        properties["$schema"] = new JsonObject
        {
            ["description"] = "The $id of this schema.",
            ["const"] = RecordSchemas.GetId(kind),
        };
        properties["schema_version"] = new JsonObject
        {
            ["description"] = "Semantic version of the schema the record follows. Readers accept any 1.x.y and refuse another major version.",
            ["type"] = "string",
            ["pattern"] = SchemaAnnotations.Version1,
        };
        if (kind == RecordKind.RunSpec && defs.TryGetValue(nameof(Specs.RunSpecDocument), out var document))
        {
            // Exactly one of a file, text or a JSON value.
            ((JsonObject)document)["oneOf"] = new JsonArray(
                new JsonObject { ["required"] = new JsonArray("path") },
                new JsonObject { ["required"] = new JsonArray("text") },
                new JsonObject { ["required"] = new JsonArray("json") });
        }

        if (defs.Count > 0)
        {
            var defsNode = new JsonObject();
            foreach (var (name, def) in defs)
            {
                defsNode[name] = def;
            }

            schema["$defs"] = defsNode;
        }

        return (JsonObject)Canonical(schema);
    }

    private static string Title(RecordKind kind) => kind switch
    {
        RecordKind.Run => "RunArtifacts run record (run.json)",
        RecordKind.Manifest => "RunArtifacts manifest (manifest.json)",
        RecordKind.IndexEntry => "RunArtifacts index entry (one line of index.jsonl)",
        RecordKind.Clip => "RunArtifacts clip sidecar (<output>.clip.json)",
        RecordKind.View => "RunArtifacts view sidecar (<derivative>.view.json)",
        RecordKind.RunSpec => "RunArtifacts run spec (input of 'artifacts commit --spec')",
        RecordKind.ReviewEvent => "RunArtifacts review event (one line of reviews.jsonl)",
        RecordKind.ExportRun => "RunArtifacts export run (one line of an export's runs.jsonl)",
        RecordKind.ExportAsset => "RunArtifacts export asset (one line of an export's assets.jsonl)",
        RecordKind.ExportManifest => "RunArtifacts export manifest (an export's manifest.json)",
        RecordKind.Metrics => "RunArtifacts metrics (metrics.json)",
        RecordKind.RunManifest => "RunArtifacts run manifest (run_manifest.json)",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static JsonNode Transform(JsonSchemaExporterContext ctx, JsonNode node, SortedDictionary<string, JsonNode> defs, Func<MemberInfo, string?>? describe, Type rootType, RecordKind kind)
    {
        var type = ctx.TypeInfo.Type;
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        var obj = node as JsonObject ?? new JsonObject();

        // Times go through Rfc3339UtcConverter, which the exporter cannot see into.
        if (underlying == typeof(DateTimeOffset))
        {
            var nullable = Nullable.GetUnderlyingType(type) is not null || ctx.PropertyInfo?.IsGetNullable == true;
            obj = new JsonObject
            {
                ["type"] = nullable ? new JsonArray("string", "null") : "string",
                ["format"] = "date-time",
                ["pattern"] = SchemaAnnotations.UtcTime,
            };

            // A spec is written by people and other languages: any RFC 3339 offset is read and stored in UTC.
            if (kind == RecordKind.RunSpec)
            {
                obj.Remove("pattern");
            }
        }

        // String enums (status, kinds): the exporter lists the values; say they are strings too.
        if (underlying.IsEnum && obj["enum"] is JsonArray values && !obj.ContainsKey("type"))
        {
            obj["type"] = values.Any(v => v is null) ? new JsonArray("string", "null") : "string";
        }

        // A record type: closed, required = every property that is never null, described; nested ones go to $defs.
        if (IsRecord(underlying) && ctx.TypeInfo.Kind == JsonTypeInfoKind.Object)
        {
            var isRoot = underlying == rootType && ctx.Path.Length == 0;
            bool nullable;
            if (obj.ContainsKey("$ref"))
            {
                // A recursive reference the exporter made (error.inner); point it at the definition instead.
                nullable = false;
            }
            else
            {
                nullable = IsNullable(obj);
                obj["type"] = "object";
                var required = new JsonArray();
                if (isRoot && kind != RecordKind.RunSpec)
                {
                    required.Add((JsonNode)"$schema");
                    required.Add((JsonNode)"schema_version");
                }

                foreach (var p in ctx.TypeInfo.Properties)
                {
                    if (p.Name is "$schema" or "schema_version")
                    {
                        continue;
                    }

                    if (p.IsRequired || !p.IsGetNullable)
                    {
                        required.Add((JsonNode)p.Name);
                    }
                }

                obj["required"] = required;
                obj["additionalProperties"] = false;
                if (describe?.Invoke(underlying) is { } typeDescription)
                {
                    obj["description"] = typeDescription;
                }

                if (!isRoot)
                {
                    defs[underlying.Name] = Canonical(obj.DeepClone());
                }
            }

            if (!isRoot)
            {
                JsonObject reference = new() { ["$ref"] = "#/$defs/" + underlying.Name };
                obj = nullable ? new JsonObject { ["anyOf"] = new JsonArray(reference, new JsonObject { ["type"] = "null" }) } : reference;
            }
        }

        if (ctx.PropertyInfo is { } property)
        {
            if (property.AttributeProvider is MemberInfo member && describe?.Invoke(member) is { } description)
            {
                obj["description"] = description;
            }

            var key = property.DeclaringType.Name + "." + (property.AttributeProvider as MemberInfo)?.Name;
            if (SchemaAnnotations.ByProperty.TryGetValue(key, out var annotation))
            {
                var target = obj;
                if (annotation.ItemsOrValues)
                {
                    target = (obj["items"] ?? obj["additionalProperties"]) as JsonObject
                        ?? throw new InvalidOperationException($"{key} is annotated for its items but has none.");
                }

                if (annotation.Pattern is { } pattern)
                {
                    target["pattern"] = pattern;
                }

                if (annotation.Minimum is { } minimum)
                {
                    target["minimum"] = minimum;
                }
            }
        }

        return obj;
    }

    private static bool IsRecord(Type type)
        => type.IsClass && type.Assembly == typeof(RunRecord).Assembly
            && (type.Namespace == typeof(RunRecord).Namespace || type.Namespace == typeof(Specs.RunSpec).Namespace || type.Namespace == typeof(Reviews.ReviewEvent).Namespace || type.Namespace == typeof(Export.ExportRunRecord).Namespace);

    private static bool IsNullable(JsonObject obj)
        => obj["type"] is JsonArray types && types.Any(t => t?.GetValue<string>() == "null");

    /// <summary>Orders the keywords of every schema object the same way, so the files diff well; maps of names (<c>properties</c>, <c>$defs</c>) keep their order.</summary>
    private static JsonNode Canonical(JsonNode node, bool isNameMap = false)
    {
        switch (node)
        {
            case JsonObject obj:
                var ordered = new JsonObject();
                var keys = obj.Select(p => p.Key).ToList();
                var order = isNameMap ? keys : keys.OrderBy(k => Array.IndexOf(KeyOrder, k) is var i && i < 0 ? int.MaxValue : i).ToList();
                foreach (var key in order)
                {
                    var value = obj[key];
                    ordered[key] = value is null ? null : Canonical(value.DeepClone(), !isNameMap && key is "properties" or "$defs");
                }

                return ordered;
            case JsonArray array:
                return new JsonArray(array.Select(v => v is null ? null : Canonical(v.DeepClone())).ToArray());
            default:
                return node.DeepClone();
        }
    }
}
