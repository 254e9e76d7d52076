using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace RunArtifacts.Redaction.Internal;

/// <summary>
/// Removes secrets from JSON and text and accounts for each removal in a <see cref="RedactionLedger"/> (place and rule,
/// never the value). Text is scanned once by one source-generated regular expression that holds every built-in rule;
/// names are judged by <see cref="SecretNames"/>, and candidate values are checked in code (entropy, base64 shape) so
/// ordinary words are not redacted. Extra patterns from <see cref="RedactionOptions.ExtraPatterns"/> run as a second pass.
/// Redaction is idempotent: the marker is never matched as a secret. Thread-safe.
/// </summary>
internal sealed partial class SecretRedactor
{
    /// <summary>Rule of a PEM private key block.</summary>
    public const string RulePem = "value:pem_private_key";

    /// <summary>Rule of a password in a URL's user info (<c>scheme://user:pass@host</c>).</summary>
    public const string RuleUserInfo = "url:userinfo";

    /// <summary>Rule of a bearer credential.</summary>
    public const string RuleBearer = "value:bearer";

    /// <summary>Rule of an HTTP basic credential.</summary>
    public const string RuleBasic = "value:basic";

    /// <summary>Rule of a JSON Web Token.</summary>
    public const string RuleJwt = "value:jwt";

    /// <summary>Rule of a provider key with a known prefix.</summary>
    public const string RuleProviderKey = "value:provider_key";

    /// <summary>Rule of an AWS access key id.</summary>
    public const string RuleAwsAccessKey = "value:aws_access_key";

    /// <summary>Rule of a standalone AWS secret access key (40 characters of base64).</summary>
    public const string RuleAwsSecretKey = "value:aws_secret_key";

    // Every alternative but the PEM block starts at a token boundary: after a non-alphanumeric character, or right after a
    // JSON escape (\n, \t, \r, \u0026) in escaped text. Checking it once, first, keeps the scan fast; each alternative then
    // narrows it (values may not follow '_' or '-', names may not follow '_', '.', ':' or '\').
    private const string TokenStart = @"(?:(?<![A-Za-z0-9])|(?<=\\[nrt])|(?<=\\u00[0-9a-fA-F]{2}))";

    private const string Pattern =
        @"(?<pem>-----BEGIN[A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----(?:[\s\S]*?-----END[A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----|[\s\S]*\z))"
        + "|" + TokenStart + "(?:"
        + @"(?<![_\-])(?:"
        + @"[A-Za-z][A-Za-z0-9+.\-]{1,20}://[^\s/:@""'?#\\]{0,256}:(?<upw>[^\s/@""'?#\\]{1,256})@"
        + @"|(?i:bearer)[ \t]+(?<bv>[A-Za-z0-9\-._~+/]{8,}=*)"
        + @"|(?i:basic)[ \t]+(?<bav>[A-Za-z0-9+/]{8,}={0,2})(?![A-Za-z0-9+/=])"
        + @"|(?<jwt>eyJ[A-Za-z0-9_\-]{10,}\.eyJ[A-Za-z0-9_\-]{10,}\.[A-Za-z0-9_\-]*)"
        + @"|(?<pk>(?:sk-(?:proj-|ant-|or-v1-|svcacct-|admin-)?|gh[pousr]_|github_pat_|xox[abposre]-|xapp-|glpat-|hf_|r8_|gsk_|pplx-|xai-|npm_|pypi-|dop_v1_|shp(?:at|ss|ca|pa)_|[sr]k_(?:live|test)_|fal_|AIza|ya29\.)(?<pkb>[A-Za-z0-9_\-]{20,})|SG\.[A-Za-z0-9_\-]{16,}\.[A-Za-z0-9_\-]{16,})"
        + ")"
        + @"|(?<akid>(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AIPA|ANPA|ANVA|APKA|AROA|ASCA)[A-Z0-9]{16})(?![A-Za-z0-9])"
        + @"|(?<![/+=])(?<aws>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])"
        + @"|(?<![_.:\\])(?<name>(?>[A-Za-z][A-Za-z0-9_.\-]{0,63}))(?:\\?[""'])?[ \t]*[:=][ \t]*"
        + ")";

    /// <summary>No built-in value shape is shorter than this (the shortest, a basic credential, is "Basic " + 8).</summary>
    private const int MinSecretLength = 8;

    private static readonly string[] NonValues = ["null", "true", "false", "none", "nil", "undefined"];

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

    /// <summary>Whether values under this key, header or query-parameter name are secrets.</summary>
    public bool IsSecretName(string name) => names.IsSecret(name);

