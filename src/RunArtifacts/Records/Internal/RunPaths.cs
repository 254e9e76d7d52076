namespace RunArtifacts.Records.Internal;

/// <summary>The rules for paths inside records: relative to the run folder, <c>/</c> separators, never leaving the run.</summary>
internal static class RunPaths
{
    /// <summary>Why a recorded path is not a safe relative path, or null when it is.</summary>
    public static string? Problem(string path)
    {
        if (path.Length == 0)
        {
            return "is empty";
        }

        if (path[0] == '/' || (path.Length >= 2 && path[1] == ':') || Path.IsPathRooted(path))
        {
            return "is absolute";
        }

        if (path.Contains('\\', StringComparison.Ordinal))
        {
            return "contains a backslash";
        }

        if (path.Any(char.IsControl))
        {
            return "contains a control character";
        }

        foreach (var segment in path.Split('/'))
        {
            if (segment.Length == 0)
            {
                return "has an empty segment";
            }

            if (segment is "." or "..")
            {
                return $"has a '{segment}' segment";
            }
        }

        return null;
    }

    /// <summary>The full path of a recorded path, when it is safe and stays inside the run folder.</summary>
    public static bool TryResolve(string runDirectory, string relative, out string fullPath)
    {
        fullPath = string.Empty;
        if (Problem(relative) is not null)
        {
            return false;
        }

        var root = Path.GetFullPath(runDirectory);
        var full = Path.GetFullPath(Path.Combine(root, relative));
        if (!full.StartsWith(Path.TrimEndingDirectorySeparator(root) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            return false;
        }

        fullPath = full;
        return true;
    }
}
