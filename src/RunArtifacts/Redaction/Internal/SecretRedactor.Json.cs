using System.Text.Json;

namespace RunArtifacts.Redaction.Internal;

internal sealed partial class SecretRedactor
{
    /// <summary>
    /// Writes a redacted copy of <paramref name="root"/> to <paramref name="writer"/>: the same rules, paths and accounting as
    /// <see cref="RedactJson"/>, without building a node tree (a <see cref="JsonDocument"/> is read, unchanged values are
    /// copied as they are). Used for captured JSON logs, which can be large.
    /// </summary>
    public void WriteRedactedJson(JsonElement root, Utf8JsonWriter writer, string file, RedactionLedger ledger)
    {
        ArgumentNullException.ThrowIfNull(writer);
        WriteElement(root, writer, new JsonPathBuilder(), file, ledger, secretName: null);
    }

    private void WriteElement(JsonElement element, Utf8JsonWriter writer, JsonPathBuilder path, string file, RedactionLedger ledger, string? secretName)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                WriteObject(element, writer, path, file, ledger);
                break;
            case JsonValueKind.Array:
                WriteArray(element, writer, path, file, ledger, secretName);
                break;
            case JsonValueKind.String:
                WriteString(element, writer, path, file, ledger, secretName);
                break;
            case JsonValueKind.Number when secretName is not null:
                ledger.Add(file, path.Build(), "name:" + SecretNames.Normalize(secretName));
                writer.WriteStringValue(Marker);
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }

    private void WriteObject(JsonElement obj, Utf8JsonWriter writer, JsonPathBuilder path, string file, RedactionLedger ledger)
    {
        // Header lists as objects: {"name": "Authorization", "value": "Bearer ..."}; the name may come after the value.
        string? pairName = null;
        foreach (var nameKey in (ReadOnlySpan<string>)["name", "key", "header"])
        {
            if (obj.TryGetProperty(nameKey, out var n) && n.ValueKind == JsonValueKind.String && n.GetString() is { } s && names.IsSecret(s))
            {
                pairName = s;
                break;
            }
        }

        writer.WriteStartObject();
        HashSet<string>? written = null;
        foreach (var property in obj.EnumerateObject())
        {
            var key = property.Name;
            var keyText = key.Length >= MinSecretLength || extraPatterns.Length > 0 ? Scan(key, file, new Location(null, path, " (key)"), ledger, found: null) : key;
            if (!ReferenceEquals(keyText, key))
            {
                written ??= obj.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
                var unique = keyText;
                for (var n = 2; written.Contains(unique); n++)
                {
                    unique = keyText + "#" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                written.Add(unique);
                key = unique;
            }

            writer.WritePropertyName(key);
            path.Push(key);
            var secret = names.IsSecret(key) ? key : (pairName is not null && key == "value" ? pairName : null);
            WriteElement(property.Value, writer, path, file, ledger, secret);
            path.Pop();
        }

        writer.WriteEndObject();
    }

    private void WriteArray(JsonElement array, Utf8JsonWriter writer, JsonPathBuilder path, string file, RedactionLedger ledger, string? secretName)
    {
        // Header lists as pairs: [["Authorization", "Bearer ..."], ...].
        string? pairName = null;
        if (array.GetArrayLength() == 2 && array[0].ValueKind == JsonValueKind.String && array[0].GetString() is { } first && names.IsSecret(first))
        {
            pairName = first;
        }

        writer.WriteStartArray();
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Null)
            {
                writer.WriteNullValue();
                i++;
                continue;
            }

            path.Push(i);
            WriteElement(item, writer, path, file, ledger, secretName ?? (i == 1 ? pairName : null));
            path.Pop();
            i++;
        }

        writer.WriteEndArray();
    }

    private void WriteString(JsonElement value, Utf8JsonWriter writer, JsonPathBuilder path, string file, RedactionLedger ledger, string? secretName)
    {
        if (secretName is not null)
        {
            var s = value.GetString()!;
            if (s.Length > 0 && s != Marker && !allowedValues.Contains(s))
            {
                ledger.Add(file, path.Build(), "name:" + SecretNames.Normalize(secretName));
                writer.WriteStringValue(Marker);
                return;
            }

            value.WriteTo(writer);
            return;
        }

        var text = value.GetString()!;
        if (text.Length < MinSecretLength && extraPatterns.Length == 0 && text.AsSpan().IndexOfAny('=', ':') < 0)
        {
            value.WriteTo(writer);
            return;
        }

        var redacted = Scan(text, file, new Location(null, path, null), ledger, found: null);
        if (ReferenceEquals(redacted, text))
        {
            value.WriteTo(writer);
        }
        else
        {
            writer.WriteStringValue(redacted);
        }
    }
}
