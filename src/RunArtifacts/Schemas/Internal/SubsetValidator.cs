using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace RunArtifacts.Schemas.Internal;

/// <summary>
/// A fast, conservative pre-check for simple schemas (the export records): it understands only <c>type</c>, <c>const</c>,
/// <c>enum</c>, <c>pattern</c>, <c>minimum</c>, <c>format: date-time</c>, <c>properties</c>, <c>required</c>,
/// <c>additionalProperties</c>, <c>items</c> and local <c>$ref</c>s, and answers only "certainly valid" or "not sure".
/// A schema with any other keyword is never certified. Callers run the full JSON Schema evaluation for every instance it
/// does not certify, so the problems reported (and their messages) are exactly those of the full evaluation.
/// </summary>
internal sealed class SubsetValidator
{
    private static readonly HashSet<string> Annotations = new(StringComparer.Ordinal) { "$schema", "$id", "$defs", "$comment", "description", "title", "default", "examples" };

    private static readonly HashSet<string> Understood = new(StringComparer.Ordinal) { "type", "const", "enum", "pattern", "minimum", "format", "properties", "required", "additionalProperties", "items", "$ref" };

    private readonly JsonObject root;
    private readonly Dictionary<string, Regex> patterns = new(StringComparer.Ordinal);
    private readonly Dictionary<JsonNode, JsonElement[]> allowed = new(ReferenceEqualityComparer.Instance);

    private SubsetValidator(JsonObject root)
    {
        this.root = root;
        try
        {
            Prepare(root);
            Usable = true;
        }
        catch (Exception ex) when (ex is NotSupportedException or InvalidOperationException or FormatException)
        {
            Usable = false;
        }
    }

    /// <summary>False when the schema uses a keyword this validator does not understand: then it certifies nothing.</summary>
    public bool Usable { get; }

    /// <summary>Builds the pre-check of a schema.</summary>
    public static SubsetValidator For(string schemaJson) => new(JsonNode.Parse(schemaJson) as JsonObject ?? []);

    /// <summary>True only when the instance certainly satisfies the schema; false when it may not (run the full evaluation).</summary>
    public bool Certifies(JsonElement instance) => Usable && Check(root, instance);

    private void Prepare(JsonObject schema)
    {
        foreach (var (keyword, value) in schema)
        {
            if (Annotations.Contains(keyword))
            {
                if (keyword == "$defs" && value is JsonObject defs)
                {
                    foreach (var (_, def) in defs)
                    {
                        Prepare(def as JsonObject ?? throw new NotSupportedException());
                    }
                }

                continue;
            }

            if (!Understood.Contains(keyword))
            {
                throw new NotSupportedException(keyword);
            }

            switch (keyword)
            {
                case "format" when value?.GetValue<string>() != "date-time":
                    throw new NotSupportedException("format");
                case "properties":
                    foreach (var (_, sub) in value as JsonObject ?? throw new NotSupportedException())
                    {
                        Prepare(sub as JsonObject ?? throw new NotSupportedException());
                    }

                    break;
                case "items":
                    Prepare(value as JsonObject ?? throw new NotSupportedException());
                    break;
                case "additionalProperties" when value is JsonObject sub:
                    Prepare(sub);
                    break;
                case "additionalProperties" when value?.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False):
                    throw new NotSupportedException();
                case "$ref" when !(value?.GetValue<string>() ?? string.Empty).StartsWith("#/$defs/", StringComparison.Ordinal):
                    throw new NotSupportedException("$ref");
                case "const":
                    allowed[schema] = [ToElement(value)];
                    break;
                case "enum":
                    allowed[schema] = [.. (value as JsonArray ?? throw new NotSupportedException()).Select(ToElement)];
                    break;
                case "pattern":
                    var text = value!.GetValue<string>();
                    patterns[text] = new Regex(text, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
                    break;
            }
        }
    }

    private bool Check(JsonObject schema, JsonElement value)
    {
        foreach (var (keyword, rule) in schema)
        {
            var ok = keyword switch
            {
                "type" => TypeMatches(rule!, value),
                "const" or "enum" => allowed[schema].Any(option => JsonElement.DeepEquals(value, option)),
                "pattern" => value.ValueKind != JsonValueKind.String || (value.GetString() is { } s && !s.Contains('\n', StringComparison.Ordinal) && patterns[rule!.GetValue<string>()].IsMatch(s)),
                "minimum" => value.ValueKind != JsonValueKind.Number || (value.TryGetDecimal(out var d) && d >= rule!.GetValue<decimal>()),
                "format" => value.ValueKind != JsonValueKind.String || IsDateTime(value.GetString()!),
                "$ref" => Check(root["$defs"]![rule!.GetValue<string>()["#/$defs/".Length..]]!.AsObject(), value),
                "items" => value.ValueKind != JsonValueKind.Array || value.EnumerateArray().All(item => Check(rule!.AsObject(), item)),
                "required" => value.ValueKind != JsonValueKind.Object || rule!.AsArray().All(name => value.TryGetProperty(name!.GetValue<string>(), out _)),
                "properties" => value.ValueKind != JsonValueKind.Object || PropertiesMatch(schema, rule!.AsObject(), value),
                "additionalProperties" when schema["properties"] is null => value.ValueKind != JsonValueKind.Object || PropertiesMatch(schema, [], value),
                _ => true,
            };
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    private bool PropertiesMatch(JsonObject schema, JsonObject properties, JsonElement value)
    {
        var additional = schema["additionalProperties"];
        foreach (var property in value.EnumerateObject())
        {
            if (properties[property.Name] is JsonObject sub)
            {
                if (!Check(sub, property.Value))
                {
                    return false;
                }
            }
            else if (additional is JsonObject extra)
            {
                if (!Check(extra, property.Value))
                {
                    return false;
                }
            }
            else if (additional is not null && additional.GetValueKind() == JsonValueKind.False)
            {
                return false;
            }
        }

        return true;
    }

    private static bool TypeMatches(JsonNode rule, JsonElement value)
    {
        bool One(string type) => type switch
        {
            "string" => value.ValueKind == JsonValueKind.String,
            "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
            "number" => value.ValueKind == JsonValueKind.Number,
            "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
            "array" => value.ValueKind == JsonValueKind.Array,
            "object" => value.ValueKind == JsonValueKind.Object,
            "null" => value.ValueKind == JsonValueKind.Null,
            _ => false,
        };
        return rule is JsonArray many ? many.Any(t => One(t!.GetValue<string>())) : One(rule.GetValue<string>());
    }

    /// <summary>Conservative RFC 3339 check: the schema's own pattern already fixed the shape; the date and time must exist.</summary>
    private static bool IsDateTime(string text)
        => text.Length >= 20 && text[10] == 'T' && text.EndsWith('Z')
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out _);

    private static JsonElement ToElement(JsonNode? node) => node is null ? JsonElement.Parse("null") : JsonSerializer.SerializeToElement(node, Serialization.RunArtifactsJsonContext.Default.JsonNode);
}
