using System.CommandLine;
using Microsoft.Extensions.Options;
using RunArtifacts.Cli.Commands;

namespace RunArtifacts.Cli;

/// <summary>The <c>artifacts</c> tool: a thin shell over the RunArtifacts library. Runs in process for tests.</summary>
internal static class ArtifactsCli
{
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default, TextReader? stdin = null)
    {
        var context = new CliContext(stdout, stderr, stdin ?? Console.In);
        var root = new RootCommand("artifacts — commit, browse, check and tidy run bundles made by RunArtifacts.");
        foreach (var command in Build(context))
        {
            root.Subcommands.Add(command);
        }

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors.Take(1))
            {
                await stderr.WriteLineAsync($"artifacts: {OneLine(error.Message)} (see 'artifacts {string.Join(' ', args.Take(1))} --help')").ConfigureAwait(false);
            }

            return ExitCodes.BadInput;
        }

        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ExitCodeFor(ex) is { } code)
        {
            if (ex is ArtifactValidationException { Problems.Count: > 1 } invalid)
            {
                // Every problem on its own line, so a caller can fix them all in one go.
                await stderr.WriteLineAsync($"artifacts: {invalid.Problems.Count} problems; nothing was published:").ConfigureAwait(false);
                foreach (var problem in invalid.Problems)
                {
                    await stderr.WriteLineAsync("  - " + OneLine(problem)).ConfigureAwait(false);
                }

                return code;
            }

            await stderr.WriteLineAsync("artifacts: " + (ex is OperationCanceledException ? "cancelled" : OneLine(ex.Message))).ConfigureAwait(false);
            return code;
        }
    }

    /// <summary>The exit code of an expected failure, or null for a bug (which then surfaces with its stack trace).</summary>
    private static int? ExitCodeFor(Exception ex) => ex switch
    {
        ArtifactValidationException or OptionsValidationException or CliUsageException or ArtifactFormatException => ExitCodes.BadInput,
        OperationCanceledException => ExitCodes.Cancelled,
        ArtifactsException or IOException or UnauthorizedAccessException => ExitCodes.IoFailure,
        _ => null,
    };

    /// <summary>Every verb. One file per verb under <c>Commands/</c>.</summary>
    private static IEnumerable<Command> Build(CliContext context) =>
    [
        CommitCommand.Create(context),
        DiffCommand.Create(context),
        DemoCommand.Create(context),
        ExportCommand.Create(context),
        FindCommand.Create(context),
        GalleryCommand.Create(context),
        LineageCommand.Create(context),
        LsCommand.Create(context),
        PruneCommand.Create(context),
        RecoverCommand.Create(context),
        ReviewCommand.Create(context),
        ReindexCommand.Create(context),
        ShowCommand.Create(context),
        ExportCommand.CreateValidate(context),
        VerifyCommand.Create(context),
    ];

    internal static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
