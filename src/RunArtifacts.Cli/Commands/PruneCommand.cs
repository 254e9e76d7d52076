using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using RunArtifacts.Cli.Internal;
using RunArtifacts.Records;
using RunArtifacts.Serialization;
using RunArtifacts.Storage;

namespace RunArtifacts.Cli.Commands;

/// <summary><c>artifacts prune</c>: retention. Whole runs go, moved out of the tree first; the index is rewritten.</summary>
internal static class PruneCommand
{
    public static Command Create(CliContext context)
    {
        var root = CliContext.RootOption();
        var keepLast = new Option<int?>("--keep-last") { Description = "Keep the newest N runs (among those matching --status); only older ones may go." };
        var olderThan = new Option<string?>("--older-than") { Description = "Only runs created more than this long ago: 90s, 45m, 12h, 7d, 2w." };
        var status = new Option<string?>("--status") { Description = "Only runs with this status." };
        status.AcceptOnlyFromAmong("succeeded", "failed", "cancelled");
        var dryRun = new Option<bool>("--dry-run") { Description = "List what would be removed; remove nothing." };
        var json = new Option<bool>("--json") { Description = "Write one JSON object: dry_run, removed [{run_id, run_path, created_at, status}], kept, unreadable." };
        var command = new Command(
            "prune",
            "Remove whole runs by retention criteria (combinable; every one given must hold). Each run is moved out of the tree in one rename before it is deleted, so no half-deleted run is ever visible; index.jsonl is rewritten under its lock.")
        {
            root, keepLast, olderThan, status, dryRun, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var store = CliContext.OpenStore(CliContext.ExistingRoot(parse.GetRequiredValue(root)));
            var criteria = new PruneCriteria
            {
                KeepLast = parse.GetValue(keepLast),
                OlderThan = parse.GetValue(olderThan) is { } o ? TimeArguments.ParseDuration(o, "--older-than") : null,
                Status = parse.GetValue(status) switch { "succeeded" => RunStatus.Succeeded, "failed" => RunStatus.Failed, "cancelled" => RunStatus.Cancelled, _ => null },
                DryRun = parse.GetValue(dryRun),
            };
            if (criteria.KeepLast is null && criteria.OlderThan is null && criteria.Status is null)
            {
                throw new CliUsageException("prune needs at least one of --keep-last, --older-than or --status (it never removes every run by default).");
            }

            if (criteria.KeepLast is < 0)
            {
                throw new CliUsageException("--keep-last must not be negative.");
            }

            var result = await ProgressDisplay.RunAsync(
                context,
                criteria.DryRun ? "prune (dry run)" : "prune",
                progress => store.PruneAsync(criteria, new Relay(progress), cancellationToken)).ConfigureAwait(false);

            if (parse.GetValue(json))
            {
                await context.Out.WriteLineAsync(ToJson(result).ToJsonString()).ConfigureAwait(false);
            }
            else
            {
                var verb = result.DryRun ? "would remove" : "removed";
                foreach (var m in result.Removed)
                {
                    await context.Out.WriteLineAsync($"{verb}  {m.RunPath}  {m.Status.ToString().ToLowerInvariant()}  {m.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture)}").ConfigureAwait(false);
                }

                await context.Out.WriteLineAsync($"{verb} {result.Removed.Count} run(s); kept {result.Kept}").ConfigureAwait(false);
            }

            foreach (var u in result.Unreadable)
            {
                await context.Error.WriteLineAsync($"warning: left {u} alone: manifest.json missing or unreadable").ConfigureAwait(false);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    internal static JsonObject ToJson(PruneResult result) => new()
    {
        ["dry_run"] = result.DryRun,
        ["removed"] = new JsonArray(result.Removed.Select(m => (JsonNode)new JsonObject
        {
            ["run_id"] = m.RunId,
            ["run_path"] = m.RunPath,
            ["created_at"] = RecordJson.FormatTimestamp(m.CreatedAt),
            ["status"] = m.Status.ToString().ToLowerInvariant(),
        }).ToArray()),
        ["kept"] = result.Kept,
        ["unreadable"] = new JsonArray(result.Unreadable.Select(u => (JsonNode)u).ToArray()),
    };

    private sealed class Relay(IProgress<ProgressTick> target) : IProgress<PruneProgress>
    {
        public void Report(PruneProgress value) => target.Report(new ProgressTick(value.Stage, value.Completed, value.Total));
    }
}
