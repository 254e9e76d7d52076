namespace RunArtifacts.Redaction.Internal;

/// <summary>
/// Keeps the writing machine out of system-made text (exception messages, stack traces, warnings): absolute paths under
/// the home and temp folders and the store root lose their machine-specific prefix (<c>~</c>, <c>&lt;temp&gt;</c>,
/// <c>&lt;root&gt;</c>) unless
/// <see cref="RunArtifactsOptions.RecordAbsolutePaths"/> is on, and the user and host names become <c>&lt;user&gt;</c> and
/// <c>&lt;host&gt;</c> unless <see cref="RunArtifactsOptions.RecordMachineIdentity"/> is on. Each replacement is accounted
/// (<c>privacy:path</c>, <c>privacy:user</c>, <c>privacy:host</c>). Caller-supplied content (logs, request) is not touched.
/// </summary>
internal sealed class PrivacyScrubber
{
    private readonly (string Prefix, string Replacement)[] prefixes;
    private readonly (string Token, string Replacement, string Rule)[] tokens;

    public PrivacyScrubber(bool recordAbsolutePaths, bool recordMachineIdentity, string? storeRoot = null)
        : this(
            recordAbsolutePaths ? [] : [.. DefaultPrefixes(), .. string.IsNullOrEmpty(storeRoot) ? [] : new[] { (storeRoot, "<root>") }],
            recordMachineIdentity ? [] : [(Environment.UserName, "<user>", "privacy:user"), (Environment.MachineName, "<host>", "privacy:host")])
    {
    }

    internal PrivacyScrubber((string Prefix, string Replacement)[] prefixes, (string Token, string Replacement, string Rule)[] tokens)
    {
        this.prefixes = prefixes.Where(p => p.Prefix.Length > 1).OrderByDescending(p => p.Prefix.Length).ToArray();
        this.tokens = tokens.Where(t => t.Token.Length >= 2).ToArray();
    }

    private static StringComparison Comparison => OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    /// <summary>The scrubbed text (the same instance when nothing changed).</summary>
    public string Scrub(string text, string file, string location, RedactionLedger ledger)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        foreach (var (prefix, replacement) in prefixes)
        {
            text = Replace(text, prefix, replacement, "privacy:path", file, location, ledger, IsPathStart, IsPathPrefixEnd, Comparison);
        }

        foreach (var (token, replacement, rule) in tokens)
        {
            text = Replace(text, token, replacement, rule, file, location, ledger, IsTokenEdge, IsTokenEdge, StringComparison.OrdinalIgnoreCase);
        }

        return text;
    }

    private static (string, string)[] DefaultPrefixes()
    {
        var list = new List<(string, string)>();
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (!string.IsNullOrEmpty(home))
        {
            list.Add((Path.TrimEndingDirectorySeparator(home), "~"));
        }

        var temp = Path.TrimEndingDirectorySeparator(Path.GetTempPath());
        list.Add((temp, "<temp>"));
        try
        {
            // macOS: /var/folders/... is reached through /private/var/...; scrub both spellings.
            var resolved = Directory.ResolveLinkTarget(temp, returnFinalTarget: true)?.FullName;
            if (resolved is not null && resolved != temp)
            {
                list.Add((Path.TrimEndingDirectorySeparator(resolved), "<temp>"));
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The unresolved spelling is still scrubbed.
        }

        return list.ToArray();
    }

    private static string Replace(string text, string value, string replacement, string rule, string file, string location, RedactionLedger ledger, Func<string, int, bool> startOk, Func<string, int, bool> endOk, StringComparison comparison)
    {
        var index = text.IndexOf(value, comparison);
        if (index < 0)
        {
            return text;
        }

        var sb = new System.Text.StringBuilder(text.Length);
        var copied = 0;
        var count = 0;
        while (index >= 0)
        {
            var end = index + value.Length;
            var next = index + 1;
            if (startOk(text, index) && endOk(text, end))
            {
                sb.Append(text, copied, index - copied).Append(replacement);
                copied = end;
                next = end;
                count++;
            }

            index = next >= text.Length ? -1 : text.IndexOf(value, next, comparison);
        }

        if (count == 0)
        {
            return text;
        }

        ledger.Add(file, location, rule, count);
        return sb.Append(text, copied, text.Length - copied).ToString();
    }

    private static bool IsPathStart(string text, int index)
        => index == 0 || !(char.IsLetterOrDigit(text[index - 1]) || text[index - 1] is '_' or '-' or '.' or '/' or '\\' or '~' or '%' or ':');

    private static bool IsPathPrefixEnd(string text, int end)
        => end == text.Length || text[end] is '/' or '\\' or '\'' or '"' or ' ' or ')' or ',' or ';' or ':' || char.IsWhiteSpace(text[end]);

    private static bool IsTokenEdge(string text, int index)
    {
        if (index <= 0 || index >= text.Length)
        {
            return true;
        }

        // Checks both sides of the boundary between index-1 and index.
        return !(IsWordChar(text[index - 1]) && IsWordChar(text[index]));
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_';
}
