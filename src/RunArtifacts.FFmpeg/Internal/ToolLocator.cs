namespace RunArtifacts.FFmpeg.Internal;

/// <summary>Finds an executable: a path as given, or a bare name on <c>PATH</c>.</summary>
internal static class ToolLocator
{
    /// <summary>Resolves <paramref name="configured"/>.</summary>
    /// <param name="configured">A path (contains a separator) or a bare name.</param>
    /// <returns>The full path when found, and a description of what was looked for and where (for messages).</returns>
    public static (string? FullPath, string LookedFor) Resolve(string configured)
    {
        if (string.IsNullOrWhiteSpace(configured))
        {
            return (null, "an empty executable name");
        }

        if (configured.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal) || configured.Contains(Path.AltDirectorySeparatorChar, StringComparison.Ordinal))
        {
            var full = Path.GetFullPath(configured);
            return (IsExecutable(full) ? full : null, $"'{full}'");
        }

        var dirs = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var dir in dirs)
        {
            foreach (var name in Candidates(configured))
            {
                var full = Path.Combine(dir, name);
                if (IsExecutable(full))
                {
                    return (full, $"'{configured}' on PATH");
                }
            }
        }

        // The message names the tool and how many PATH folders were searched, never the folders themselves: PATH is
        // machine detail (user names, home folders) and it ends up in run.json warnings.
        var where = dirs.Length == 0 ? "PATH, which is empty" : $"the {dirs.Length} folder(s) on PATH";
        return (null, $"'{configured}' in {where}");
    }

    private static IEnumerable<string> Candidates(string name)
    {
        yield return name;
        if (OperatingSystem.IsWindows() && !name.EndsWith(".exe", StringComparison.OrdinalIgnoreCase))
        {
            yield return name + ".exe";
        }
    }

    private static bool IsExecutable(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        if (OperatingSystem.IsWindows())
        {
            return true;
        }

        var mode = File.GetUnixFileMode(path);
        return (mode & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
    }
}
