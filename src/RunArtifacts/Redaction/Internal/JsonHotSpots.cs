using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace RunArtifacts.Redaction.Internal;

/// <summary>
/// A whole-document prefilter for the JSON walker: where in a document's own UTF-8 a string (value or name) may need the
/// built-in rules. Instead of searching each of a log's many short strings for the places a rule can start (a few
/// vectorised searches per string, each paying its start-up cost), each kind of place is searched for once, in document
/// order, over the whole document; a string with no place inside it is copied as it is. A place is:
/// <list type="bullet">
/// <item>a backslash or a byte over 0x7F (an escaped or non-ASCII string is judged by the full rules, as before);</item>
/// <item>a literal start of a value shape (<see cref="SecretCandidates"/>' literals as the expression spells them, and
/// <c>bearer</c>/<c>basic</c> in any case);</item>
/// <item>a <c>://</c> whose first byte after it among blanks, <c>/ @ " ' ? # \</c> is <c>@</c> (a password in the user info
/// needs one);</item>
/// <item>a run of at least 40 base64 characters (a standalone AWS secret key);</item>
/// <item>a <c>:</c> or <c>=</c> after a name (as <see cref="SecretCandidates.NextName"/> finds it) whose last three letters or
/// digits may end a secret name (<see cref="SecretNames.MayBeSecret(ReadOnlySpan{byte})"/>). Every name the rules could
/// judge at that separator ends with the same three, so none of them is secret when these are not.</item>
/// </list>
/// In an ASCII string without escapes the document's bytes are the string's characters, and each condition above is
/// necessary for the matching rule to redact something there, so a string without a place is left unchanged by the full
/// rules. Strings are asked for in document order; one asked out of order is simply reported as not cold.
/// </summary>
internal sealed class JsonHotSpots : IDisposable
{
    /// <summary>No more places.</summary>
    private const int None = int.MaxValue;

    private const int NameMax = 64;
    private const int AwsKeyLength = 40;

    /// <summary>Characters widened at a time for the literal search, and the overlap kept so no literal is cut.</summary>
    private const int Window = 32 * 1024;
    private const int Overlap = 16;

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

    /// <summary>The two literals the rules match in any case (searched apart: in one ignore-case search the others would
    /// offer a false start at every <c>acc</c>, <c>app</c>, <c>asc</c>…).</summary>
    private static readonly SearchValues<string> AnyCase = SearchValues.Create(["bearer", "basic"], StringComparison.OrdinalIgnoreCase);

    private static readonly SearchValues<byte> EscapeOrWide = SearchValues.Create([(byte)'\\', .. Enumerable.Range(0x80, 0x80).Select(b => (byte)b)]);
    private static readonly SearchValues<byte> Base64 = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/+"u8);
    private static readonly SearchValues<byte> NameChars = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-"u8);
    private static readonly SearchValues<byte> UrlStops = SearchValues.Create(" \t\n\v\f\r/@\"'?#\\"u8);

    private readonly JsonElement root;
    private readonly SecretNames names;
    private readonly WindowedSearch literals = new(Literals);
    private readonly WindowedSearch anyCase = new(AnyCase);
    private int escape = -1;
    private int url = -1;
    private int urlSearch;
    private int aws = -1;
    private int awsProbe;
    private int separator = -1;
    private int separatorSearch;
    private int last;

    /// <summary>Places in the document <paramref name="root"/> is written in (every string asked about must lie in it).</summary>
    public JsonHotSpots(JsonElement root, SecretNames names)
    {
        this.root = root;
        this.names = names;
    }

    /// <summary>
    /// Whether <paramref name="token"/> (a string's raw bytes between its quotes, or a raw property name, as
    /// <see cref="JsonMarshal"/> gives them) holds no place: then the built-in rules leave it unchanged.
    /// </summary>
    public bool IsCold(ReadOnlySpan<byte> token)
    {
        var document = JsonMarshal.GetRawUtf8Value(root);
        var offset = (long)Unsafe.ByteOffset(ref MemoryMarshal.GetReference(document), ref MemoryMarshal.GetReference(token));
        if (token.IsEmpty || offset < last || offset + token.Length > document.Length)
        {
            return false;
        }

        var from = (int)offset;
        var end = from + token.Length;
        last = from;
        return NextEscape(document, from) >= end
            && literals.Next(document, from) >= end
            && anyCase.Next(document, from) >= end
            && NextSeparator(document, from) >= end
            && NextUrl(document, from) >= end
            && NextAws(document, from) >= end;
    }

    public void Dispose()
    {
        literals.Dispose();
        anyCase.Dispose();
    }

    private int NextEscape(ReadOnlySpan<byte> document, int from)
    {
        if (escape < from)
        {
            var i = document[from..].IndexOfAny(EscapeOrWide);
            escape = i < 0 ? None : from + i;
        }

        return escape;
    }

    private int NextUrl(ReadOnlySpan<byte> document, int from)
    {
        if (url >= from)
        {
            return url;
        }

        var pos = Math.Max(from, urlSearch);
        while (pos < document.Length)
        {
            var i = document[pos..].IndexOf("://"u8);
            if (i < 0)
            {
                break;
            }

            var u = pos + i;
            pos = urlSearch = u + 3;
            var stop = document[pos..].IndexOfAny(UrlStops);
            if (stop >= 0 && document[pos + stop] == (byte)'@')
            {
                return url = u;
            }
        }

        urlSearch = document.Length;
        return url = None;
    }

