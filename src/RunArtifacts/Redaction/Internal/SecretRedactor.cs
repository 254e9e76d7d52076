using System.Text;
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
}
