namespace RunArtifacts.Cli.Tests;

/// <summary>The real ffmpeg (through CliWrap), bounded by a timeout; used to make test media and derivatives.</summary>
public static class Ffmpeg
{
    public static async Task RunAsync(IEnumerable<string> args, CancellationToken cancellationToken = default)
    {
        var list = args.ToList();
        var result = await ChildProcess.RunAsync("ffmpeg", ["-hide_banner", "-loglevel", "error", "-nostdin", "-y", .. list], cancellationToken, TimeSpan.FromSeconds(60));
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"ffmpeg {string.Join(' ', list)} failed: {result.Error}");
        }
    }

    /// <summary>A 2-second H.264 clip with sound.</summary>
    public static async Task<string> VideoAsync(string path, int width = 320, int height = 180)
    {
        await RunAsync(["-f", "lavfi", "-i", $"testsrc2=size={width}x{height}:rate=24:duration=2", "-f", "lavfi", "-i", "sine=frequency=440:duration=2", "-c:v", "libx264", "-pix_fmt", "yuv420p", "-preset", "veryfast", "-c:a", "aac", "-shortest", path]);
        return path;
    }
}
