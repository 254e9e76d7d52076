using System.Text.RegularExpressions;

namespace RunArtifacts.Redaction.Internal;

/// <summary>
/// The built-in expression matched at one position, one alternative at a time, in the expression's order. Anchored there
/// and followed by nothing, the alternation matches exactly what its first matching alternative matches, with the same
/// groups; a test compares this with the whole expression (<see cref="Pattern"/>) at every position of planted texts.
/// One generated matcher per rule instead of one for the whole alternation keeps each generated method small: the trim
/// analyzer's dataflow pass over the single 2,400-line backtracking method was a quarter of the library's compile time.
/// </summary>
internal sealed partial class SecretRedactor
{
    private const RegexOptions RuleOptions = RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;

    private static readonly Regex[] AnchoredRules =
    [
        AnchoredPem(), AnchoredWebhook(), AnchoredUserInfo(), AnchoredBearer(), AnchoredBasic(), AnchoredJwt(), AnchoredProviderKey(),
        AnchoredAwsAccessKey(), AnchoredAwsSecretKey(), AnchoredName(),
    ];

    /// <summary>The length of the built-in expression's match starting exactly at <paramref name="at"/>, without allocating; -1 when none.</summary>
    internal static int AnchoredLength(ReadOnlySpan<char> text, int at)
    {
        foreach (var rule in AnchoredRules)
        {
            foreach (var match in rule.EnumerateMatches(text, at))
            {
                return match.Length;
            }
        }

        return -1;
    }

    /// <summary>The built-in expression's match starting exactly at <paramref name="at"/>, with its groups; <see cref="Match.Empty"/> when none.</summary>
    internal static Match MatchAnchored(string text, int at)
    {
        foreach (var rule in AnchoredRules)
        {
            var match = rule.Match(text, at);
            if (match.Success)
            {
                return match;
            }
        }

        return Match.Empty;
    }

    [GeneratedRegex(@"\G(?:" + PemRule + ")", RuleOptions)]
    private static partial Regex AnchoredPem();

    [GeneratedRegex(@"\G(?:" + WebhookRule + ")", RuleOptions)]
    private static partial Regex AnchoredWebhook();

    [GeneratedRegex(@"\G" + ValueTokenStart + "(?:" + UserInfoRule + ")", RuleOptions)]
    private static partial Regex AnchoredUserInfo();

    [GeneratedRegex(@"\G" + ValueTokenStart + "(?:" + BearerRule + ")", RuleOptions)]
    private static partial Regex AnchoredBearer();

    [GeneratedRegex(@"\G" + ValueTokenStart + "(?:" + BasicRule + ")", RuleOptions)]
    private static partial Regex AnchoredBasic();

    [GeneratedRegex(@"\G" + ValueTokenStart + "(?:" + JwtRule + ")", RuleOptions)]
    private static partial Regex AnchoredJwt();

    [GeneratedRegex(@"\G" + ValueTokenStart + "(?:" + ProviderKeyRule + ")", RuleOptions)]
    private static partial Regex AnchoredProviderKey();

    [GeneratedRegex(@"\G" + TokenStart + "(?:" + AwsAccessKeyRule + ")", RuleOptions)]
    private static partial Regex AnchoredAwsAccessKey();

    [GeneratedRegex(@"\G" + TokenStart + "(?:" + AwsSecretKeyRule + ")", RuleOptions)]
    private static partial Regex AnchoredAwsSecretKey();

    [GeneratedRegex(@"\G" + TokenStart + "(?:" + NameRule + ")", RuleOptions)]
    private static partial Regex AnchoredName();
}
