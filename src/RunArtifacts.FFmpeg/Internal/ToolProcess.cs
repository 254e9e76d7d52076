using System.ComponentModel;
using System.Runtime.ExceptionServices;
using System.Text;
using CliWrap;

namespace RunArtifacts.FFmpeg.Internal;

/// <summary>What a finished tool run returned.</summary>
/// <param name="ExitCode">The exit code.</param>
/// <param name="StandardOutput">Everything written to stdout (ffprobe JSON is small).</param>
/// <param name="StandardErrorTail">The last lines written to stderr.</param>
/// <param name="FirstErrorLine">The first line written to stderr.</param>
internal sealed record ToolRun(int ExitCode, string StandardOutput, string StandardErrorTail, string? FirstErrorLine)
{
    /// <summary>A one-line summary of what went wrong, for warnings.</summary>
    public string Describe(string tool)
    {
        var lines = StandardErrorTail.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var detail = lines.Length == 0 ? "no error output" : string.Join(" | ", lines.TakeLast(3));
        return $"{tool} exited with code {ExitCode}: {detail}";
    }
}

/// <summary>
/// Runs ffmpeg or ffprobe through CliWrap with an argument list (each argument passed as one argv entry: no shell, no
/// quoting by us), captures stdout and the tail of stderr, and on cancellation KILLS the whole process tree (CliWrap's
/// forceful cancellation) before returning, so a hung or slow child never outlives its commit. Standard input is
/// closed at once: ffmpeg reads it for interactive keys and must never wait on it.
/// </summary>
internal static class ToolProcess
{
    private const int StderrTailLines = 12;

    /// <summary>Runs the tool to completion.</summary>
    /// <param name="executable">Full path of the executable (per store: from that store's <see cref="FFmpegOptions"/>).</param>
    /// <param name="arguments">Its arguments.</param>
    /// <param name="onStdoutLine">Called for each stdout line (ffmpeg <c>-progress</c>), when given; stdout is then not kept.</param>
    /// <param name="cancellationToken">Kills the process tree when cancelled.</param>
    /// <returns>The exit code and output.</returns>
    /// <exception cref="OperationCanceledException">Cancelled; the process tree was killed and has exited.</exception>
    /// <exception cref="Win32Exception">The executable could not be started.</exception>
    public static async Task<ToolRun> RunAsync(string executable, IReadOnlyList<string> arguments, Action<string>? onStdoutLine, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var stdout = new StringBuilder();
        var tail = new Queue<string>();
        string? first = null;
        var command = CliWrap.Cli.Wrap(executable)
            .WithArguments(arguments)
            .WithValidation(CommandResultValidation.None)
            .WithStandardInputPipe(PipeSource.Null)
            .WithStandardOutputPipe(PipeTarget.ToDelegate(line =>
            {
                if (onStdoutLine is not null)
                {
                    onStdoutLine(line);
                }
                else
                {
                    stdout.AppendLine(line);
                }
            }, Encoding.UTF8))
            .WithStandardErrorPipe(PipeTarget.ToDelegate(line =>
            {
                lock (tail)
                {
                    first ??= line;
                    tail.Enqueue(line);
                    if (tail.Count > StderrTailLines)
                    {
                        tail.Dequeue();
                    }
                }
            }, Encoding.UTF8));

        CommandResult result;
        try
        {
            result = await command.ExecuteAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException ex) when (ex.InnerException is Win32Exception notStarted)
        {
            // CliWrap wraps a failed start; callers (and the README) promise the Win32Exception itself.
            ExceptionDispatchInfo.Capture(notStarted).Throw();
            throw;
        }

        string errText;
        string? firstLine;
        lock (tail)
        {
            errText = string.Join('\n', tail);
            firstLine = first;
        }

        return new ToolRun(result.ExitCode, stdout.ToString(), errText, firstLine);
    }
}
