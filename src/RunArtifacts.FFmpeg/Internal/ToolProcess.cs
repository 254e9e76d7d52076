using System.ComponentModel;
using System.Diagnostics;
using System.Text;

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
/// Runs ffmpeg or ffprobe with an argument list (no shell, no quoting), captures stdout and the tail of stderr, and on
/// cancellation KILLS the whole process tree before returning, so a hung or slow child never outlives its commit.
/// </summary>
internal static class ToolProcess
{
    private const int StderrTailLines = 12;

    /// <summary>Runs the tool to completion.</summary>
    /// <param name="executable">Full path of the executable.</param>
    /// <param name="arguments">Its arguments.</param>
    /// <param name="onStdoutLine">Called for each stdout line (ffmpeg <c>-progress</c>), when given; stdout is then not kept.</param>
    /// <param name="cancellationToken">Kills the process when cancelled.</param>
    /// <returns>The exit code and output.</returns>
    /// <exception cref="OperationCanceledException">Cancelled; the process was killed and has exited.</exception>
    /// <exception cref="Win32Exception">The executable could not be started.</exception>
    public static async Task<ToolRun> RunAsync(string executable, IReadOnlyList<string> arguments, Action<string>? onStdoutLine, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var psi = new ProcessStartInfo(executable)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            CreateNoWindow = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var a in arguments)
        {
            psi.ArgumentList.Add(a);
        }

        using var process = new Process { StartInfo = psi };
        process.Start();

        // ffmpeg reads stdin for interactive keys; close it so it never waits on it.
        process.StandardInput.Close();
        var stdout = new StringBuilder();
        var tail = new Queue<string>();
        string? first = null;
        var outTask = PumpAsync(process.StandardOutput, line =>
        {
            if (onStdoutLine is not null)
            {
                onStdoutLine(line);
            }
            else
            {
                stdout.AppendLine(line);
            }
        });
        var errTask = PumpAsync(process.StandardError, line =>
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
        });

        using (cancellationToken.UnsafeRegister(static state => Kill((Process)state!), process))
        {
            try
            {
                await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            }
            finally
            {
                // A killed tree closes the pipes; a surviving grandchild could hold them open, so do not wait forever.
                await Task.WhenAny(Task.WhenAll(outTask, errTask), Task.Delay(TimeSpan.FromSeconds(2), CancellationToken.None)).ConfigureAwait(false);
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        string errText;
        string? firstLine;
        lock (tail)
        {
            errText = string.Join('\n', tail);
            firstLine = first;
        }

        return new ToolRun(process.ExitCode, stdout.ToString(), errText, firstLine);
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
        catch (Win32Exception)
        {
            // Exiting while we tried; WaitForExitAsync still returns.
        }
    }

    private static async Task PumpAsync(StreamReader reader, Action<string> onLine)
    {
        try
        {
            while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                onLine(line);
            }
        }
        catch (IOException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }
}
