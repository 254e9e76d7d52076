using System.CommandLine;
using Microsoft.Extensions.Options;
using RunArtifacts.Cli.Commands;

namespace RunArtifacts.Cli;

/// <summary>The <c>artifacts</c> tool: a thin shell over the RunArtifacts library. Runs in process for tests.</summary>
internal static class ArtifactsCli
{
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        var context = new CliContext(stdout, stderr);
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
                await stderr.WriteLineAsync($"artifacts: {error.Message} (see 'artifacts {string.Join(' ', args.Take(1))} --help')").ConfigureAwait(false);
            }

            return ExitCodes.BadInput;
        }

        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false }, cancellationToken).ConfigureAwait(false);
        }
        catch (ArtifactValidationException ex)
        {
            await stderr.WriteLineAsync("artifacts: " + OneLine(ex.Message)).ConfigureAwait(false);
            return ExitCodes.BadInput;
        }
        catch (OptionsValidationException ex)
        {
            await stderr.WriteLineAsync("artifacts: " + OneLine(ex.Message)).ConfigureAwait(false);
            return ExitCodes.BadInput;
        }
        catch (CliUsageException ex)
        {
            await stderr.WriteLineAsync("artifacts: " + OneLine(ex.Message)).ConfigureAwait(false);
            return ExitCodes.BadInput;
        }
        catch (ArtifactFormatException ex)
        {
            await stderr.WriteLineAsync("artifacts: " + OneLine(ex.Message)).ConfigureAwait(false);
            return ExitCodes.BadInput;
        }
        catch (ArtifactsException ex)
        {
            await stderr.WriteLineAsync("artifacts: " + OneLine(ex.Message)).ConfigureAwait(false);
            return ExitCodes.IoFailure;
        }
        catch (OperationCanceledException)
        {
            await stderr.WriteLineAsync("artifacts: cancelled").ConfigureAwait(false);
            return ExitCodes.Cancelled;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync("artifacts: " + OneLine(ex.Message)).ConfigureAwait(false);
            return ExitCodes.IoFailure;
        }
    }

    /// <summary>Every verb. One file per verb under <c>Commands/</c>.</summary>
    private static IEnumerable<Command> Build(CliContext context) =>
    [
        CommitCommand.Create(context),
        DemoCommand.Create(context),
        LsCommand.Create(context),
        RecoverCommand.Create(context),
        ReindexCommand.Create(context),
        VerifyCommand.Create(context),
    ];

    internal static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
