using System.Text;
using System.Threading.Channels;
using CliWrap;

namespace RunArtifacts.Testing;

/// <summary>Starts the RunArtifacts.Tests.Dummy program as a real child process (through CliWrap).</summary>
public static class DummyProcess
{
    public static string DllPath
    {
        get
        {
            // tests/<TestProject>/bin/<Configuration>/net10.0 → tests/RunArtifacts.Tests.Dummy/bin/<Configuration>/net10.0
            var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var tfm = here.Name;
            var configuration = here.Parent!.Name;
            var testsDir = here.Parent!.Parent!.Parent!.Parent!.FullName;
            var dll = Path.Combine(testsDir, "RunArtifacts.Tests.Dummy", "bin", configuration, tfm, "RunArtifacts.Tests.Dummy.dll");
            Assert.That(File.Exists(dll), Is.True, "the dummy child program is built: " + dll);
            return dll;
        }
    }

    public static RunningChild Start(params string[] args) => RunningChild.Start("dotnet", [DllPath, .. args]);
}

/// <summary>A child process still running: its stdout line by line, its stderr at the end, a tree kill on demand.</summary>
public sealed class RunningChild : IDisposable
{
    private readonly Channel<string> lines = Channel.CreateUnbounded<string>();
    private readonly StringBuilder error = new();
    private readonly CancellationTokenSource kill = new();
    private readonly Task<int> run;

    private RunningChild(string executable, IReadOnlyList<string> arguments)
    {
        run = RunAsync(CliWrap.Cli.Wrap(executable)
            .WithArguments(arguments)
            .WithValidation(CommandResultValidation.None)
            .WithStandardOutputPipe(PipeTarget.ToDelegate(line => lines.Writer.TryWrite(line), Encoding.UTF8))
            .WithStandardErrorPipe(PipeTarget.ToStringBuilder(error, Encoding.UTF8)));
    }

    public bool HasExited => run.IsCompleted;

    public static RunningChild Start(string executable, IReadOnlyList<string> arguments) => new(executable, arguments);

    /// <summary>The next stdout line, or null once the child has exited and every line was read.</summary>
    public async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
        => await lines.Reader.WaitToReadAsync(cancellationToken) && lines.Reader.TryRead(out var line) ? line : null;

    /// <summary>Kills the whole process tree (CliWrap's forceful cancellation) and waits until it has exited.</summary>
    public async Task KillAsync()
    {
        await kill.CancelAsync();
        await WaitForExitAsync(CancellationToken.None);
    }

    /// <summary>The exit code; -1 when the child was killed.</summary>
    public Task<int> WaitForExitAsync(CancellationToken cancellationToken) => run.WaitAsync(cancellationToken);

    /// <summary>Everything the child wrote to stderr (read it after the child has exited).</summary>
    public string Error => HasExited ? error.ToString() : string.Empty;

    public void Dispose()
    {
        if (!run.IsCompleted)
        {
            kill.Cancel();
            run.Wait(TimeSpan.FromMinutes(1));
        }

        kill.Dispose();
    }

    private async Task<int> RunAsync(Command command)
    {
        try
        {
            return (await command.ExecuteAsync(kill.Token)).ExitCode;
        }
        catch (OperationCanceledException) when (kill.IsCancellationRequested)
        {
            return -1;
        }
        finally
        {
            lines.Writer.TryComplete();
        }
    }
}
