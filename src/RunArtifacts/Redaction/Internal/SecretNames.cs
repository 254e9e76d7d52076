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
        "sharedaccesskey", "clientsecret", "secretkey", "mfacode", "otp",
    ];

    private static readonly string[] Suffixes =
    [
        "token", "secret", "password", "passwd", "passphrase", "apikey", "secretkey", "privatekey", "accountkey", "accesskey",
        "signingkey", "encryptionkey", "credential", "credentials", "signature", "signedurl", "cookie", "sessionid",
    ];

    private static readonly string[] BuiltInAllowed =
    [
        "nextpagetoken", "pagetoken", "prevpagetoken", "previouspagetoken", "continuationtoken", "synctoken", "cursortoken",
        "cancellationtoken", "eostoken", "bostoken", "padtoken", "unktoken", "septoken", "clstoken", "masktoken", "stoptoken",
        "starttoken", "endtoken", "imagetoken", "specialtoken", "hassignature", "haspassword", "passwordrequired",
    ];

    /// <summary>Names secret only in a URL query string.</summary>
    private static readonly string[] QueryOnly = ["key", "code"];

    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> exact;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> builtInAllowed;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> extra;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> allowed;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> queryOnly;

    public SecretNames(IEnumerable<string> extraNames, IEnumerable<string> allowNames)
    {
        exact = Set(Exact);
        builtInAllowed = Set(BuiltInAllowed);
        extra = Set(extraNames.Select(Normalize));
        allowed = Set(allowNames.Select(Normalize));
        queryOnly = Set(QueryOnly);
    }

    /// <summary>Whether the value of <paramref name="name"/> is a secret.</summary>
    public bool IsSecret(ReadOnlySpan<char> name, bool inQuery = false)
    {
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

    private static HashSet<string>.AlternateLookup<ReadOnlySpan<char>> Set(IEnumerable<string> names)
        => new HashSet<string>(names.Where(n => n.Length > 0), StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
}