    /// <summary>A redacted deep copy of <paramref name="node"/>: structure kept, secret values replaced by the marker, each counted at its JSON path.</summary>
    public JsonNode? RedactJson(JsonNode? node, string file, RedactionLedger ledger)
    {
        if (node is null)
        {
            return null;
        }

        return RedactJsonInPlace(node.DeepClone(), file, ledger);
    }

    /// <summary>Like <see cref="RedactJson"/> but changes <paramref name="node"/> itself (for trees the caller owns, such as a freshly parsed log).</summary>
    public JsonNode RedactJsonInPlace(JsonNode node, string file, RedactionLedger ledger)
    {
        ArgumentNullException.ThrowIfNull(node);
        return Walk(node, new JsonPathBuilder(), file, ledger, secretName: null) ?? node;
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

    private string Scan(string text, string file, Location location, RedactionLedger? ledger, List<Found>? found)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        // Candidates come from the allocation-free enumerator. The hot alternative, "name:" / "name=", is judged from the
        // match span alone; the rare value shapes are matched again with groups at the same index.
        var regex = Combined();
        Sink? sink = null;
        var pos = 0;
        var restarted = true;
        while (restarted && pos < text.Length)
        {
            restarted = false;
            foreach (var candidate in regex.EnumerateMatches(text.AsSpan(), pos))
            {
                sink ??= new Sink(this, text, file, location, ledger, found);
                var end = candidate.Index + candidate.Length;
                var nameLength = NameLength(text.AsSpan(candidate.Index, candidate.Length));
                var resume = nameLength > 0
                    ? EvaluateName(text, candidate.Index, nameLength, end, sink.Hit)
                    : Evaluate(text, regex.Match(text, candidate.Index), sink.Hit);
                if (resume != end)
                {
                    pos = resume;
                    restarted = true;
                    break;
                }
            }
        }

        var result = sink?.Result() ?? text;
        return extraPatterns.Length == 0 ? result : ScanExtra(result, file, location, ledger, found, found is null);
    }

    /// <summary>
    /// The length of the name when the candidate is the <c>name: </c> / <c>name=</c> alternative (a name, an optional closing
    /// quote, a separator and blanks), else 0. No other alternative ends in a separator without holding a blank or starting
    /// with a non-letter.
    /// </summary>
    private static int NameLength(ReadOnlySpan<char> match)
    {
        var end = match.Length;
        while (end > 0 && match[end - 1] is ' ' or '\t')
        {
            end--;
        }

        if (end == 0 || match[end - 1] is not (':' or '=') || !char.IsAsciiLetter(match[0]))
        {
            return 0;
        }

        var name = match.IndexOfAnyExcept(NameChars);
        if (name <= 0)
        {
            return 0;
        }

        var rest = match[name..(end - 1)].TrimEnd(" \t");
        if (rest.Length > 0 && rest[^1] is '"' or '\'')
        {
            rest = rest[..^1];
            if (rest.Length > 0 && rest[^1] == '\\')
            {
                rest = rest[..^1];
            }
        }

        return rest.IsEmpty ? name : 0;
    }

    private static readonly System.Buffers.SearchValues<char> NameChars = System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-");

    /// <summary>Collects the hits of one scan: the output text (built only once something is replaced), the ledger, the line count.</summary>
    private sealed class Sink
    {
        private readonly SecretRedactor owner;
        private readonly string text;
        private readonly string file;
        private readonly Location location;
        private readonly RedactionLedger? ledger;
        private readonly List<Found>? found;
        private StringBuilder? sb;
        private int copied;
        private int line = 1;
        private int linePos;

        public Sink(SecretRedactor owner, string text, string file, Location location, RedactionLedger? ledger, List<Found>? found)
        {
            this.owner = owner;
            this.text = text;
            this.file = file;
            this.location = location;
            this.ledger = ledger;
            this.found = found;
            Hit = OnHit;
        }

        public Action<int, int, string> Hit { get; }

        public string? Result() => sb?.Append(text, copied, text.Length - copied).ToString();

        private void OnHit(int start, int length, string rule)
        {
            if (start > linePos)
            {
                line += text.AsSpan(linePos, start - linePos).Count('\n');
                linePos = start;
            }

            if (found is not null)
            {
                found.Add(new Found(rule, line, start, length));
                return;
            }

            ledger?.Add(file, location.Describe(line), rule);
            sb ??= new StringBuilder(text.Length);
            sb.Append(text, copied, start - copied).Append(owner.Marker);
            copied = start + length;
        }
    }

