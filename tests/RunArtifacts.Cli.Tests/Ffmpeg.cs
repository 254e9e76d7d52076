using System.Diagnostics;

namespace RunArtifacts.Cli.Tests;

/// <summary>The real ffmpeg, bounded by a timeout; used to make test media and derivatives.</summary>
public static class Ffmpeg
{
    public static async Task RunAsync(IEnumerable<string> args, CancellationToken cancellationToken = default)
    {
        var psi = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { "-hide_banner", "-loglevel", "error", "-nostdin", "-y" }.Concat(args))
        {
            psi.ArgumentList.Add(a);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("ffmpeg did not start");
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var error = await stderr;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"ffmpeg {string.Join(' ', args)} failed: {error}");
        }
    }

    /// <summary>A 2-second H.264 clip with sound.</summary>
    public static async Task<string> VideoAsync(string path, int width = 320, int height = 180)
    {
        await RunAsync(["-f", "lavfi", "-i", $"testsrc2=size={width}x{height}:rate=24:duration=2", "-f", "lavfi", "-i", "sine=frequency=440:duration=2", "-c:v", "libx264", "-pix_fmt", "yuv420p", "-preset", "veryfast", "-c:a", "aac", "-shortest", path]);
        return path;
    }
}
