using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace RunArtifacts.Redaction.Internal;

internal sealed partial class SecretRedactor
{
    /// <summary>
    /// Writes a redacted copy of <paramref name="root"/> to <paramref name="writer"/>: the same rules, paths and accounting as
    /// <see cref="RedactJson"/>, without building a node tree (a <see cref="JsonDocument"/> is read, unchanged values are
    /// copied as they are). Used for captured JSON logs, which can be large: names and values are looked at in the
    /// document's own bytes, decoded into one reused buffer, and a value becomes a string only when a rule can start in it.
    /// </summary>
    public void WriteRedactedJson(JsonElement root, Utf8JsonWriter writer, string file, RedactionLedger ledger)
    {
        ArgumentNullException.ThrowIfNull(writer);
        using var walk = new JsonWalk(writer, file, ledger, extraPatterns.Length == 0 && JsonPrefilter ? new JsonHotSpots(root, names) : null);
        WriteElement(root, walk, secretName: null);
    }

    private void WriteElement(JsonElement element, JsonWalk walk, string? secretName)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                WriteObject(element, walk);
                break;
            case JsonValueKind.Array:
                WriteArray(element, walk, secretName);
                break;
            case JsonValueKind.String:
                WriteString(element, walk, secretName);
                break;
            case JsonValueKind.Number when secretName is not null:
                walk.Ledger.Add(walk.File, walk.Path.Build(), "name:" + SecretNames.Normalize(secretName));
                walk.Writer.WriteStringValue(Marker);
                break;
            default:
                element.WriteTo(walk.Writer);
                break;
        }
    }

    private void WriteObject(JsonElement obj, JsonWalk walk)
    {
        string? pairName = null;
        var pairLooked = false;
        var writer = walk.Writer;
        writer.WriteStartObject();
        HashSet<string>? written = null;
        foreach (var property in obj.EnumerateObject())
        {
            // The name as the document holds it; decoded without a string unless it is escaped, redacted or secret.
            var raw = JsonMarshal.GetRawUtf8PropertyName(property);
            if (walk.Hot is { } hot && hot.IsCold(raw))
            {
                // ASCII without escapes, and no rule can start in it: kept as it is, judged from its bytes.
                string? judged = null;
                if (names.MayBeSecret(raw) && names.IsSecret(walk.Decode(raw)))
                {
                    judged = property.Name;
                }
                else if (raw.SequenceEqual("value"u8))
                {
                    if (!pairLooked)
                    {
                        pairName = PairName(obj);
                        pairLooked = true;
                    }

                    judged = pairName;
                }

                writer.WritePropertyName(raw);
                walk.Path.Push(property);
                WriteElement(property.Value, walk, judged);
                walk.Path.Pop();
                continue;
            }

            var plain = raw.IndexOf((byte)'\\') < 0;
            string? name = plain ? null : property.Name;
            var chars = name is null ? walk.Decode(raw) : name.AsSpan();
            string? renamed = null;
            if (extraPatterns.Length > 0 || (chars.Length >= MinSecretLength && (name is not null || walk.MayHoldSecret(chars.Length))))
            {
                name ??= property.Name;
                var keyText = Scan(name, walk.File, new Location(null, walk.Path, " (key)"), walk.Ledger, found: null);
                if (!ReferenceEquals(keyText, name))
                {
                    written ??= obj.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
                    var unique = keyText;
                    for (var n = 2; written.Contains(unique); n++)
                    {
                        unique = keyText + "#" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    }

                    written.Add(unique);
                    renamed = unique;
                }

                chars = renamed ?? (plain ? walk.Decode(raw) : name.AsSpan());
            }

            string? secret = null;
            if (names.IsSecret(chars))
            {
                secret = renamed ?? name ?? property.Name;
            }
            else if (chars.SequenceEqual("value"))
            {
                // Only a "value" can be the secret half of a pair, so the object is searched for the name only then.
                if (!pairLooked)
                {
                    pairName = PairName(obj);
                    pairLooked = true;
                }

                secret = pairName;
            }

            if (renamed is not null)
            {
                writer.WritePropertyName(renamed);
                walk.Path.Push(renamed);
            }
            else
            {
                if (plain)
                {
                    writer.WritePropertyName(raw);
                }
                else
                {
                    writer.WritePropertyName(name!);
                }

                walk.Path.Push(property);
            }

            WriteElement(property.Value, walk, secret);
            walk.Path.Pop();
        }

        writer.WriteEndObject();
    }

    /// <summary>
    /// Header lists as objects: <c>{"name": "Authorization", "value": "Bearer ..."}</c> (the name may come after the value):
    /// the secret name held under <c>name</c>, <c>key</c> or <c>header</c> (in that order; the last of duplicates), if any.
    /// </summary>
    private string? PairName(JsonElement obj)
    {
        JsonElement byName = default, byKey = default, byHeader = default;
        foreach (var property in obj.EnumerateObject())
        {
            var raw = JsonMarshal.GetRawUtf8PropertyName(property);
            if (raw.Length is not (3 or 4 or 6) && raw.IndexOf((byte)'\\') < 0)
            {
                continue;
            }

            if (property.NameEquals("name"u8))
            {
                byName = property.Value;
            }
            else if (property.NameEquals("key"u8))
            {
                byKey = property.Value;
            }
            else if (property.NameEquals("header"u8))
            {
                byHeader = property.Value;
            }
        }

        foreach (var candidate in (ReadOnlySpan<JsonElement>)[byName, byKey, byHeader])
        {
            if (candidate.ValueKind == JsonValueKind.String && candidate.GetString() is { } s && names.IsSecret(s))
            {
                return s;
            }
        }

        return null;
    }

    private void WriteArray(JsonElement array, JsonWalk walk, string? secretName)
    {
        // Header lists as pairs: [["Authorization", "Bearer ..."], ...].
        string? pairName = null;
        if (array.GetArrayLength() == 2 && array[0].ValueKind == JsonValueKind.String && array[0].GetString() is { } first && names.IsSecret(first))
        {
            pairName = first;
        }

        var writer = walk.Writer;
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

            walk.Path.Push(i);
            WriteElement(item, walk, secretName ?? (i == 1 ? pairName : null));
            walk.Path.Pop();
            i++;
        }

        writer.WriteEndArray();
    }

    private void WriteString(JsonElement value, JsonWalk walk, string? secretName)
    {
        var writer = walk.Writer;
        if (secretName is not null)
        {
            var s = value.GetString()!;
            if (s.Length > 0 && s != Marker && !allowedValues.Contains(s))
            {
                walk.Ledger.Add(walk.File, walk.Path.Build(), "name:" + SecretNames.Normalize(secretName));
                writer.WriteStringValue(Marker);
                return;
            }

            value.WriteTo(writer);
            return;
        }

        // Unescaped values are judged from the document's bytes: one with no place a rule can start is copied as it is.
        var raw = JsonMarshal.GetRawUtf8Value(value);
        if (walk.Hot is { } hot && raw.Length >= 2 && hot.IsCold(raw[1..^1]))
        {
            value.WriteTo(writer);
            return;
        }

        if (extraPatterns.Length == 0 && raw.Length >= 2 && raw[0] == (byte)'"' && raw[1..^1].IndexOf((byte)'\\') < 0)
        {
            var chars = walk.Decode(raw[1..^1]);
            if ((chars.Length < MinSecretLength && chars.IndexOfAny('=', ':') < 0) || !walk.MayHoldSecret(chars.Length))
            {
                value.WriteTo(writer);
                return;
            }
        }

        var text = value.GetString()!;
        if (text.Length < MinSecretLength && extraPatterns.Length == 0 && text.AsSpan().IndexOfAny('=', ':') < 0)
        {
            value.WriteTo(writer);
            return;
        }

        var redacted = Scan(text, walk.File, new Location(null, walk.Path, null), walk.Ledger, found: null);
        if (ReferenceEquals(redacted, text))
        {
            value.WriteTo(writer);
        }
        else
        {
            writer.WriteStringValue(redacted);
        }
    }

    /// <summary>One walk of a document: where it writes and accounts, its path, and one pooled buffer names and values are decoded into.</summary>
    private sealed class JsonWalk(Utf8JsonWriter writer, string file, RedactionLedger ledger, JsonHotSpots? hot) : IDisposable
    {
        private char[] buffer = ArrayPool<char>.Shared.Rent(256);

        public Utf8JsonWriter Writer { get; } = writer;

        public string File { get; } = file;

        public RedactionLedger Ledger { get; } = ledger;

        public JsonPathBuilder Path { get; } = new();

        /// <summary>The whole-document prefilter (none when extra patterns are set: they can match anything).</summary>
        public JsonHotSpots? Hot { get; } = hot;

        /// <summary>Decodes UTF-8 (already validated by the document) into the buffer; valid until the next call.</summary>
        public ReadOnlySpan<char> Decode(ReadOnlySpan<byte> utf8)
        {
            if (buffer.Length < utf8.Length)
            {
                ArrayPool<char>.Shared.Return(buffer);
                buffer = ArrayPool<char>.Shared.Rent(utf8.Length);
            }

            var n = Encoding.UTF8.GetChars(utf8, buffer);
            return buffer.AsSpan(0, n);
        }

        /// <summary>Whether a rule can start in the first <paramref name="length"/> characters last decoded.</summary>
        public bool MayHoldSecret(int length) => new SecretCandidates(buffer.AsMemory(0, length)).Any();

        public void Dispose()
        {
            ArrayPool<char>.Shared.Return(buffer);
            buffer = [];
            Hot?.Dispose();
        }
    }
}
