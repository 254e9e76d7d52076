using System.Text;
using CliWrap;
using CliWrap.Buffered;

namespace RunArtifacts.Testing;

/// <summary>What a finished child process printed.</summary>
public sealed record ChildResult(int ExitCode, string Out, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
}

/// <summary>
/// Every child process the tests start runs through CliWrap: an argument list (never a shell string), stdin closed,
/// and on cancellation or timeout the whole process tree is killed before the call returns.
/// </summary>
public static class ChildProcess
{
    /// <summary>Runs <paramref name="executable"/> to completion (any exit code), bounded by <paramref name="timeout"/> (default 5 minutes).</summary>
    /// <param name="executable">The program (a path, or a name on PATH).</param>
    /// <param name="arguments">Its arguments, one per item.</param>
    /// <param name="cancellationToken">Kills the process tree when cancelled.</param>
    /// <param name="timeout">Kills the process tree when it runs longer; the call then throws <see cref="OperationCanceledException"/>.</param>
    /// <param name="environment">Variables to set for the child; a null value removes the variable.</param>
    /// <param name="workingDirectory">The child's working directory (default: this process's).</param>
    public static async Task<ChildResult> RunAsync(
        string executable,
        IEnumerable<string> arguments,
        CancellationToken cancellationToken = default,
        TimeSpan? timeout = null,
        IReadOnlyDictionary<string, string?>? environment = null,
        string? workingDirectory = null)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(timeout ?? TimeSpan.FromMinutes(5));
        var command = CliWrap.Cli.Wrap(executable)
            .WithArguments(arguments)
            .WithValidation(CommandResultValidation.None);
        if (environment is not null)
        {
            command = command.WithEnvironmentVariables(environment);
        }

        if (workingDirectory is not null)
        {
            command = command.WithWorkingDirectory(workingDirectory);
        }

        var result = await command.ExecuteBufferedAsync(Encoding.UTF8, bounded.Token);
        return new ChildResult(result.ExitCode, result.StandardOutput, result.StandardError);
    }

    /// <summary>Runs <paramref name="executable"/> and fails the test unless it exits 0; returns its stdout.</summary>
    public static async Task<string> RunCheckedAsync(string executable, IEnumerable<string> arguments, CancellationToken cancellationToken = default, TimeSpan? timeout = null)
    {
        var list = arguments.ToList();
        var result = await RunAsync(executable, list, cancellationToken, timeout);
        Assert.That(result.ExitCode, Is.Zero, $"{executable} {string.Join(' ', list)} failed: {result.Error}");
        return result.Out;
    }

    /// <summary>Runs <paramref name="executable"/>, fails the test unless it exits 0, and returns its stdout as bytes.</summary>
    public static async Task<byte[]> RunForBytesAsync(string executable, IEnumerable<string> arguments, CancellationToken cancellationToken = default)
    {
        using var bytes = new MemoryStream();
        var error = new StringBuilder();
        var result = await CliWrap.Cli.Wrap(executable)
            .WithArguments(arguments)
            .WithValidation(CommandResultValidation.None)
            .WithStandardOutputPipe(PipeTarget.ToStream(bytes))
            .WithStandardErrorPipe(PipeTarget.ToStringBuilder(error))
            .ExecuteAsync(cancellationToken);
        Assert.That(result.ExitCode, Is.Zero, error.ToString());
        return bytes.ToArray();
    }
}
