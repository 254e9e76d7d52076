using System.Globalization;
using System.Text;
using RunArtifacts.Serialization;

namespace RunArtifacts.Records.Internal;

/// <summary>Writes <c>notes.md</c>: a human-readable snapshot of the run.</summary>
internal static class NotesWriter
{
    public static string Write(RunRecord run)
    {
        var sb = new StringBuilder();
        var ci = CultureInfo.InvariantCulture;
        sb.Append(ci, $"# {run.RunId}\n\n");
        sb.Append(ci, $"- **Status:** {run.Status.ToString().ToLowerInvariant()}\n");
        sb.Append(ci, $"- **Model:** {run.ModelKey}{(run.ProviderModel is null ? string.Empty : $" ({run.ProviderModel})")}\n");
        if (run.TaskMode is not null)
        {
            sb.Append(ci, $"- **Task mode:** {run.TaskMode}\n");
        }

        sb.Append(ci, $"- **Created:** {Rfc3339UtcConverter.ToText(run.CreatedAt)}\n");
        if (run.Tags.Count > 0)
        {
            sb.Append(ci, $"- **Tags:** {string.Join(", ", run.Tags)}\n");
        }

        if (run.SourceContext is { } s)
        {
            var parts = new[] { ("type", s.SourceType), ("user", s.SourceUser), ("channel", s.SourceChannel), ("agent", s.SourceAgent), ("project", s.ProjectName) }
                .Where(p => p.Item2 is not null).Select(p => $"{p.Item1} {p.Item2}");
            sb.Append(ci, $"- **Source:** {string.Join(", ", parts)}\n");
        }

        if (run.Prompts?.Raw is { } raw)
        {
            sb.Append("\n## Prompt\n\n").Append(Quote(raw)).Append('\n');
        }

        if (run.Prompts?.Enhanced is { } enhanced)
        {
            sb.Append("\n## Enhanced prompt\n\n").Append(Quote(enhanced)).Append('\n');
        }

        AppendAssets(sb, "Outputs", run.Outputs);
        AppendAssets(sb, "Inputs", run.Inputs);
        if (run.Errors.Count > 0)
        {
            sb.Append("\n## Errors\n\n");
            foreach (var e in run.Errors)
            {
                sb.Append(ci, $"- `{e.Kind}`{(e.HttpStatus is { } h ? $" (HTTP {h})" : string.Empty)}: {OneLine(e.Message)}\n");
            }
        }

        if (run.Warnings.Count > 0)
        {
            sb.Append("\n## Warnings\n\n");
            foreach (var w in run.Warnings)
            {
                sb.Append(ci, $"- `{w.Code}`: {OneLine(w.Message)}\n");
            }
        }

        if (run.Notes is { } notes)
        {
            sb.Append("\n## Notes\n\n").Append(notes).Append('\n');
        }

        // Privacy rewrites (machine paths, user and host names in the library's own messages) are not secrets.
        var privacy = run.Redaction.ByRule.Where(r => r.Key.StartsWith("privacy:", StringComparison.Ordinal)).Sum(r => r.Value);
        var secrets = run.Redaction.Total - privacy;
        if (secrets > 0)
        {
            sb.Append(ci, $"\n_{secrets} secret value(s) were redacted; see `run.json` → `redaction`._\n");
        }

        if (privacy > 0)
        {
            sb.Append(ci, $"\n_{privacy} machine path(s) or name(s) in the library's messages were replaced; see `run.json` → `redaction`._\n");
        }

        return sb.ToString();
    }

    private static void AppendAssets(StringBuilder sb, string title, IReadOnlyList<AssetRecord> assets)
    {
        if (assets.Count == 0)
        {
            return;
        }

        sb.Append(CultureInfo.InvariantCulture, $"\n## {title}\n\n");
        foreach (var a in assets)
        {
            var size = a.Width is { } w && a.Height is { } h ? $", {w}×{h}" : string.Empty;
            var duration = a.DurationSeconds is { } d ? string.Create(CultureInfo.InvariantCulture, $", {d:0.##} s") : string.Empty;
            sb.Append(CultureInfo.InvariantCulture, $"- [{a.RelativePath}]({a.RelativePath}) — {a.MimeType}, {a.Bytes:N0} bytes{size}{duration}");
            if (a.WebPath is not null || a.ThumbPath is not null || a.PosterPath is not null)
            {
                sb.Append(" (").Append(string.Join(", ", new[] { a.WebPath, a.ThumbPath, a.PosterPath }.Where(p => p is not null))).Append(')');
            }

            sb.Append('\n');
        }
    }

    private static string Quote(string text) => string.Join('\n', text.Split('\n').Select(l => "> " + l.TrimEnd('\r')));

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
