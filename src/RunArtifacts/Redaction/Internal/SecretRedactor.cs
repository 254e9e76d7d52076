using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace RunArtifacts.Redaction.Internal;

/// <summary>Removes secrets from JSON, text and URLs, and accounts for each removal in a <see cref="RedactionLedger"/>.</summary>
internal sealed partial class SecretRedactor
{
    private static readonly string[] SecretNames =
    [
        "authorization", "proxyauthorization", "cookie", "setcookie", "xapikey", "apikey", "apisecret", "accesstoken", "refreshtoken",
        "idtoken", "token", "secret", "clientsecret", "password", "passwd", "pwd", "credential", "credentials", "privatekey",
        "signature", "signedurl", "sessiontoken", "xamzsecuritytoken", "xamzsignature", "xamzcredential", "xgoogsignature", "sig",
    ];

    private readonly HashSet<string> names;
    private readonly HashSet<string> allowed;
    private readonly (string Rule, Regex Pattern)[] extraPatterns;

    public SecretRedactor(RedactionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Marker = options.Marker;
        names = new HashSet<string>(SecretNames.Concat(options.ExtraNames.Select(Normalize)), StringComparer.Ordinal);
        allowed = new HashSet<string>(options.AllowNames.Select(Normalize), StringComparer.Ordinal);
        extraPatterns = options.ExtraPatterns.Select((p, i) => ($"custom:{i}", new Regex(p, RegexOptions.CultureInvariant))).ToArray();
    }

    public string Marker { get; }

    public bool IsSecretName(string name)
    {
        var n = Normalize(name);
        if (allowed.Contains(n))
        {
            return false;
        }

        return names.Contains(n) || n.EndsWith("token", StringComparison.Ordinal) || n.EndsWith("secret", StringComparison.Ordinal)
            || n.EndsWith("password", StringComparison.Ordinal) || n.EndsWith("apikey", StringComparison.Ordinal);
    }

    public JsonNode? RedactJson(JsonNode? node, string file, RedactionLedger ledger)
    {
        if (node is null)
        {
            return null;
        }

        var copy = node.DeepClone();
        Walk(copy, "$", file, ledger);
        return copy;
    }

    public string RedactText(string text, string file, RedactionLedger ledger)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        var lineStarts = new Lazy<List<int>>(() => LineStarts(text));
        string Location(int index) => "line " + (UpperBound(lineStarts.Value, index));

        var result = text;
        foreach (var (rule, pattern) in Rules())
        {
            result = pattern.Replace(result, m =>
            {
                ledger.Add(file, Location(m.Index), rule);
                return ReplaceMatch(m);
            });
        }

