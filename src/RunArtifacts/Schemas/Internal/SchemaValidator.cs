using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace RunArtifacts.Schemas.Internal;

/// <summary>One way an instance fails its schema.</summary>
/// <param name="InstancePath">JSON pointer into the instance (<c>/outputs/0/sha256</c>; empty for the root).</param>
/// <param name="Keyword">The keyword that failed (<c>required</c>, <c>pattern</c>, …).</param>
/// <param name="Message">What is wrong.</param>
internal sealed record SchemaError(string InstancePath, string Keyword, string Message)
{
    public override string ToString() => $"{(InstancePath.Length == 0 ? "/" : InstancePath)}: {Message}";
}

/// <summary>
/// A small JSON Schema draft 2020-12 validator covering exactly the keywords the v1 schemas use: <c>type</c>,
/// <c>properties</c>, <c>required</c>, <c>additionalProperties</c>, <c>items</c>, <c>enum</c>, <c>const</c>,
/// <c>pattern</c>, <c>format</c> (<c>date-time</c>, asserted), <c>minimum</c>, <c>$ref</c> to a local JSON pointer
/// (<c>#/$defs/…</c>), <c>anyOf</c>, <c>oneOf</c>, and the annotations <c>$schema</c>, <c>$id</c>, <c>$defs</c>,
/// <c>title</c>, <c>description</c>. A schema with any other keyword is refused when it is loaded, so the validator never
/// silently ignores a rule. Tests check its verdicts against Python's <c>jsonschema</c> (Draft202012Validator).
/// </summary>
internal sealed class SchemaValidator
{
    private static readonly HashSet<string> Supported = new(StringComparer.Ordinal)
    {
        "$schema", "$id", "$defs", "title", "description", "type", "properties", "required", "additionalProperties",
        "items", "enum", "const", "pattern", "format", "minimum", "$ref", "anyOf", "oneOf",
    };

    private static readonly ConcurrentDictionary<RecordKind, SchemaValidator> Embedded = new();

    private readonly JsonElement root;
    private readonly ConcurrentDictionary<string, Regex> patterns = new(StringComparer.Ordinal);

    /// <summary>Loads a schema, refusing keywords this validator does not implement.</summary>
    public SchemaValidator(string schemaJson)
    {
        using var doc = JsonDocument.Parse(schemaJson);
        root = doc.RootElement.Clone();
        CheckKeywords(root, "#");
    }

    /// <summary>The validator of an embedded v1 schema.</summary>
    public static SchemaValidator For(RecordKind kind) => Embedded.GetOrAdd(kind, static k => new SchemaValidator(RecordSchemas.GetSchemaJson(k)));

    /// <summary>Every way the instance fails the schema; empty when it is valid.</summary>
    /// <param name="instance">The instance.</param>
    /// <param name="allowUnknownProperties">
    /// Treat <c>additionalProperties: false</c> as <c>true</c>: used for records of a newer minor version, which may
    /// carry fields this version of the schema does not know.
    /// </param>
    public IReadOnlyList<SchemaError> Validate(JsonElement instance, bool allowUnknownProperties = false)
    {
        var errors = new List<SchemaError>();
        Validate(root, instance, "", errors, allowUnknownProperties, depth: 0);
        return errors;
    }

    /// <summary>The errors of the branch the instance came closest to: one whose type it has (so <c>{"$ref"} | null</c> explains the object), then the fewest errors.</summary>
    private static List<SchemaError> Closest(List<List<SchemaError>> branches, string path)
        => branches.OrderBy(b => b.Any(e => e.InstancePath == path && e.Keyword == "type") ? 1 : 0).ThenBy(b => b.Count).First();

