using System.CommandLine;
using System.Text.Json.Nodes;

namespace RunArtifacts.Cli.Commands;

/// <summary><c>artifacts recover</c>: remove what crashed writers left in <c>.staging/</c>.</summary>
internal static class RecoverCommand
{
    public static Command Create(CliContext context)
    {
        var root = CliContext.RootOption();
        var json = CliContext.JsonOption();
        var command = new Command("recover", "Remove staging folders and lock files left by crashed writers; commits in progress are left alone.") { root, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var store = CliContext.OpenStore(parse.GetRequiredValue(root));
            var result = await store.RecoverAsync(cancellationToken).ConfigureAwait(false);
            var text = parse.GetValue(json)
                ? new JsonObject { ["removed_staging_folders"] = result.RemovedStagingFolders, ["removed_lock_files"] = result.RemovedLockFiles, ["in_progress"] = result.InProgress }.ToJsonString()
                : $"removed {result.RemovedStagingFolders} staging folder(s) and {result.RemovedLockFiles} stale file(s); {result.InProgress} commit(s) in progress left alone";
            await context.Out.WriteLineAsync(text).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }
}
