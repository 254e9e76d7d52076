namespace RunArtifacts.Cli.Tests;

/// <summary>Runs the <c>artifacts</c> tool in process, as a shell would, and captures what it writes.</summary>
public static class CliHarness
{
    public static async Task<CliResult> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var exit = await ArtifactsCli.RunAsync(args, stdout, stderr, timeout.Token);
        return new CliResult(exit, stdout.ToString(), stderr.ToString());
    }
}

public sealed record CliResult(int ExitCode, string Out, string Error)
{
    public string[] Lines => Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
}