    private void Validate(JsonElement schema, JsonElement instance, string path, List<SchemaError> errors, bool open, int depth)
    {
        if (depth > 64)
        {
            errors.Add(new(path, "$ref", "the schema nests deeper than 64 levels here"));
            return;
        }

        if (schema.ValueKind == JsonValueKind.True)
        {
            return;
        }

        if (schema.ValueKind == JsonValueKind.False)
        {
            errors.Add(new(path, "false", "no value is allowed here"));
            return;
        }

        if (schema.TryGetProperty("$ref", out var reference))
        {
            Validate(Resolve(reference.GetString()!), instance, path, errors, open, depth + 1);
        }

        if (schema.TryGetProperty("type", out var type) && !MatchesType(type, instance))
        {
            errors.Add(new(path, "type", $"expected {TypeText(type)}, found {Describe(instance)}"));
            return;
        }

        if (schema.TryGetProperty("const", out var constant) && !JsonEquals(constant, instance))
        {
            errors.Add(new(path, "const", $"expected {constant.GetRawText()}, found {Short(instance)}"));
        }

        if (schema.TryGetProperty("enum", out var values) && !values.EnumerateArray().Any(v => JsonEquals(v, instance)))
        {
            errors.Add(new(path, "enum", $"{Short(instance)} is not one of {values.GetRawText().Replace("\n", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal)}"));
        }

        if (instance.ValueKind == JsonValueKind.String)
        {
            var text = instance.GetString()!;
            if (schema.TryGetProperty("pattern", out var pattern) && !Pattern(pattern.GetString()!).IsMatch(text))
            {
                errors.Add(new(path, "pattern", $"{Short(instance)} does not match {pattern.GetString()}"));
            }

            if (schema.TryGetProperty("format", out var format) && format.GetString() == "date-time" && !IsDateTime(text))
            {
                errors.Add(new(path, "format", $"{Short(instance)} is not an RFC 3339 date-time"));
            }
        }

        if (instance.ValueKind == JsonValueKind.Number && schema.TryGetProperty("minimum", out var minimum) && instance.GetDouble() < minimum.GetDouble())
        {
            errors.Add(new(path, "minimum", $"{instance.GetRawText()} is less than {minimum.GetRawText()}"));
        }

        if (instance.ValueKind == JsonValueKind.Object)
        {
            ValidateObject(schema, instance, path, errors, open, depth);
        }

        if (instance.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
        {
            var i = 0;
            foreach (var item in instance.EnumerateArray())
            {
                Validate(items, item, path + "/" + i.ToString(CultureInfo.InvariantCulture), errors, open, depth + 1);
                i++;
            }
        }

        if (schema.TryGetProperty("anyOf", out var anyOf))
        {
            var branches = anyOf.EnumerateArray().Select(s => Branch(s, instance, path, open, depth)).ToList();
            if (branches.All(b => b.Count > 0))
            {
                errors.Add(new(path, "anyOf", "matches none of the allowed shapes"));
                errors.AddRange(Closest(branches, path));
            }
        }

        if (schema.TryGetProperty("oneOf", out var oneOf))
        {
            var branches = oneOf.EnumerateArray().Select(s => Branch(s, instance, path, open, depth)).ToList();
            var matched = branches.Count(b => b.Count == 0);
            if (matched != 1)
            {
                errors.Add(new(path, "oneOf", matched == 0 ? "matches none of the allowed shapes" : $"matches {matched} shapes where exactly one is allowed"));
                if (matched == 0)
                {
                    errors.AddRange(Closest(branches, path));
                }
            }
        }
    }

    private List<SchemaError> Branch(JsonElement schema, JsonElement instance, string path, bool open, int depth)
    {
        var errors = new List<SchemaError>();
        Validate(schema, instance, path, errors, open, depth + 1);
        return errors;
    }

    private void ValidateObject(JsonElement schema, JsonElement instance, string path, List<SchemaError> errors, bool open, int depth)
    {
        if (schema.TryGetProperty("required", out var required))
        {
            foreach (var name in required.EnumerateArray())
            {
                if (!instance.TryGetProperty(name.GetString()!, out _))
                {
                    errors.Add(new(path, "required", $"required property '{name.GetString()}' is missing"));
                }
            }
        }

        schema.TryGetProperty("properties", out var properties);
        var hasAdditional = schema.TryGetProperty("additionalProperties", out var additional);
        foreach (var member in instance.EnumerateObject())
        {
            var childPath = path + "/" + Escape(member.Name);
            if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(member.Name, out var propertySchema))
            {
                Validate(propertySchema, member.Value, childPath, errors, open, depth + 1);
            }
            else if (hasAdditional)
            {
                if (additional.ValueKind == JsonValueKind.False)
                {
                    if (!open)
                    {
                        errors.Add(new(childPath, "additionalProperties", $"property '{member.Name}' is not allowed"));
                    }
                }
                else
                {
                    Validate(additional, member.Value, childPath, errors, open, depth + 1);
                }
            }
        }
    }

    private JsonElement Resolve(string reference)
    {
        if (!reference.StartsWith('#'))
        {
            throw new NotSupportedException($"Only local references are supported, not '{reference}'.");
        }

        var node = root;
        foreach (var raw in reference[1..].Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var token = Uri.UnescapeDataString(raw).Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            node = node.ValueKind == JsonValueKind.Array ? node[int.Parse(token, CultureInfo.InvariantCulture)] : node.GetProperty(token);
        }

        return node;
    }

