using System.Buffers;

namespace RunArtifacts.Redaction.Internal;

/// <summary>
/// The scan engine's prefilter: every position of a text where one of the built-in rules could start a match, found with
/// vectorised searches instead of trying the combined expression at every character. It yields a superset of the
/// positions the expression can match at (the expression, anchored at a position, still decides), from four sources:
/// <list type="bullet">
/// <item>literal starts of the value shapes (<c>-----BEGIN</c>, <c>bearer</c>, <c>basic</c>, <c>eyJ</c>, provider key and
/// AWS key id prefixes), searched for all at once as the expression spells them (<c>bearer</c> and <c>basic</c> in any case);</item>
/// <item>URL schemes before a <c>://</c> that an <c>@</c> follows before any blank, slash, quote, <c>?</c>, <c>#</c> or
/// backslash (a password in the user info);</item>
/// <item>runs of at least 40 base64 characters (a standalone AWS secret key ends a run), found by probing every 40th
/// character, since any 40 consecutive positions hold a multiple of 40;</item>
/// <item><c>name:</c> / <c>name=</c> pairs, found from their separator: the name is what precedes it (at most 64 name
/// characters, an optional closing quote, blanks).</item>
/// </list>
/// Positions are asked for in increasing order (<c>from</c> never decreases).
/// </summary>
internal struct SecretCandidates
{
    /// <summary>No more candidates.</summary>
    public const int None = int.MaxValue;

    private const int NameMax = 64;
    private const int AwsKeyLength = 40;
    private const int SchemeMax = 21;

    // The expression matches these literally (case-sensitively): an ordinal search has far fewer false starts to verify
    // than an ignore-case one. Only "bearer" and "basic" are matched in any case: each has its own (vectorised) search.
    private static readonly SearchValues<string> Literals = SearchValues.Create(
        [
            "-----BEGIN", "eyJ", "hooks.slack.com", "/api/webhooks/",
            "sk-", "gho_", "ghp_", "ghu_", "ghs_", "ghr_", "github_pat_", "xoxa-", "xoxb-", "xoxp-", "xoxo-", "xoxs-", "xoxr-", "xoxe-",
            "xapp-", "glpat-", "hf_", "r8_", "gsk_", "pplx-", "xai-", "npm_", "pypi-", "dop_v1_", "shpat_", "shpss_", "shpca_", "shppa_",
            "sk_live_", "sk_test_", "rk_live_", "rk_test_", "fal_", "AIza", "ya29.", "SG.",
            "pcsk_", "dckr_pat_", "hvs.", "sbp_",
            "AKIA", "ASIA", "ABIA", "ACCA", "AGPA", "AIDA", "AIPA", "ANPA", "ANVA", "APKA", "AROA", "ASCA",
        ],
        StringComparison.Ordinal);


    private static readonly SearchValues<char> Base64 = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/+");
    private static readonly SearchValues<char> SchemeChars = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+.-");
    private static readonly SearchValues<char> NameChars = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-");
    private static readonly SearchValues<char> Separators = SearchValues.Create(":=");
    private static readonly SearchValues<char> UrlStops = SearchValues.Create(" \t\n\v\f\r/@\"'?#\\");

    private readonly ReadOnlyMemory<char> memory;
    private int literal;
    private int bearer;
    private int basic;
    private int urlSearch;
    private int urlLo;
    private int urlHi;
    private int awsProbe;
    private int aws;
    private int nameSearch;
    private int nameLo;
    private int nameHi;

    public SecretCandidates(string text)
        : this(text.AsMemory())
    {
    }

    /// <summary>Candidates in a span of characters that is not a string (a JSON value decoded into a pooled buffer).</summary>
    public SecretCandidates(ReadOnlyMemory<char> text)
    {
        memory = text;
        literal = -1;
        bearer = -1;
        basic = -1;
        aws = -1;
    }

    /// <summary>The end of the name of the current <see cref="NextName"/> candidate.</summary>
    public int NameEnd { get; private set; }

    /// <summary>Where the value of the current <see cref="NextName"/> candidate starts (after the separator and blanks).</summary>
    public int ValueStart { get; private set; }

    /// <summary>Whether a rule can start anywhere in the text (most values of a log hold no candidate at all).</summary>
    public bool Any() => Math.Min(Math.Min(NextLiteral(0), NextUrl(0)), Math.Min(NextAws(0), NextName(0))) != None;

    /// <summary>The next start of a literal value shape at or after <paramref name="from"/>.</summary>
    public int NextLiteral(int from)
    {
        var text = memory.Span;
        if (literal < from)
        {
            var i = text[from..].IndexOfAny(Literals);
            literal = i < 0 ? None : from + i;
        }

        if (bearer < from)
        {
            var i = text[from..].IndexOf("bearer", StringComparison.OrdinalIgnoreCase);
            bearer = i < 0 ? None : from + i;
        }

        if (basic < from)
        {
            var i = text[from..].IndexOf("basic", StringComparison.OrdinalIgnoreCase);
            basic = i < 0 ? None : from + i;
        }

        return Math.Min(literal, Math.Min(bearer, basic));
    }