        return result;
    }

    public IEnumerable<(string Rule, int Line)> FindSecrets(string text)
    {
        var starts = LineStarts(text);
        foreach (var (rule, pattern) in Rules())
        {
            foreach (Match m in pattern.Matches(text))
            {
                var secret = m.Groups["secret"].Success ? m.Groups["secret"].Value : m.Value;
                if (secret != Marker && !secret.Contains(Marker, StringComparison.Ordinal))
                {
                    yield return (rule, UpperBound(starts, m.Index));
                }
            }
        }
    }

    private string ReplaceMatch(Match m)
    {
        var g = m.Groups["secret"];
        if (!g.Success)
        {
            return Marker;
        }

        return string.Concat(m.Value.AsSpan(0, g.Index - m.Index), Marker, m.Value.AsSpan(g.Index - m.Index + g.Length));
    }

    private IEnumerable<(string Rule, Regex Pattern)> Rules()
    {
        yield return ("value:pem_private_key", PemPattern());
        yield return ("value:bearer", BearerPattern());
        yield return ("value:basic", BasicPattern());
        yield return ("value:jwt", JwtPattern());
        yield return ("value:provider_key", ProviderKeyPattern());
        yield return ("value:aws_access_key", AwsKeyPattern());
        yield return ("value:url_userinfo", UrlUserInfoPattern());
        yield return ("query:signature", SignedQueryPattern());
        yield return ("value:named_secret", NamedSecretPattern());
        foreach (var extra in extraPatterns)
        {
            yield return extra;
        }
    }

    private void Walk(JsonNode node, string path, string file, RedactionLedger ledger)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).ToList())
                {
                    var child = obj[key];
                    var childPath = $"{path}.{key}";
                    if (IsSecretName(key) && child is not null and not JsonObject and not JsonArray)
                    {
                        if (child.ToString() != Marker)
                        {
                            obj[key] = Marker;
                            ledger.Add(file, childPath, "name:" + Normalize(key));
                        }
                    }
                    else if (child is not null)
                    {
                        Walk(child, childPath, file, ledger);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is { } item)
                    {
                        Walk(item, $"{path}[{i}]", file, ledger);
                    }
                }

                break;
            case JsonValue value when value.TryGetValue<string>(out var s):
                var local = new RedactionLedger();
                var redacted = RedactText(s, file, local);
                if (!ReferenceEquals(redacted, s) && redacted != s)
                {
                    var parent = node.Parent;
                    var replacement = JsonValue.Create(redacted);
                    if (parent is JsonObject po)
                    {
                        po[node.GetPropertyName()] = replacement;
                    }
                    else if (parent is JsonArray pa)
                    {
                        pa[node.GetElementIndex()] = replacement;
                    }

                    foreach (var e in local.ToSummary(Marker, int.MaxValue).Entries)
                    {
                        ledger.Add(file, path, e.Rule, e.Count);
                    }
                }

                break;
        }
    }

    private static string Normalize(string name)
        => new(name.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

    private static List<int> LineStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                starts.Add(i + 1);
            }
        }

        return starts;
    }

    private static int UpperBound(List<int> starts, int index)
    {
        var i = starts.BinarySearch(index);
        return i >= 0 ? i + 1 : ~i;
    }

    [GeneratedRegex(@"-----BEGIN (?:[A-Z ]+ )?PRIVATE KEY-----[\s\S]*?-----END (?:[A-Z ]+ )?PRIVATE KEY-----")]
    private static partial Regex PemPattern();

    [GeneratedRegex(@"(?i)\bbearer\s+(?<secret>[A-Za-z0-9\-._~+/]{8,}=*)")]
    private static partial Regex BearerPattern();

    [GeneratedRegex(@"(?i)\bbasic\s+(?<secret>[A-Za-z0-9+/]{8,}={0,2})")]
    private static partial Regex BasicPattern();

    [GeneratedRegex(@"\beyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}")]
    private static partial Regex JwtPattern();

    [GeneratedRegex(@"\b(?:sk-(?:proj-|ant-)?[A-Za-z0-9_-]{16,}|gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|xox[abposr]-[A-Za-z0-9-]{10,}|AIza[0-9A-Za-z_-]{30,}|glpat-[A-Za-z0-9_-]{20,}|hf_[A-Za-z0-9]{20,}|r8_[A-Za-z0-9]{20,}|SG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}|(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{16,})")]
    private static partial Regex ProviderKeyPattern();

    [GeneratedRegex(@"\b(?:AKIA|ASIA)[A-Z0-9]{16}\b")]
    private static partial Regex AwsKeyPattern();

    [GeneratedRegex(@"(?i)\b[a-z][a-z0-9+.-]*://[^\s/:@""']+:(?<secret>[^\s/@""']+)@")]
    private static partial Regex UrlUserInfoPattern();

    [GeneratedRegex(@"(?i)[?&](?:x-amz-signature|x-amz-credential|x-amz-security-token|x-goog-signature|x-goog-credential|sig|signature|token|access_token|api_key|apikey|key|se|skoid|sktid)=(?<secret>[^&#\s""']+)")]
    private static partial Regex SignedQueryPattern();

    [GeneratedRegex(@"(?i)\b(?:password|passwd|pwd|secret|api[_-]?key|access[_-]?token|client[_-]?secret|aws_secret_access_key)\b\s*[:=]\s*[""']?(?<secret>[^\s""';,&]{4,})")]
    private static partial Regex NamedSecretPattern();
}
