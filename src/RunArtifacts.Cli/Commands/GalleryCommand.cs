using System.CommandLine;
using System.Text.Json.Nodes;
using RunArtifacts.Cli.Gallery;
using RunArtifacts.Cli.Internal;

namespace RunArtifacts.Cli.Commands;

/// <summary><c>artifacts gallery</c>: one self-contained static HTML page to browse a root.</summary>
internal static class GalleryCommand
{
    public static Command Create(CliContext context)
    {
        var root = CliContext.RootOption();
        var output = new Option<FileInfo?>("--out") { Description = "Where to write the page; <root>/gallery.html by default. Media are linked relative to it, so keep it where it can reach the root." };
        var json = new Option<bool>("--json") { Description = "Write one JSON object: out, runs, bytes, missing_records, skipped_index_lines." };
        var command = new Command(
            "gallery",
            "Write one static HTML page (no server, no network, no external scripts or fonts) with a filterable grid of every run in the index and a view of each run; open it from file://.")
        {
            root, output, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var rootDir = parse.GetRequiredValue(root);
            if (!rootDir.Exists)
            {
                throw new CliUsageException($"--root '{rootDir.FullName}' does not exist.");
            }

            var store = CliContext.OpenStore(rootDir);
            var target = parse.GetValue(output)?.FullName ?? Path.Combine(store.RootPath, "gallery.html");
            if (Directory.Exists(target))
            {
                throw new CliUsageException($"--out '{target}' is a folder; give a file name.");
            }

            var result = await ProgressDisplay.RunAsync(context, "gallery", progress => GalleryWriter.WriteAsync(store, target, progress, cancellationToken)).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                await context.Out.WriteLineAsync(new JsonObject
                {
                    ["out"] = result.OutputPath,
                    ["runs"] = result.Runs,
                    ["bytes"] = result.Bytes,
                    ["missing_records"] = new JsonArray(result.MissingRecords.Select(m => (JsonNode)m).ToArray()),
                    ["skipped_index_lines"] = result.SkippedIndexLines,
                }.ToJsonString()).ConfigureAwait(false);
            }
            else
            {
                await context.Out.WriteLineAsync(result.OutputPath).ConfigureAwait(false);
                await context.Error.WriteLineAsync($"{result.Runs} run(s), {ShowCommand.FormatBytes(result.Bytes)}; open it in a browser (file://)").ConfigureAwait(false);
            }

            foreach (var m in result.MissingRecords)
            {
                await context.Error.WriteLineAsync($"warning: {m}: run.json missing or unreadable; shown from its index line ('artifacts reindex' drops lines of removed runs)").ConfigureAwait(false);
            }

            if (result.SkippedIndexLines > 0)
            {
                await context.Error.WriteLineAsync($"warning: skipped {result.SkippedIndexLines} torn or bad index line(s); 'artifacts reindex' rebuilds the index").ConfigureAwait(false);
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
