using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using RunArtifacts.Cli.Internal;
using RunArtifacts.Index;
using RunArtifacts.Records;
using RunArtifacts.Serialization;

namespace RunArtifacts.Cli.Commands;

/// <summary><c>artifacts ls</c>: list runs from the index, newest first.</summary>
internal static class LsCommand
{
    public static Command Create(CliContext context)
    {
        var root = CliContext.RootOption();
        var limit = new Option<int?>("--limit") { Description = "At most this many runs, newest first (read from the end of the index)." };
        var model = new Option<string?>("--model") { Description = "Only runs of this model key." };
        var tag = new Option<string?>("--tag") { Description = "Only runs with this tag." };
        var status = new Option<string?>("--status") { Description = "Only runs with this status." };
        status.AcceptOnlyFromAmong("succeeded", "failed", "cancelled");
        var since = new Option<string?>("--since") { Description = "Only runs created at or after this time (2026-03-26, RFC 3339, or a duration ago: 12h, 7d)." };
        var until = new Option<string?>("--until") { Description = "Only runs created before this time." };
        var json = new Option<bool>("--json") { Description = "One JSON object (the index line) per run, per line." };
        var command = new Command("ls", "List runs from index.jsonl, newest first. Torn or bad index lines are skipped and counted on stderr.") { root, limit, model, tag, status, since, until, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var store = CliContext.OpenStore(parse.GetRequiredValue(root));
            var now = store.TimeProvider.GetUtcNow();
            if (parse.GetValue(limit) is < 0)
            {
                throw new CliUsageException("--limit must not be negative.");
            }

            var query = new IndexQuery
            {
                ModelKey = parse.GetValue(model),
                Tag = parse.GetValue(tag),
                Status = parse.GetValue(status) switch { "succeeded" => RunStatus.Succeeded, "failed" => RunStatus.Failed, "cancelled" => RunStatus.Cancelled, _ => null },
                Since = parse.GetValue(since) is { } s ? TimeArguments.ParseTime(s, "--since", now) : null,
                Until = parse.GetValue(until) is { } u ? TimeArguments.ParseTime(u, "--until", now) : null,
                Limit = parse.GetValue(limit) ?? int.MaxValue,
            };
            var result = await store.ReadIndexAsync(query, cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                foreach (var entry in result.Entries)
                {
                    await context.Out.WriteLineAsync(JsonSerializer.Serialize(entry, RunArtifactsJsonContext.Compact.IndexEntry)).ConfigureAwait(false);
                }
            }
            else
            {
                await WriteTableAsync(context.Out, result.Entries).ConfigureAwait(false);
            }

            if (result.SkippedLines > 0)
            {
                await context.Error.WriteLineAsync($"warning: skipped {result.SkippedLines} torn or bad index line(s); 'artifacts reindex' rebuilds the index").ConfigureAwait(false);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task WriteTableAsync(TextWriter output, IReadOnlyList<IndexEntry> entries)
    {
        if (entries.Count == 0)
        {
            await output.WriteLineAsync("no runs").ConfigureAwait(false);
            return;
        }

        string[] header = ["CREATED (UTC)", "STATUS", "MODEL", "OUT", "TAGS", "RUN_ID", "PROMPT"];
        var rows = entries.Select(e => new[]
        {
            e.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            e.Status.ToString().ToLowerInvariant(),
            e.ModelKey,
            e.OutputCount.ToString(CultureInfo.InvariantCulture),
            string.Join(',', e.Tags),
            e.RunId,
            Truncate(e.PromptSummary ?? string.Empty, 60),
        }).ToList();
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Max(r => r[i].Length))).ToArray();
        await output.WriteLineAsync(Row(header, widths)).ConfigureAwait(false);
        foreach (var row in rows)
        {
            await output.WriteLineAsync(Row(row, widths)).ConfigureAwait(false);
        }
    }

    private static string Row(string[] cells, int[] widths)
        => string.Join("  ", cells.Select((c, i) => i == cells.Length - 1 ? c : c.PadRight(widths[i]))).TrimEnd();

    private static string Truncate(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 3), "...");
}
