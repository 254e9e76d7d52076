namespace RunArtifacts.FFmpeg.Tests.Support;

/// <summary>A tiny shell script standing in for ffmpeg: answers <c>-version</c>, then does what the test asks (hang, fail).</summary>
public static class FakeTool
{
    /// <summary>Writes an executable script named <c>ffmpeg</c> in <paramref name="dir"/> whose body runs after the version check.</summary>
    public static string Write(string dir, string body)
    {
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, "ffmpeg");
        File.WriteAllText(path, $"""
            #!/bin/sh
            for a in "$@"; do
              if [ "$a" = "-version" ]; then echo "ffmpeg version 0.0-fake"; exit 0; fi
            done
            {body}

            """.Replace("\r\n", "\n", StringComparison.Ordinal));
        if (OperatingSystem.IsWindows())
        {
            Assert.Ignore("The fake ffmpeg is a POSIX shell script.");
        }
        else
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        return path;
    }

    /// <summary>A script that starts a child <c>sleep</c>, writes the child's PID to <paramref name="pidFile"/>, and waits for it.</summary>
    public static string Hang(string dir, string pidFile) => Write(dir, $"sleep 600 &\necho $! > '{pidFile}'\nwait");

    /// <summary>A script that prints an error and exits 1.</summary>
    public static string Fail(string dir, string message) => Write(dir, $"echo '{message}' >&2\nexit 1");

    public static bool IsAlive(int pid)
    {
        try
        {
            using var p = System.Diagnostics.Process.GetProcessById(pid);
            return !p.HasExited && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal);
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }
}
