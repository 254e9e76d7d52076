using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace RunArtifacts.Experiments.Internal;

/// <summary>
/// YAML to and from a JSON tree, through YamlDotNet's parser and emitter only (reflection-free, AOT-clean; its
/// object Serializer/Deserializer are never used). A configuration lives as a <see cref="JsonNode"/> between the
/// builder and the disk, so the redactor, the flattener and the interpolation check see one shape whatever came in.
/// Plain scalars are typed by the YAML 1.2 core schema (null, booleans, integers, floats); quoted ones stay strings.
/// </summary>
internal static partial class YamlJson
{
    /// <summary>Reads one YAML document into a JSON tree.</summary>
    /// <exception cref="FormatException">The text is not YAML, holds several documents, or a key that is not a scalar.</exception>
    public static JsonNode? Parse(string yaml)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            throw new FormatException($"is not valid YAML ({ex.Start}): {ex.Message}", ex);
        }
        catch (InvalidOperationException ex)
        {
            // The parser reports some broken documents this way (a flow sequence left open, for one).
            throw new FormatException($"is not valid YAML: {ex.Message}", ex);
        }

        return stream.Documents.Count switch
        {
            0 => null,
            1 => ToJson(stream.Documents[0].RootNode, 0),
            _ => throw new FormatException($"holds {stream.Documents.Count} YAML documents; a configuration is one document."),
        };
    }

    /// <summary>Writes a JSON tree as block-style YAML (strings that would read back as another type are quoted).</summary>
    public static string Write(JsonNode? node)
    {
        var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        var emitter = new Emitter(text);
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart());
        Emit(emitter, node);
        emitter.Emit(new DocumentEnd(isImplicit: true));
        emitter.Emit(new StreamEnd());
        return text.ToString();
    }

    private static JsonNode? ToJson(YamlNode node, int depth)
    {
        if (depth > 64)
        {
            throw new FormatException("is nested more than 64 levels deep.");
        }

        switch (node)
        {
            case YamlMappingNode map:
                var obj = new JsonObject();
                foreach (var (key, value) in map.Children)
                {
                    if (key is not YamlScalarNode { Value: { } name })
                    {
                        throw new FormatException($"has a key that is not a scalar ({key.Start}).");
                    }

                    if (obj.ContainsKey(name))
                    {
                        throw new FormatException($"repeats the key '{name}' ({key.Start}).");
                    }

                    obj[name] = ToJson(value, depth + 1);
                }

                return obj;
            case YamlSequenceNode seq:
                var array = new JsonArray();
                foreach (var item in seq.Children)
                {
                    array.Add(ToJson(item, depth + 1));
                }

                return array;
            case YamlScalarNode scalar:
                return Scalar(scalar);
            default:
                throw new FormatException($"holds an unsupported node ({node.Start}).");
        }
    }

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? string.Empty;
        var tag = scalar.Tag.IsEmpty ? null : scalar.Tag.Value;
        if (tag == "tag:yaml.org,2002:str" || (tag is null && scalar.Style is not (ScalarStyle.Plain or ScalarStyle.Any)))
        {
            return JsonValue.Create(value);
        }

        if (value is "" or "~" or "null" or "Null" or "NULL")
        {
            return null;
        }

        if (value is "true" or "True" or "TRUE")
        {
            return JsonValue.Create(true);
        }

        if (value is "false" or "False" or "FALSE")
        {
            return JsonValue.Create(false);
        }

        if (IntPattern().IsMatch(value) && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
        {
            return JsonValue.Create(l);
        }

        if (FloatPattern().IsMatch(value) && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d))
        {
            return JsonValue.Create(d);
        }

        // .inf / .nan and everything else: kept as the text it is (JSON has no infinities).
        return JsonValue.Create(value);
    }

    private static void Emit(IEmitter emitter, JsonNode? node)
    {
        switch (node)
        {
            case null:
                emitter.Emit(new Scalar(null, null, "null", ScalarStyle.Plain, true, false));
                break;
            case JsonObject obj:
                emitter.Emit(new MappingStart(null, null, true, obj.Count == 0 ? MappingStyle.Flow : MappingStyle.Block));
                foreach (var (key, value) in obj)
                {
                    EmitString(emitter, key);
                    Emit(emitter, value);
                }

                emitter.Emit(new MappingEnd());
                break;
            case JsonArray array:
                emitter.Emit(new SequenceStart(null, null, true, array.Count == 0 ? SequenceStyle.Flow : SequenceStyle.Block));
                foreach (var item in array)
                {
                    Emit(emitter, item);
                }

                emitter.Emit(new SequenceEnd());
                break;
            case JsonValue value when value.GetValueKind() == System.Text.Json.JsonValueKind.String:
                EmitString(emitter, value.GetValue<string>());
                break;
            default:
                // Numbers and booleans: their JSON text is also their YAML text.
                emitter.Emit(new Scalar(null, null, node.ToJsonString(), ScalarStyle.Plain, true, false));
                break;
        }
    }

    private static void EmitString(IEmitter emitter, string value)
    {
        // A string that a reader would type as null, a boolean or a number (or that plain style cannot hold) is quoted.
        var plainTyped = value.Length == 0 || value is "~" or "null" or "Null" or "NULL" or "true" or "True" or "TRUE" or "false" or "False" or "FALSE"
            || IntPattern().IsMatch(value) || FloatPattern().IsMatch(value) || SpecialFloat().IsMatch(value);
        var style = plainTyped || NeedsQuotes(value) ? ScalarStyle.DoubleQuoted : ScalarStyle.Any;
        emitter.Emit(new Scalar(null, null, value, style, style == ScalarStyle.Any, true));
    }

    private static bool NeedsQuotes(string value)
    {
        foreach (var rune in value.EnumerateRunes())
        {
            if (Rune.IsControl(rune) && rune.Value != '\n')
            {
                return true;
            }
        }

        return false;
    }

    [GeneratedRegex(@"^[-+]?(0|[1-9][0-9]*)$")]
    private static partial Regex IntPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();

    [GeneratedRegex(@"^([-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$")]
    private static partial Regex SpecialFloat();
}
