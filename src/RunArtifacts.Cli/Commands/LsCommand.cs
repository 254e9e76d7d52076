using System.CommandLine;
using System.Globalization;
using RunArtifacts.Catalog;
using RunArtifacts.Cli.Internal;
using RunArtifacts.Records;
using RunArtifacts.Serialization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace RunArtifacts.Cli.Commands;

/// <summary><c>artifacts ls</c>: list runs from the catalog (through the store's public query API), newest first.</summary>
internal static class LsCommand
{
    public static Command Create(CliContext context)
    {
        var root = CliContext.RootOption();
        var limit = new Option<int?>("--limit") { Description = "At most this many runs, newest first." };
        var model = new Option<string?>("--model") { Description = "Only runs of this model key." };
        var tag = new Option<string?>("--tag") { Description = "Only runs with this tag." };
        var status = new Option<string?>("--status") { Description = "Only runs with this status." };
        status.AcceptOnlyFromAmong("succeeded", "failed", "cancelled");
        var since = new Option<string?>("--since") { Description = "Only runs created at or after this time (2026-03-26, RFC 3339, or a duration ago: 12h, 7d)." };
        var until = new Option<string?>("--until") { Description = "Only runs created before this time." };
        var text = new Option<string?>("--text") { Description = "Only runs whose prompt summary contains this text (case-insensitive for ASCII letters)." };
        var json = new Option<bool>("--json") { Description = "One JSON object (the index line) per run, per line." };
        var review = new Option<string?>("--review") { Description = "Only runs where the run or one of its outputs currently has this review status (draft, needs-review, approved, rejected, archived, superseded)." };
        review.AcceptOnlyFromAmong("draft", "needs-review", "approved", "rejected", "archived", "superseded");
        var metric = new Option<string?>("--metric") { Description = "Only runs with this metric, sorted by its last value (largest first) and shown in a column." };
        var ascending = new Option<bool>("--ascending") { Description = "With --metric: smallest first (a loss)." };
        var command = new Command("ls", "List runs newest first, answered from the catalog (catalog.sqlite, rebuilt from the run folders when missing or stale).") { root, limit, model, tag, status, since, until, text, review, json, metric, ascending };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var store = CliContext.OpenStore(CliContext.ExistingRoot(parse.GetRequiredValue(root)));
            var now = store.TimeProvider.GetUtcNow();
            if (parse.GetValue(limit) is < 0)
            {
                throw new CliUsageException("--limit must not be negative.");
            }

            var query = new RunQuery
            {
                ModelKey = parse.GetValue(model),
                Tag = parse.GetValue(tag),
                Status = parse.GetValue(status) switch { "succeeded" => RunStatus.Succeeded, "failed" => RunStatus.Failed, "cancelled" => RunStatus.Cancelled, _ => null },
                Since = parse.GetValue(since) is { } s ? TimeArguments.ParseTime(s, "--since", now) : null,
                Until = parse.GetValue(until) is { } u ? TimeArguments.ParseTime(u, "--until", now) : null,
                Text = parse.GetValue(text),
                Limit = parse.GetValue(review) is null ? parse.GetValue(limit) : null,
                Metric = parse.GetValue(metric),
                MetricAscending = parse.GetValue(ascending),
            };
            var entries = (await store.QueryRunsAsync(query, cancellationToken).ConfigureAwait(false)).Entries;
            if (parse.GetValue(review) is { } wanted)
            {
                // Issue 13: the current review status is the fold of reviews.jsonl over each run's initial statuses.
                Reviews.ReviewStatuses.TryParse(wanted, out var reviewStatus);
                var kept = new List<IndexEntry>();
                foreach (var entry in entries)
                {
                    if (kept.Count == parse.GetValue(limit))
                    {
                        break;
                    }

                    var states = await store.GetReviewStatesAsync(entry.RunId, cancellationToken).ConfigureAwait(false);
                    if (states.Any(s => s.Status == reviewStatus))
                    {
                        kept.Add(entry);
                    }
                }

                entries = kept;
            }

            if (parse.GetValue(json))
            {
                foreach (var entry in entries)
                {
                    await context.Out.WriteLineAsync(RecordJson.ToJsonLine(entry)).ConfigureAwait(false);
                }
            }
            else
            {
                await WriteTableAsync(context, entries, parse.GetValue(metric)).ConfigureAwait(false);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static readonly string[] Header = ["CREATED (UTC)", "STATUS", "MODEL", "MEDIA", "OUT", "TAGS", "RUN_ID", "PROMPT"];

    private static async Task WriteTableAsync(CliContext context, IReadOnlyList<IndexEntry> entries, string? metric)
    {
        var header = metric is null ? Header : [.. Header[..6], metric.ToUpperInvariant(), .. Header[6..]];
        if (entries.Count == 0)
        {
            await context.Out.WriteLineAsync("no runs").ConfigureAwait(false);
            return;
        }

        var rows = entries.Select(e => new[]
        {
            e.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            e.ErrorKind is null ? Status(e.Status) : $"{Status(e.Status)}:{e.ErrorKind}",
            e.ModelKey,
            Media(e),
            e.OutputCount.ToString(CultureInfo.InvariantCulture),
            string.Join(',', e.Tags),
            e.RunId,
            Truncate(e.PromptSummary ?? string.Empty, 60),
        }).Select((row, i) => metric is null ? row : [.. row[..6], entries[i].Metrics?.GetValueOrDefault(metric).ToString("0.######", CultureInfo.InvariantCulture) ?? "-", .. row[6..]]).ToList();

        if (context.Interactive && AnsiConsole.Profile.Width >= 120)
        {
            // In a terminal wide enough for it: a Spectre table, status in colour, fitted to the window. Narrower
            // terminals get the plain table, which wraps instead of collapsing columns.
            var table = new Table().Border(TableBorder.Simple).Expand();
            foreach (var h in header)
            {
                table.AddColumn(new TableColumn(h) { NoWrap = h is not "PROMPT" and not "TAGS" });
            }

            foreach (var (row, entry) in rows.Zip(entries))
            {
                var colour = entry.Status switch { RunStatus.Succeeded => "green", RunStatus.Failed => "red", _ => "grey" };
                table.AddRow(row.Select((c, i) => i == 1 ? new Markup($"[{colour}]{Markup.Escape(c)}[/]") : (IRenderable)new Text(c)).ToArray());
            }

            AnsiConsole.Write(table);
            return;
        }

        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Max(r => r[i].Length))).ToArray();
        await context.Out.WriteLineAsync(Row(header, widths)).ConfigureAwait(false);
        foreach (var row in rows)
        {
            await context.Out.WriteLineAsync(Row(row, widths)).ConfigureAwait(false);
        }
    }

    /// <summary>What the run holds, at a glance: <c>image</c>, <c>video 4.0s</c>, <c>video+audio</c>, or <c>-</c>.</summary>
    internal static string Media(IndexEntry e)
    {
        var kinds = new List<string>();
        if (e.HasImage)
        {
            kinds.Add("image");
        }

        if (e.HasVideo)
        {
            kinds.Add("video");
        }

        if (e.HasAudio)
        {
            kinds.Add("audio");
        }

        var text = kinds.Count == 0 ? "-" : string.Join('+', kinds);
        return e.DurationSeconds is { } d ? $"{text} {d.ToString("0.0", CultureInfo.InvariantCulture)}s" : text;
    }

    private static string Status(RunStatus status) => status.ToString().ToLowerInvariant();

    private static string Row(string[] cells, int[] widths)
        => string.Join("  ", cells.Select((c, i) => i == cells.Length - 1 ? c : c.PadRight(widths[i]))).TrimEnd();

    private static string Truncate(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 3), "...");
}