    /// <summary>Judges one candidate match; reports accepted secrets through <paramref name="hit"/> and returns where scanning resumes.</summary>
    private int Evaluate(string text, Match m, Action<int, int, string> hit)
    {
        var end = m.Index + m.Length;
        Group g;
        if ((g = m.Groups["name"]).Success)
        {
            return EvaluateName(text, g.Index, g.Length, end, hit);
        }

        if ((g = m.Groups["pem"]).Success)
        {
            hit(g.Index, g.Length, RulePem);
            return end;
        }

        if ((g = m.Groups["upw"]).Success)
        {
            return Accept(g.Index, g.Length, RuleUserInfo) ? end : g.Index + g.Length;
        }

        if ((g = m.Groups["bv"]).Success)
        {
            var token = text.AsSpan(g.Index, g.Length);
            var plausible = token.Length >= 20 || token.IndexOfAnyInRange('0', '9') >= 0;
            return plausible && Accept(g.Index, g.Length, RuleBearer) ? end : g.Index;
        }

        if ((g = m.Groups["bav"]).Success)
        {
            return IsBasicCredential(text.AsSpan(g.Index, g.Length)) && Accept(g.Index, g.Length, RuleBasic) ? end : g.Index;
        }

        if ((g = m.Groups["jwt"]).Success)
        {
            Accept(g.Index, g.Length, RuleJwt);
            return end;
        }

        if ((g = m.Groups["pk"]).Success)
        {
            var body = m.Groups["pkb"];
            if (!body.Success || CharacterClasses(text.AsSpan(body.Index, body.Length)) >= 2)
            {
                Accept(g.Index, g.Length, RuleProviderKey);
            }

            return end;
        }

        if ((g = m.Groups["akid"]).Success)
        {
            Accept(g.Index, g.Length, RuleAwsAccessKey);
            return end;
        }

        if ((g = m.Groups["aws"]).Success)
        {
            if (CharacterClasses(text.AsSpan(g.Index, g.Length)) == 3)
            {
                Accept(g.Index, g.Length, RuleAwsSecretKey);
            }

            return end;
        }

        return end;

        bool Accept(int start, int length, string rule)
        {
            var value = text.AsSpan(start, length);
            if (value.SequenceEqual(Marker) || (allowedValues.Count > 0 && allowedValues.Contains(value.ToString())))
            {
                return false;
            }

            hit(start, length, rule);
            return true;
        }
    }

    /// <summary>A <c>name: value</c> or <c>name=value</c> pair: the value is parsed here, by the shape that follows the separator.</summary>
    private int EvaluateName(string text, int nameIndex, int nameLength, int valueStart, Action<int, int, string> hit)
    {
        var inQuery = IsQueryStart(text, nameIndex);
        var nameSpan = text.AsSpan(nameIndex, nameLength);
        if (valueStart >= text.Length || !names.IsSecret(nameSpan, inQuery))
        {
            return valueStart;
        }

        int start, length, after;
        var c = text[valueStart];
        if (c == '"' || c == '\'')
        {
            start = valueStart + 1;
            var close = FindClosingQuote(text, start, c);
            length = close - start;
            after = Math.Min(close + 1, text.Length);
        }
        else if (c == '\\' && valueStart + 1 < text.Length && text[valueStart + 1] == '"')
        {
            start = valueStart + 2;
            var close = text.IndexOf("\\\"", start, StringComparison.Ordinal);
            var eol = text.IndexOfAny(['\r', '\n'], start);
            close = close < 0 ? (eol < 0 ? text.Length : eol) : (eol >= 0 && eol < close ? eol : close);
            length = close - start;
            after = Math.Min(close + 2, text.Length);
        }
        else if (text.AsSpan(valueStart).StartsWith(Marker, StringComparison.Ordinal))
        {
            return valueStart + Marker.Length;
        }
        else
        {
            start = valueStart;
            Span<char> buffer = stackalloc char[128];
            var lineValued = SecretNames.LineValued.GetAlternateLookup<ReadOnlySpan<char>>().Contains(SecretNames.Normalize(nameSpan, buffer));
            var i = start;
            while (i < text.Length)
            {
                var ch = text[i];
                if (ch is '\r' or '\n' or '"' or '\'')
                {
                    break;
                }

                if (ch == '\\' && i + 1 < text.Length && text[i + 1] is 'n' or 'r' or 't' or 'u' or '"' or '\\')
                {
                    break;
                }

                if (!lineValued && (char.IsWhiteSpace(ch) || ch is '&' or ';' or ',' or '<' or '>'))
                {
                    break;
                }

                i++;
            }

            while (i > start && (char.IsWhiteSpace(text[i - 1]) || (!lineValued && text[i - 1] is ')' or ']' or '}' or '.')))
            {
                i--;
            }

            length = i - start;
            after = i;
            if (length == 0 || c is '{' or '[')
            {
                return valueStart;
            }

            var value = text.AsSpan(start, length);
            foreach (var nonValue in NonValues)
            {
                if (value.Equals(nonValue, StringComparison.OrdinalIgnoreCase))
                {
                    return after;
                }
            }
        }

        if (length <= 0)
        {
            return Math.Max(after, valueStart);
        }

        var secret = text.AsSpan(start, length);
        if (secret.SequenceEqual(Marker) || (allowedValues.Count > 0 && allowedValues.Contains(secret.ToString())))
        {
            return after;
        }

        Span<char> ruleBuffer = stackalloc char[128];
        var normalized = SecretNames.Normalize(nameSpan, ruleBuffer);
        hit(start, length, string.Concat(inQuery ? "query:" : "name:", normalized));
        return after;
    }

