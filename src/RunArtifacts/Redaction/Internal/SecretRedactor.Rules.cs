using System.Text.RegularExpressions;

namespace RunArtifacts.Redaction.Internal;

/// <summary>
/// The rules: the built-in value shapes and the <c>name: value</c> pair as one expression, and the judgement of each candidate
/// (entropy, base64 shape, credential checks, the value that follows a secret name).
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

    /// <summary>Rule of the token in a webhook URL's path (Slack's <c>hooks.slack.com/services/…</c>, Discord's <c>/api/webhooks/ID/TOKEN</c>).</summary>
    public const string RuleWebhook = "url:webhook_token";

    // Every alternative but the PEM block starts at a token boundary: after a non-alphanumeric character, or right after a
    // JSON escape (\n, \t, \r, \u0026) in escaped text. Checking it once, first, keeps the scan fast; each alternative then
    // narrows it (values may not follow '_' or '-', names may not follow '_', '.', ':' or '\').
    private const string TokenStart = @"(?:(?<![A-Za-z0-9])|(?<=\\[nrt])|(?<=\\u00[0-9a-fA-F]{2}))";

    // The alternatives of the expression, in its order. Each is also matched on its own (SecretRedactor.Anchored.cs): an
    // anchored alternation whose alternatives are followed by nothing matches exactly what its first matching alternative
    // matches, and TokenStart (zero-width, atomic, no groups) distributes over the alternatives that follow it.
    private const string PemRule =
        @"(?<pem>-----BEGIN[A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----(?:[\s\S]*?-----END[A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----|[\s\S]*\z))";

    // A webhook URL carries its secret in the path: whoever has it can post. Slack's last segment after the workspace and
    // channel ids; the token after the numeric id of Discord's (and any) /api/webhooks/ID/TOKEN. Like the PEM block it is
    // matched where its literal starts, inside a URL, with no token boundary before it.
    private const string WebhookRule =
        @"hooks\.slack\.com/(?:services|workflows|triggers)/(?:[A-Za-z0-9]{6,}/){1,3}(?<wh>[A-Za-z0-9]{16,})|/api/webhooks/[0-9]{5,30}/(?<wh>[A-Za-z0-9_\-]{30,})";

    private const string ValueTokenStart = TokenStart + @"(?<![_\-])";

    private const string UserInfoRule = @"[A-Za-z][A-Za-z0-9+.\-]{1,20}://[^\s/:@""'?#\\]{0,256}:(?<upw>[^\s/@""'?#\\]{1,256})@";

    private const string BearerRule = @"(?i:bearer)[ \t]+(?<bv>[A-Za-z0-9\-._~+/]{8,}=*)";

    private const string BasicRule = @"(?i:basic)[ \t]+(?<bav>[A-Za-z0-9+/]{8,}={0,2})(?![A-Za-z0-9+/=])";

    private const string JwtRule = @"(?<jwt>eyJ[A-Za-z0-9_\-]{10,}\.eyJ[A-Za-z0-9_\-]{10,}\.[A-Za-z0-9_\-]*)";

    private const string ProviderKeyRule =
        @"(?<pk>(?:sk-(?:proj-|ant-|or-v1-|svcacct-|admin-)?|gh[pousr]_|github_pat_|xox[abposre]-|xapp-|glpat-|hf_|r8_|gsk_|pplx-|xai-|npm_|pypi-|dop_v1_|shp(?:at|ss|ca|pa)_|[sr]k_(?:live|test)_|fal_|AIza|ya29\.|pcsk_|dckr_pat_|hvs\.|sbp_)(?<pkb>[A-Za-z0-9_\-]{20,})|SG\.[A-Za-z0-9_\-]{16,}\.[A-Za-z0-9_\-]{16,})";

    private const string AwsAccessKeyRule = @"(?<akid>(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AIPA|ANPA|ANVA|APKA|AROA|ASCA)[A-Z0-9]{16})(?![A-Za-z0-9])";

    private const string AwsSecretKeyRule = @"(?<![/+=])(?<aws>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])";

    private const string NameRule = @"(?<![_.:\\])(?<name>(?>[A-Za-z][A-Za-z0-9_.\-]{0,63}))(?:\\?[""'])?[ \t]*[:=][ \t]*";

    /// <summary>Every built-in rule as one expression (the reference the per-rule expressions are tested against).</summary>
    internal const string Pattern =
        PemRule
        + "|" + WebhookRule
        + "|" + TokenStart + "(?:"
        + @"(?<![_\-])(?:" + UserInfoRule + "|" + BearerRule + "|" + BasicRule + "|" + JwtRule + "|" + ProviderKeyRule + ")"
        + "|" + AwsAccessKeyRule
        + "|" + AwsSecretKeyRule
        + "|" + NameRule
        + ")";

    /// <summary>No built-in value shape is shorter than this (the shortest, a basic credential, is "Basic " + 8).</summary>
    private const int MinSecretLength = 8;

    private static readonly string[] NonValues = ["null", "true", "false", "none", "nil", "undefined"];

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

        if ((g = m.Groups["wh"]).Success)
        {
            Accept(g.Index, g.Length, RuleWebhook);
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
            // A webhook URL's path ("com/api/webhooks/ID/TOK", "com/services/T…/B…/TOK") can be 40 characters of base64's
            // alphabet: it is left to the webhook rule, whose literal comes later in the same run.
            var value = text.AsSpan(g.Index, g.Length);
            if (value.Contains("/api/webhooks/", StringComparison.Ordinal) || text.AsSpan(0, g.Index).EndsWith("hooks.slack.", StringComparison.Ordinal))
            {
                return g.Index + 1;
            }

            if (CharacterClasses(value) == 3)
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
}
