using System.Text;
using CliWrap;

namespace RunArtifacts.NUnit.Tests.Specs;

/// <summary>Runs <c>dotnet</c> as a child process with a generous timeout (the tree is killed when it runs out).</summary>
internal static class ChildDotnetTest
{
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(15);

    public static string RepoRoot { get; } = FindRepoRoot();

    public static (int ExitCode, string Output) Run(IEnumerable<string> arguments, IDictionary<string, string?>? environment = null)
    {
        var list = arguments.ToList();
        var variables = new Dictionary<string, string?>
        {
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
            ["MSBUILDDISABLENODEREUSE"] = "1",
            ["RUNARTIFACTS_ROOT"] = null,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            variables[name] = value;
        }

        // Through CliWrap like every child process of the tests: an argument list, and on timeout the tree is killed.
        var output = new StringBuilder();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            var result = CliWrap.Cli.Wrap("dotnet")
                .WithArguments(list)
                .WithWorkingDirectory(RepoRoot)
                .WithEnvironmentVariables(variables)
                .WithValidation(CommandResultValidation.None)
                .WithStandardOutputPipe(PipeTarget.ToDelegate(line => { lock (output) { output.AppendLine(line); } }))
                .WithStandardErrorPipe(PipeTarget.ToDelegate(line => { lock (output) { output.AppendLine(line); } }))
                .ExecuteAsync(timeout.Token)
                .GetAwaiter().GetResult();
            lock (output)
            {
                return (result.ExitCode, output.ToString());
            }
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"dotnet {string.Join(' ', list)} did not finish within {Timeout}:\n{output}");
            throw;
        }
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Artifacts.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Artifacts.sln not found above " + TestContext.CurrentContext.TestDirectory);
    }
}