    private static int FindClosingQuote(string text, int start, char quote)
    {
        for (var i = start; i < text.Length; i++)
        {
            var ch = text[i];
            if (ch == quote)
            {
                return i;
            }

            if (ch is '\r' or '\n')
            {
                return i;
            }

            if (ch == '\\' && quote == '"')
            {
                i++;
            }
        }

        return text.Length;
    }

    private static bool IsQueryStart(string text, int nameIndex)
    {
        if (nameIndex == 0)
        {
            return false;
        }

        var before = text[nameIndex - 1];
        if (before is '?' or '&')
        {
            return true;
        }

        // JSON-escaped separators: \u0026 (&) and \u003f (?).
        return nameIndex >= 6 && text[nameIndex - 6] == '\\'
            && (text.AsSpan(nameIndex - 5, 5).Equals("u0026", StringComparison.OrdinalIgnoreCase)
                || text.AsSpan(nameIndex - 5, 5).Equals("u003f", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>How many of upper-case letters, lower-case letters and digits occur (random keys have at least two).</summary>
    private static int CharacterClasses(ReadOnlySpan<char> value)
    {
        var upper = value.IndexOfAnyInRange('A', 'Z') >= 0 ? 1 : 0;
        var lower = value.IndexOfAnyInRange('a', 'z') >= 0 ? 1 : 0;
        var digit = value.IndexOfAnyInRange('0', '9') >= 0 ? 1 : 0;
        return upper + lower + digit;
    }

    /// <summary>Whether a <c>Basic</c> credential decodes to printable <c>user:password</c>.</summary>
    private static bool IsBasicCredential(ReadOnlySpan<char> base64)
    {
        Span<byte> bytes = stackalloc byte[Math.Min(base64.Length, 512)];
        if (base64.Length > 512 || !Convert.TryFromBase64Chars(base64, bytes, out var written))
        {
            return false;
        }

        var decoded = bytes[..written];
        return decoded.IndexOf((byte)':') > 0 && decoded.IndexOfAnyExceptInRange((byte)0x20, (byte)0x7e) < 0;
    }

    private string ScanExtra(string text, string file, Location location, RedactionLedger? ledger, List<Found>? found, bool replace)
    {
        foreach (var (rule, pattern) in extraPatterns)
        {
            var starts = new LineCounter(text);
            string Evaluator(Match m)
            {
                var g = m.Groups["secret"].Success ? m.Groups["secret"] : m.Groups[0];
                if (g.Length == 0 || g.ValueSpan.SequenceEqual(Marker) || g.ValueSpan.Contains(Marker, StringComparison.Ordinal) || allowedValues.Contains(g.Value))
                {
                    return m.Value;
                }

                var line = starts.LineOf(g.Index);
                if (found is not null)
                {
                    found.Add(new Found(rule, line, g.Index, g.Length));
                    return m.Value;
                }

                ledger?.Add(file, location.Describe(line), rule);
                return string.Concat(m.ValueSpan[..(g.Index - m.Index)], Marker, m.ValueSpan[(g.Index - m.Index + g.Length)..]);
            }

            var result = pattern.Replace(text, Evaluator);
            if (replace)
            {
                text = result;
            }
        }

        return text;
    }

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

    [GeneratedRegex(Pattern, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Combined();

    /// <summary>Counts lines lazily for the extra-pattern pass.</summary>
    private sealed class LineCounter(string text)
    {
        private int pos;
        private int line = 1;

        public int LineOf(int index)
        {
            if (index < pos)
            {
                pos = 0;
                line = 1;
            }

            line += text.AsSpan(pos, index - pos).Count('\n');
            pos = index;
            return line;
        }
    }

    /// <summary>One secret found: its rule, 1-based line, and character range.</summary>
    internal readonly record struct Found(string Rule, int Line, int Start, int Length);

    /// <summary>Where redactions in one scan are accounted: a fixed place, a JSON path (built only when needed), or the line.</summary>
    private readonly record struct Location(string? Fixed, JsonPathBuilder? Path, string? Suffix)
    {
        public string Describe(int line)
            => Fixed ?? (Path is not null ? Path.Build() + Suffix : "line " + line.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
