using System.CommandLine;
using System.Text.Json.Nodes;
using RunArtifacts.Catalog;
using RunArtifacts.Cli.Internal;
using RunArtifacts.Export;
using RunArtifacts.Records;

namespace RunArtifacts.Cli.Commands;

/// <summary>
/// <c>artifacts export --root DIR --out DIR [filters]</c> and <c>artifacts validate-export DIR</c>: the portable export
/// of issue 13 (runs.jsonl, assets.jsonl, reviews.jsonl, manifest.json), and its independent check.
/// </summary>
internal static class ExportCommand
{
    public static Command Create(CliContext context)
    {
        var root = CliContext.RootOption();
        var json = CliContext.JsonOption();
        var output = new Option<DirectoryInfo>("--out") { Description = "The export folder to create (must not exist, or be empty).", Required = true };
        var model = new Option<string?>("--model") { Description = "Only runs of this model key." };
        var tag = new Option<string?>("--tag") { Description = "Only runs with this tag." };
        var status = new Option<string?>("--status") { Description = "Only runs with this status." };
        status.AcceptOnlyFromAmong("succeeded", "failed", "cancelled");
        var since = new Option<string?>("--since") { Description = "Only runs created at or after this time (2026-03-26, RFC 3339, or a duration ago: 12h, 7d)." };
        var until = new Option<string?>("--until") { Description = "Only runs created before this time." };
        var command = new Command("export", "Write a portable export (runs.jsonl, assets.jsonl, reviews.jsonl, manifest.json): metadata only, no binaries, no secrets, published atomically.") { root, output, model, tag, status, since, until, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var store = CliContext.OpenStore(CliContext.ExistingRoot(parse.GetRequiredValue(root)));
            var now = store.TimeProvider.GetUtcNow();
            var query = new RunQuery
            {
                ModelKey = parse.GetValue(model),
                Tag = parse.GetValue(tag),
                Status = parse.GetValue(status) switch { "succeeded" => RunStatus.Succeeded, "failed" => RunStatus.Failed, "cancelled" => RunStatus.Cancelled, _ => null },
                Since = parse.GetValue(since) is { } s ? TimeArguments.ParseTime(s, "--since", now) : null,
                Until = parse.GetValue(until) is { } u ? TimeArguments.ParseTime(u, "--until", now) : null,
            };
            var result = await PortableExport.ExportAsync(store, new ExportOptions { OutputDirectory = parse.GetRequiredValue(output).FullName, Runs = query }, cancellationToken).ConfigureAwait(false);
            var counts = result.Manifest.Counts;
            await context.Out.WriteLineAsync(parse.GetValue(json)
                ? new JsonObject { ["out"] = result.OutputDirectory, ["runs"] = counts["runs"], ["assets"] = counts["assets"], ["reviews"] = counts["reviews"] }.ToJsonString()
                : $"exported {counts["runs"]} run(s), {counts["assets"]} asset(s), {counts["reviews"]} review event(s) to {result.OutputDirectory}").ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command CreateValidate(CliContext context)
    {
        var dir = new Argument<DirectoryInfo>("DIR") { Description = "The export folder." };
        var json = CliContext.JsonOption();
        var command = new Command("validate-export", "Check a portable export: required fields, duplicate ids, timestamps, enum values, relationships, counts and checksums against the manifest, secret patterns. Exit 1 with every problem listed.") { dir, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var result = await PortableExport.ValidateAsync(parse.GetRequiredValue(dir).FullName, cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                await context.Out.WriteLineAsync(new JsonObject
                {
                    ["passed"] = result.Passed,
                    ["problems"] = new JsonArray(result.Problems.Select(p => (JsonNode)new JsonObject { ["file"] = p.File, ["line"] = p.Line, ["check"] = p.Check, ["message"] = p.Message }).ToArray()),
                }.ToJsonString()).ConfigureAwait(false);
            }
            else
            {
                foreach (var p in result.Problems)
                {
                    await context.Out.WriteLineAsync("FAIL  " + ArtifactsCli.OneLine(p.ToString())).ConfigureAwait(false);
                }

                await (result.Passed ? context.Out : context.Error).WriteLineAsync(result.Passed ? "the export is valid" : $"{result.Problems.Count} problem(s)").ConfigureAwait(false);
            }

            return result.Passed ? ExitCodes.Ok : ExitCodes.CheckFailed;
        });
        return command;
    }
}
