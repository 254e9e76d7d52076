using System.Text.Json;
using System.Text.Json.Nodes;

namespace RunArtifacts.Redaction.Internal;

/// <summary>Redaction of a <see cref="JsonNode"/> tree (the values a caller gives); <see cref="WriteRedactedJson"/> streams the same rules over a parsed document.</summary>
internal sealed partial class SecretRedactor
{
    /// <summary>Walks a JSON tree in place; returns a replacement for <paramref name="node"/> when it must change, else null.</summary>
    private JsonNode? Walk(JsonNode node, JsonPathBuilder path, string file, RedactionLedger ledger, string? secretName)
    {
        switch (node)
        {
            case JsonObject obj:
                WalkObject(obj, path, file, ledger);
                return null;
            case JsonArray array:
                WalkArray(array, path, file, ledger, secretName);
                return null;
            case JsonValue value:
                return RedactScalar(value, path, file, ledger, secretName);
            default:
                return null;
        }
    }

    private void WalkObject(JsonObject obj, JsonPathBuilder path, string file, RedactionLedger ledger)
    {
        // Header lists as objects: {"name": "Authorization", "value": "Bearer ..."} (HAR and many SDK traces).
        string? pairName = null;
        foreach (var nameKey in (ReadOnlySpan<string>)["name", "key", "header"])
        {
            if (obj.TryGetPropertyValue(nameKey, out var n) && n is JsonValue nv && nv.TryGetValue<string>(out var s) && names.IsSecret(s))
            {
                pairName = s;
                break;
            }
        }

        for (var i = 0; i < obj.Count; i++)
        {
            var (key, child) = obj.GetAt(i);
            var keyText = key.Length >= MinSecretLength || extraPatterns.Length > 0 ? Scan(key, file, new Location(null, path, " (key)"), ledger, found: null) : key;
            if (!ReferenceEquals(keyText, key))
            {
                // A secret used as a key: rename it in place (same position), keeping names unique.
                var unique = keyText;
                for (var n = 2; obj.ContainsKey(unique); n++)
                {
                    unique = keyText + "#" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                obj.RemoveAt(i);
                obj.Insert(i, unique, child);
                key = unique;
            }

            if (child is null)
            {
                continue;
            }

            path.Push(key);
            var secret = names.IsSecret(key) ? key : (pairName is not null && key == "value" ? pairName : null);
            var replacement = Walk(child, path, file, ledger, secret);
            if (replacement is not null)
            {
                obj[key] = replacement;
            }

            path.Pop();
        }
    }

    private void WalkArray(JsonArray array, JsonPathBuilder path, string file, RedactionLedger ledger, string? secretName)
    {
        // Header lists as pairs: [["Authorization", "Bearer ..."], ...].
        var pairName = array.Count == 2 && array[0] is JsonValue first && first.TryGetValue<string>(out var s) && names.IsSecret(s) ? s : null;
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is not { } item)
            {
                continue;
            }

            path.Push(i);
            var replacement = Walk(item, path, file, ledger, secretName ?? (i == 1 ? pairName : null));
            if (replacement is not null)
            {
                array[i] = replacement;
            }

            path.Pop();
        }
    }

    private JsonNode? RedactScalar(JsonValue value, JsonPathBuilder path, string file, RedactionLedger ledger, string? secretName)
    {
        var kind = value.GetValueKind();
        if (secretName is not null)
        {
            if (kind == JsonValueKind.Number || (kind == JsonValueKind.String && value.GetValue<string>() is { Length: > 0 } sv && sv != Marker && !allowedValues.Contains(sv)))
            {
                ledger.Add(file, path.Build(), "name:" + SecretNames.Normalize(secretName));
                return JsonValue.Create(Marker);
            }

            return null;
        }

        if (kind != JsonValueKind.String)
        {
            return null;
        }

        var text = value.GetValue<string>();
        if (text.Length < MinSecretLength && extraPatterns.Length == 0 && text.AsSpan().IndexOfAny('=', ':') < 0)
        {
            // No built-in value shape is this short; only "name=value" pairs could be.
            return null;
        }

        var redacted = Scan(text, file, new Location(null, path, null), ledger, found: null);
        return ReferenceEquals(redacted, text) ? null : JsonValue.Create(redacted);
    }
}