    /// <summary>The next letter that may start a URL scheme followed by <c>://</c>, at or after <paramref name="from"/>.</summary>
    public int NextUrl(int from)
    {
        var text = memory.Span;
        while (true)
        {
            for (var p = Math.Max(from, urlLo); p < urlHi; p++)
            {
                if (char.IsAsciiLetter(text[p]) && IsTokenStart(text, p) && (p == 0 || text[p - 1] is not ('_' or '-')))
                {
                    urlLo = p;
                    return p;
                }
            }

            urlLo = urlHi;
            var start = Math.Max(from, urlSearch);
            var i = start >= text.Length ? -1 : text[start..].IndexOf("://", StringComparison.Ordinal);
            if (i < 0)
            {
                urlSearch = urlLo = urlHi = text.Length;
                return None;
            }

            var u = start + i;

            // A password in the user info ends at an '@' before any blank, slash, quote, '?', '#' or backslash after the
            // "://" (the expression excludes them all): without one, no scheme before this "://" is a candidate.
            var stop = text[(u + 3)..].IndexOfAny(UrlStops);
            if (stop < 0 || text[u + 3 + stop] != '@')
            {
                urlSearch = u + 3;
                continue;
            }

            var window = Math.Max(0, u - SchemeMax);
            var run = text[window..u].LastIndexOfAnyExcept(SchemeChars);
            urlLo = window + run + 1;
            urlHi = u - 1; // the scheme is at least two characters
            urlSearch = u + 3;
        }
    }

    /// <summary>The next position where a run of exactly 40 base64 characters could end a run, at or after <paramref name="from"/>.</summary>
    public int NextAws(int from)
    {
        if (aws >= from)
        {
            return aws;
        }

        var probe = Math.Max(awsProbe, RoundUp(from));
        var span = memory.Span;
        while (probe < span.Length)
        {
            if (!Base64.Contains(span[probe]))
            {
                probe += AwsKeyLength;
                continue;
            }

            var after = span[(probe + 1)..].IndexOfAnyExcept(Base64);
            var end = after < 0 ? span.Length : probe + 1 + after;
            var start = span[..probe].LastIndexOfAnyExcept(Base64) + 1;
            awsProbe = probe = RoundUp(end);
            if (end - start >= AwsKeyLength && end - AwsKeyLength >= from)
            {
                return aws = end - AwsKeyLength;
            }
        }

        awsProbe = span.Length;
        return aws = None;
    }

    /// <summary>
    /// The next position where a <c>name:</c> / <c>name=</c> pair can start, at or after <paramref name="from"/>: a letter at a
    /// token start within the last 64 name characters before a separator. Sets <see cref="NameEnd"/> and <see cref="ValueStart"/>.
    /// </summary>
    public int NextName(int from)
    {
        var text = memory.Span;
        while (true)
        {
            for (var q = Math.Max(from, nameLo); q < nameHi; q++)
            {
                if (char.IsAsciiLetter(text[q]) && CanStartName(text, q))
                {
                    nameLo = q;
                    return q;
                }
            }

            nameLo = nameHi;
            var start = Math.Max(from, nameSearch);
            var i = start >= text.Length ? -1 : text[start..].IndexOfAny(Separators);
            if (i < 0)
            {
                nameSearch = nameLo = nameHi = text.Length;
                return None;
            }

            var separator = start + i;
            nameSearch = separator + 1;
            var end = separator;
            while (end > 0 && text[end - 1] is ' ' or '\t')
            {
                end--;
            }

            if (end > 0 && text[end - 1] is '"' or '\'')
            {
                end--;
                if (end > 0 && text[end - 1] == '\\')
                {
                    end--;
                }
            }

            var window = Math.Max(0, end - NameMax);
            var run = text[window..end].LastIndexOfAnyExcept(NameChars);
            nameLo = window + run + 1;
            nameHi = end;
            NameEnd = end;
            var value = separator + 1;
            while (value < text.Length && text[value] is ' ' or '\t')
            {
                value++;
            }

            ValueStart = value;
        }
    }

    /// <summary>
    /// The expression's conditions before a name: a token start (not after a letter or digit, unless right after a JSON
    /// escape <c>\n</c>, <c>\r</c>, <c>\t</c> or <c>\u00XX</c>) and not after <c>_</c>, <c>.</c>, <c>:</c> or <c>\</c>.
    /// </summary>
    private static bool CanStartName(ReadOnlySpan<char> text, int q)
        => q == 0 || (text[q - 1] is not ('_' or '.' or ':' or '\\') && IsTokenStart(text, q));

    /// <summary>The expression's token start: not after a letter or digit, unless right after a JSON escape.</summary>
    private static bool IsTokenStart(ReadOnlySpan<char> text, int q)
    {
        if (q == 0)
        {
            return true;
        }

        var before = text[q - 1];
        if (!char.IsAsciiLetterOrDigit(before))
        {
            return true;
        }

        if (q >= 2 && text[q - 2] == '\\' && before is 'n' or 'r' or 't')
        {
            return true;
        }

        return q >= 6 && text[q - 6] == '\\' && text[q - 5] == 'u' && text[q - 4] == '0' && text[q - 3] == '0'
            && char.IsAsciiHexDigit(text[q - 2]) && char.IsAsciiHexDigit(before);
    }

    private static int RoundUp(int position) => (position + AwsKeyLength - 1) / AwsKeyLength * AwsKeyLength;
}
