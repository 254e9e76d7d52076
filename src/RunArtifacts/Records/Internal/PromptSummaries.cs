using System.Text;

namespace RunArtifacts.Records.Internal;

/// <summary>The short prompt text the manifest, the index line and the clip sidecars carry.</summary>
internal static class PromptSummaries
{
    /// <summary>The prompt summary: whitespace collapsed, at most 140 characters, ending in <c>...</c> when cut.</summary>
    public static string? Of(string? prompt, int max = 140)
    {
        if (string.IsNullOrWhiteSpace(prompt))
        {
            return null;
        }

        var sb = new StringBuilder(Math.Min(prompt.Length, max + 8));
        var space = false;
        foreach (var c in prompt)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                space = sb.Length > 0;
                continue;
            }

            if (space)
            {
                sb.Append(' ');
                space = false;
            }

            sb.Append(c);
            if (sb.Length > max)
            {
                break;
            }
        }

        if (sb.Length <= max)
        {
            return sb.ToString();
        }

        var cut = max - 3;
        if (char.IsLowSurrogate(sb[cut]))
        {
            cut--;
        }

        return sb.ToString(0, cut).TrimEnd() + "...";
    }
}
