namespace RunArtifacts.Redaction.Internal;

/// <summary>
/// Decides whether a key, header or query-parameter name holds a secret. Names are compared normalized: ASCII letters and
/// digits only, lower-cased (<c>X-Api-Key</c>, <c>x_api_key</c> and <c>xApiKey</c> are all <c>xapikey</c>).
/// </summary>
/// <remarks>
/// Order of precedence: <see cref="RedactionOptions.AllowNames"/>, then <see cref="RedactionOptions.ExtraNames"/>, then the
/// built-in allow-list, then the built-in exact names and suffixes. Decisions on ordinary names:
/// <list type="bullet">
/// <item><c>max_tokens</c>, <c>token_count</c>, <c>total_tokens</c>, <c>tokenizer</c>, <c>token_type</c> are kept: they do not end in a secret word.</item>
/// <item>Pagination cursors (<c>next_page_token</c>, <c>page_token</c>, <c>continuation_token</c>, <c>sync_token</c>) are kept: they
/// grant no access and are needed to debug a trace. Add them to <see cref="RedactionOptions.ExtraNames"/> to redact them.</item>
/// <item>Tokenizer special tokens (<c>eos_token</c>, <c>bos_token</c>, <c>pad_token</c>, …) and <c>cancellation_token</c> are kept.</item>
/// <item><c>key</c> and <c>code</c> alone are only secret as URL query parameters (<c>?key=…</c>, an OAuth <c>?code=…</c>); as
/// JSON keys they are too common.</item>
/// </list>
/// </remarks>
internal sealed class SecretNames
{
    /// <summary>Names whose value is a whole header line (the value runs to the end of the line, not to the next space).</summary>
    internal static readonly HashSet<string> LineValued = new(StringComparer.Ordinal) { "authorization", "proxyauthorization", "cookie", "setcookie" };

    private static readonly string[] Exact =
    [
        "authorization", "proxyauthorization", "cookie", "setcookie", "auth", "xapikey", "apikey", "apisecret", "token", "sig",
        "secret", "password", "passwd", "pwd", "passphrase", "credential", "credentials", "privatekey", "signature", "signedurl",
        "presignedurl", "sessionid", "jsessionid", "phpsessid", "connectsid", "secretaccesskey", "awssecretaccesskey", "accountkey",
        "sharedaccesskey", "clientsecret", "secretkey", "mfacode", "otp", "falkey",
    ];

    private static readonly string[] Suffixes =
    [
        "token", "secret", "password", "passwd", "passphrase", "apikey", "secretkey", "privatekey", "accountkey", "accesskey",
        "signingkey", "encryptionkey", "subscriptionkey", "masterkey", "credential", "credentials", "signature", "signedurl",
        "cookie", "sessionid", "pwd", "pass",
    ];

    private static readonly string[] BuiltInAllowed =
    [
        "nextpagetoken", "pagetoken", "prevpagetoken", "previouspagetoken", "continuationtoken", "synctoken", "cursortoken",
        "cancellationtoken", "eostoken", "bostoken", "padtoken", "unktoken", "septoken", "clstoken", "masktoken", "stoptoken",
        "starttoken", "endtoken", "imagetoken", "specialtoken", "hassignature", "haspassword", "passwordrequired",
        "bypass", "compass", "onepass", "twopass", "singlepass", "multipass", "firstpass", "secondpass", "finalpass", "renderpass",
    ];

    /// <summary>Names secret only in a URL query string.</summary>
    private static readonly string[] QueryOnly = ["key", "code"];

    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> exact;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> builtInAllowed;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> extra;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> allowed;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> queryOnly;

    /// <summary>
    /// The last three normalized characters of every name that can make a name secret (exact, extra, query-only names and
    /// suffixes), as bits over the 36³ such triples: a name whose own last three are not among them is not secret, which
    /// most names of a log are. Tested without normalizing the whole name.
    /// </summary>
    private readonly ulong[] tails = new ulong[((36 * 36 * 36) + 63) / 64];

    public SecretNames(IEnumerable<string> extraNames, IEnumerable<string> allowNames)
    {
        exact = Set(Exact);
        builtInAllowed = Set(BuiltInAllowed);
        extra = Set(extraNames.Select(Normalize));
        allowed = Set(allowNames.Select(Normalize));
        queryOnly = Set(QueryOnly);
        foreach (var name in Exact.Concat(Suffixes).Concat(QueryOnly).Concat(extraNames.Select(Normalize)))
        {
            if (name.Length >= 3)
            {
                var t = Triple(name[^3], name[^2], name[^1]);
                tails[t >> 6] |= 1UL << (t & 63);
            }
        }
    }

