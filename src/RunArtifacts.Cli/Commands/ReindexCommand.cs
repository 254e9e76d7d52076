using System.CommandLine;
using System.Text.Json.Nodes;
using RunArtifacts.Cli.Internal;

namespace RunArtifacts.Cli.Commands;

/// <summary><c>artifacts reindex</c>: rebuild <c>index.jsonl</c> from the run folders.</summary>
internal static class ReindexCommand
{
    public static Command Create(CliContext context)
    {
        var root = CliContext.RootOption();
        var json = CliContext.JsonOption();
        var command = new Command("reindex", "Rebuild index.jsonl from the run folders (the source of truth) and replace it atomically.") { root, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var store = CliContext.OpenStore(parse.GetRequiredValue(root));
            var result = await ProgressDisplay.RunAsync(context, "reindex", _ => store.ReindexAsync(cancellationToken)).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                await context.Out.WriteLineAsync(new JsonObject
                {
                    ["runs"] = result.Runs,
                    ["previous_lines"] = result.PreviousLines,
                    ["unreadable"] = new JsonArray(result.Unreadable.Select(u => (JsonNode)u).ToArray()),
                }.ToJsonString()).ConfigureAwait(false);
            }
            else
            {
                await context.Out.WriteLineAsync($"indexed {result.Runs} run(s) (the old index had {result.PreviousLines} line(s))").ConfigureAwait(false);
                foreach (var u in result.Unreadable)
                {
                    await context.Error.WriteLineAsync($"warning: skipped {u}: manifest.json missing or unreadable").ConfigureAwait(false);
                }
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