    private int NextAws(ReadOnlySpan<byte> document, int from)
    {
        if (aws >= from)
        {
            return aws;
        }

        var probe = Math.Max(awsProbe, RoundUp(from));
        while (probe < document.Length)
        {
            if (!Base64.Contains(document[probe]))
            {
                probe += AwsKeyLength;
                continue;
            }

            var after = document[(probe + 1)..].IndexOfAnyExcept(Base64);
            var end = after < 0 ? document.Length : probe + 1 + after;
            var start = document[..probe].LastIndexOfAnyExcept(Base64) + 1;
            awsProbe = probe = RoundUp(end);
            if (end - start >= AwsKeyLength && end > from)
            {
                return aws = Math.Max(start, from);
            }
        }

        awsProbe = document.Length;
        return aws = None;
    }

    private int NextSeparator(ReadOnlySpan<byte> document, int from)
    {
        if (separator >= from)
        {
            return separator;
        }

        var pos = Math.Max(from, separatorSearch);
        while (pos < document.Length)
        {
            var i = document[pos..].IndexOfAny((byte)':', (byte)'=');
            if (i < 0)
            {
                break;
            }

            var at = pos + i;
            pos = separatorSearch = at + 1;
            if (MayJudgeSecretName(document, at))
            {
                return separator = at;
            }
        }

        separatorSearch = document.Length;
        return separator = None;
    }

    /// <summary>
    /// Whether a name before the separator at <paramref name="at"/> could be judged secret, found as
    /// <see cref="SecretCandidates.NextName"/> finds it. A double quote before it (after blanks) is JSON's own
    /// <c>"name":</c>, or the opening quote of a string that only blanks precede the separator in: no name either way.
    /// </summary>
    private bool MayJudgeSecretName(ReadOnlySpan<byte> document, int at)
    {
        var end = at;
        while (end > 0 && document[end - 1] is (byte)' ' or (byte)'\t')
        {
            end--;
        }

        if (end > 0 && document[end - 1] == (byte)'"')
        {
            return false;
        }

        if (end > 0 && document[end - 1] == (byte)'\'')
        {
            end--;
            if (end > 0 && document[end - 1] == (byte)'\\')
            {
                end--;
            }
        }

        var lo = Math.Max(0, end - NameMax);
        lo += document[lo..end].LastIndexOfAnyExcept(NameChars) + 1;
        for (var q = end - 1; q >= lo; q--)
        {
            // The last place a name can start: every earlier start ends the same way.
            if (char.IsAsciiLetter((char)document[q]) && CanStartName(document, q))
            {
                return names.MayBeSecret(document[q..end]);
            }
        }

        return false;
    }

    /// <summary><see cref="SecretCandidates"/>' condition before a name, on bytes (the same for ASCII).</summary>
    private static bool CanStartName(ReadOnlySpan<byte> text, int q)
        => q == 0 || (text[q - 1] is not ((byte)'_' or (byte)'.' or (byte)':' or (byte)'\\') && IsTokenStart(text, q));

    private static bool IsTokenStart(ReadOnlySpan<byte> text, int q)
    {
        if (q == 0)
        {
            return true;
        }

        var before = (char)text[q - 1];
        if (!char.IsAsciiLetterOrDigit(before))
        {
            return true;
        }

        if (q >= 2 && text[q - 2] == (byte)'\\' && before is 'n' or 'r' or 't')
        {
            return true;
        }

        return q >= 6 && text[q - 6] == (byte)'\\' && text[q - 5] == (byte)'u' && text[q - 4] == (byte)'0' && text[q - 3] == (byte)'0'
            && char.IsAsciiHexDigit((char)text[q - 2]) && char.IsAsciiHexDigit(before);
    }

    private static int RoundUp(int position) => (position + AwsKeyLength - 1) / AwsKeyLength * AwsKeyLength;

    /// <summary>One literal search over the document's bytes, widened (Latin-1: one character per byte) a window at a time.</summary>
    private sealed class WindowedSearch(SearchValues<string> values) : IDisposable
    {
        private char[] window = ArrayPool<char>.Shared.Rent(Window);
        private int windowStart;
        private int windowLength;
        private int literal = -1;

        /// <summary>The next start of one of the strings at or after <paramref name="from"/>.</summary>
        public int Next(ReadOnlySpan<byte> document, int from)
        {
            if (literal >= from)
            {
                return literal;
            }

            var pos = from;
            while (pos < document.Length)
            {
                var windowEnd = windowStart + windowLength;
                var safeEnd = windowEnd == document.Length ? windowEnd : windowEnd - Overlap;
                if (pos < windowStart || pos >= safeEnd)
                {
                    windowStart = pos;
                    windowLength = Math.Min(window.Length, document.Length - pos);
                    Encoding.Latin1.GetChars(document.Slice(pos, windowLength), window);
                    windowEnd = windowStart + windowLength;
                    safeEnd = windowEnd == document.Length ? windowEnd : windowEnd - Overlap;
                }

                // A literal starting before safeEnd lies whole in the window; one starting after it may be cut: search on from there.
                var i = window.AsSpan(pos - windowStart, windowEnd - pos).IndexOfAny(values);
                if (i >= 0 && pos + i < safeEnd)
                {
                    return literal = pos + i;
                }

                pos = safeEnd;
            }

            return literal = None;
        }

        public void Dispose()
        {
            ArrayPool<char>.Shared.Return(window);
            window = [];
        }
    }
}
