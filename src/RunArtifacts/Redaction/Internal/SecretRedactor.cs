using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace RunArtifacts.Redaction.Internal;

/// <summary>
/// Removes secrets from JSON and text and accounts for each removal in a <see cref="RedactionLedger"/> (place and rule,
/// never the value). The rules (<c>SecretRedactor.Rules.cs</c>) are one source-generated expression holding every
/// built-in shape; the scan engine (<c>SecretRedactor.Scan.cs</c>, with the <see cref="SecretCandidates"/> prefilter) tries
/// it only where a rule can start; JSON is walked by one walker (<c>SecretRedactor.Json.cs</c>). Names are judged by
/// <see cref="SecretNames"/>, and candidate values are checked in code (entropy, base64 shape) so
/// ordinary words are not redacted. Extra patterns from <see cref="RedactionOptions.ExtraPatterns"/> run as a second pass.
/// Redaction is idempotent: the marker is never matched as a secret. Thread-safe.
/// </summary>
internal sealed partial class SecretRedactor
{
    /// <summary>How deep a JSON value given as a node may nest (the writer's own limit).</summary>
    private const int MaxJsonDepth = 1000;

    private readonly SecretNames names;
    private readonly HashSet<string> allowedValues;
    private readonly (string Rule, Regex Pattern)[] extraPatterns;

    /// <summary>Makes a redactor with the built-in rules and the given options.</summary>
    public SecretRedactor(RedactionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Marker = options.Marker;
        names = new SecretNames(options.ExtraNames, options.AllowNames);
        allowedValues = new HashSet<string>(options.AllowValues, StringComparer.Ordinal);
        extraPatterns = options.ExtraPatterns
            .Select((p, i) => ($"custom:{i}", new Regex(p, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(5))))
            .ToArray();
    }

    /// <summary>The text that replaces each secret.</summary>
    public string Marker { get; }

    /// <summary>
    /// Whether JSON is walked with the whole-document prefilter (<see cref="JsonHotSpots"/>); off only in tests, which
    /// check that both ways give the same bytes and accounting.
    /// </summary>
    internal bool JsonPrefilter { get; init; } = true;

    /// <summary>Whether values under this key, header or query-parameter name are secrets.</summary>
    public bool IsSecretName(string name) => names.IsSecret(name);

    /// <summary>
    /// A redacted deep copy of <paramref name="node"/>: structure kept, secret values replaced by the marker, each counted at
    /// its JSON path. The tree is written out and read back through the one JSON walker (<see cref="WriteRedactedJson"/>),
    /// so values given as nodes and captured JSON logs follow exactly the same rules.
    /// </summary>
    public JsonNode? RedactJson(JsonNode? node, string file, RedactionLedger ledger)
    {
        if (node is null)
        {
            return null;
        }

        var input = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(input, new JsonWriterOptions { MaxDepth = MaxJsonDepth }))
        {
            node.WriteTo(writer);
        }

        using var document = JsonDocument.Parse(input.WrittenMemory, new JsonDocumentOptions { MaxDepth = MaxJsonDepth });
        var output = new ArrayBufferWriter<byte>(input.WrittenCount + 64);
        using (var writer = new Utf8JsonWriter(output, new JsonWriterOptions { MaxDepth = MaxJsonDepth }))
        {
            WriteRedactedJson(document.RootElement, writer, file, ledger);
        }

        return JsonNode.Parse(output.WrittenSpan, documentOptions: new JsonDocumentOptions { MaxDepth = MaxJsonDepth });
    }

    /// <summary>Redacted text; each secret is counted at its line (<c>line N</c>).</summary>
    public string RedactText(string text, string file, RedactionLedger ledger)
        => Scan(text, file, default, ledger, found: null);

    /// <summary>Redacted text; every secret is counted at the given <paramref name="location"/> (a JSON path or record field).</summary>
    public string RedactText(string text, string file, string location, RedactionLedger ledger)
        => Scan(text, file, new Location(location, null, null), ledger, found: null);

    /// <summary>
    /// The secrets still present in <paramref name="text"/> (rule and 1-based line), without changing it. The marker is
    /// never reported, so a redacted file scans clean. Used by <c>verify</c> to scan bundles.
    /// </summary>
    public IReadOnlyList<(string Rule, int Line)> FindSecrets(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var found = new List<Found>();
        _ = Scan(DecodeAsciiEscapes(text), file: string.Empty, default, ledger: null, found);
        return found.Select(f => (f.Rule, f.Line)).ToList();
    }

    /// <summary>
    /// Undoes the <c>\u00XX</c> escapes a JSON writer uses for printable ASCII (<c>+</c>, <c>&amp;</c>, <c>&lt;</c>,
    /// <c>'</c>, …), so a key written as <c>abc\u002Bdef</c> is seen whole. Quotes and backslashes stay escaped; no line
    /// break is added or removed, so line numbers hold.
    /// </summary>
    private static string DecodeAsciiEscapes(string text)
    {
        var index = text.IndexOf("\\u00", StringComparison.Ordinal);
        if (index < 0)
        {
            return text;
        }

        var sb = new StringBuilder(text.Length);
        var copied = 0;
        while (index >= 0)
        {
            if (index + 6 <= text.Length
                && (index == 0 || text[index - 1] != '\\')
                && byte.TryParse(text.AsSpan(index + 4, 2), System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture, out var code)
                && code is >= 0x20 and < 0x7f and not (byte)'"' and not (byte)'\\')
            {
                sb.Append(text, copied, index - copied).Append((char)code);
                copied = index + 6;
            }

            index = text.IndexOf("\\u00", index + 1, StringComparison.Ordinal);
        }

        return sb.Append(text, copied, text.Length - copied).ToString();
    }

    /// <summary>Where the secrets in <paramref name="text"/> are (character ranges), without changing it; used to mask binary content in place.</summary>
    public IReadOnlyList<Found> FindSecretRanges(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var found = new List<Found>();
        _ = Scan(text, file: string.Empty, default, ledger: null, found);
        return found;
    }
}