    private Regex Pattern(string pattern) => patterns.GetOrAdd(pattern, static p => new Regex(p, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)));

    private static void CheckKeywords(JsonElement schema, string at)
    {
        if (schema.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return;
        }

        if (schema.ValueKind != JsonValueKind.Object)
        {
            throw new NotSupportedException($"The schema at {at} is neither an object nor a boolean.");
        }

        foreach (var keyword in schema.EnumerateObject())
        {
            if (!Supported.Contains(keyword.Name))
            {
                throw new NotSupportedException($"The schema uses '{keyword.Name}' at {at}, which this validator does not implement.");
            }

            switch (keyword.Name)
            {
                case "properties" or "$defs":
                    foreach (var p in keyword.Value.EnumerateObject())
                    {
                        CheckKeywords(p.Value, $"{at}/{keyword.Name}/{p.Name}");
                    }

                    break;
                case "items" or "additionalProperties":
                    CheckKeywords(keyword.Value, $"{at}/{keyword.Name}");
                    break;
                case "anyOf" or "oneOf":
                    var i = 0;
                    foreach (var s in keyword.Value.EnumerateArray())
                    {
                        CheckKeywords(s, $"{at}/{keyword.Name}/{i++}");
                    }

                    break;
                case "format" when keyword.Value.GetString() != "date-time":
                    throw new NotSupportedException($"The schema uses format '{keyword.Value.GetString()}' at {at}, which this validator does not implement.");
            }
        }
    }

    private static bool MatchesType(JsonElement type, JsonElement instance)
        => type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Any(t => Is(t.GetString()!, instance)) : Is(type.GetString()!, instance);

    private static bool Is(string type, JsonElement instance) => type switch
    {
        "object" => instance.ValueKind == JsonValueKind.Object,
        "array" => instance.ValueKind == JsonValueKind.Array,
        "string" => instance.ValueKind == JsonValueKind.String,
        "boolean" => instance.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => instance.ValueKind == JsonValueKind.Null,
        "number" => instance.ValueKind == JsonValueKind.Number,
        "integer" => instance.ValueKind == JsonValueKind.Number && IsInteger(instance),
        _ => throw new NotSupportedException($"Unknown type '{type}'."),
    };

    private static bool IsInteger(JsonElement number)
        => number.TryGetInt64(out _) || (number.TryGetDecimal(out var d) ? decimal.Truncate(d) == d : Math.Floor(number.GetDouble()) == number.GetDouble());

    private static bool JsonEquals(JsonElement a, JsonElement b)
    {
        if (a.ValueKind == JsonValueKind.Number && b.ValueKind == JsonValueKind.Number)
        {
            return a.TryGetDecimal(out var x) && b.TryGetDecimal(out var y) ? x == y : a.GetDouble() == b.GetDouble();
        }

        return JsonElement.DeepEquals(a, b);
    }

    /// <summary>RFC 3339 <c>date-time</c>: the grammar, then a real calendar date and time (leap second allowed).</summary>
    internal static bool IsDateTime(string text)
    {
        var m = DateTimePattern().Match(text);
        if (!m.Success)
        {
            return false;
        }

        int N(string group) => int.Parse(m.Groups[group].ValueSpan, CultureInfo.InvariantCulture);
        var (year, month, day) = (N("y"), N("mo"), N("d"));
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year == 0 ? 2000 : year, month))
        {
            return false;
        }

        if (N("h") > 23 || N("mi") > 59 || N("s") > 60)
        {
            return false;
        }

        return !m.Groups["oh"].Success || (N("oh") <= 23 && N("om") <= 59);
    }

    private static string TypeText(JsonElement type)
        => type.ValueKind == JsonValueKind.Array ? string.Join(" or ", type.EnumerateArray().Select(t => t.GetString())) : type.GetString()!;

    private static string Describe(JsonElement instance) => instance.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    private static string Short(JsonElement instance)
    {
        var raw = instance.GetRawText();
        return raw.Length <= 80 ? raw : raw[..77] + "...";
    }

    private static string Escape(string name) => name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    private static Regex DateTimePattern() => DateTimeRegex;

    private static readonly Regex DateTimeRegex = new(
        @"^(?<y>[0-9]{4})-(?<mo>[0-9]{2})-(?<d>[0-9]{2})[Tt](?<h>[0-9]{2}):(?<mi>[0-9]{2}):(?<s>[0-9]{2})(\.[0-9]+)?([Zz]|[+-](?<oh>[0-9]{2}):(?<om>[0-9]{2}))$",
        RegexOptions.CultureInvariant | RegexOptions.Compiled);
}