    /// <summary>Whether the value of <paramref name="name"/> is a secret.</summary>
    public bool IsSecret(ReadOnlySpan<char> name, bool inQuery = false)
    {
        if (!MayBeSecret(name))
        {
            return false;
        }

        Span<char> buffer = stackalloc char[128];
        var n = Normalize(name, buffer);
        if (n.IsEmpty || allowed.Contains(n))
        {
            return false;
        }

        if (extra.Contains(n))
        {
            return true;
        }

        if (builtInAllowed.Contains(n))
        {
            return false;
        }

        if (exact.Contains(n) || (inQuery && queryOnly.Contains(n)))
        {
            return true;
        }

        foreach (var suffix in Suffixes)
        {
            if (n.EndsWith(suffix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The normalized form of a name: ASCII letters and digits, lower-cased (at most 128 characters are looked at).</summary>
    public static string Normalize(string name)
    {
        Span<char> buffer = stackalloc char[128];
        return Normalize(name, buffer).ToString();
    }

    /// <summary>Normalizes into <paramref name="buffer"/>; a name longer than the buffer keeps its last characters (suffixes decide).</summary>
    public static ReadOnlySpan<char> Normalize(ReadOnlySpan<char> name, Span<char> buffer)
    {
        var length = 0;
        foreach (var c in name)
        {
            char lower;
            if (char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c))
            {
                lower = c;
            }
            else if (char.IsAsciiLetterUpper(c))
            {
                lower = (char)(c | 0x20);
            }
            else
            {
                continue;
            }

            if (length == buffer.Length)
            {
                // Keep the tail: shift left by one (rare; names are short).
                buffer[1..].CopyTo(buffer);
                length--;
            }

            buffer[length++] = lower;
        }

        return buffer[..length];
    }

    /// <summary>
    /// False when the last three letters or digits of <paramref name="name"/> (lower-cased) end no secret name; true when
    /// they may, or when the name has fewer than three (then the full test decides).
    /// </summary>
    private bool MayBeSecret(ReadOnlySpan<char> name)
    {
        int c1 = 0, c2 = 0, c3 = 0, found = 0;
        for (var i = name.Length - 1; i >= 0 && found < 3; i--)
        {
            var c = name[i];
            if (char.IsAsciiLetterOrDigit(c))
            {
                (c1, c2, c3) = (c | 0x20, c1, c2);
                found++;
            }
        }

        return TailMayBeSecret(c1, c2, c3, found);
    }

    /// <summary>The same test on a name's UTF-8 bytes (bytes over 0x7F, like non-ASCII characters, are neither letters nor digits).</summary>
    public bool MayBeSecret(ReadOnlySpan<byte> name)
    {
        int c1 = 0, c2 = 0, c3 = 0, found = 0;
        for (var i = name.Length - 1; i >= 0 && found < 3; i--)
        {
            var c = (char)name[i];
            if (char.IsAsciiLetterOrDigit(c))
            {
                (c1, c2, c3) = (c | 0x20, c1, c2);
                found++;
            }
        }

        return TailMayBeSecret(c1, c2, c3, found);
    }

    /// <summary>Whether a name can be secret, from its last three letters or digits (lower-cased, in reading order
    /// <paramref name="c1"/>, <paramref name="c2"/>, <paramref name="c3"/>); <paramref name="found"/> of them were found.</summary>
    private bool TailMayBeSecret(int c1, int c2, int c3, int found)
    {
        if (found < 3)
        {
            return true;
        }

        var t = Triple((char)c1, (char)c2, (char)c3);
        return (tails[t >> 6] & (1UL << (t & 63))) != 0;
    }

    /// <summary>Index of three normalized characters (a-z, 0-9) among the 36³ triples.</summary>
    private static int Triple(char a, char b, char c) => (Index36(a) * 36 * 36) + (Index36(b) * 36) + Index36(c);

    private static int Index36(char c) => c <= '9' ? c - '0' + 26 : c - 'a';

    private static HashSet<string>.AlternateLookup<ReadOnlySpan<char>> Set(IEnumerable<string> names)
        => new HashSet<string>(names.Where(n => n.Length > 0), StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
}
