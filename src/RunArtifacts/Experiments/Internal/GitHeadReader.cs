namespace RunArtifacts.Experiments.Internal;

/// <summary>The commit <c>HEAD</c> names and its branch (null when detached), read from the repository's files.</summary>
internal sealed record GitHead(string Commit, string? Branch);

/// <summary>
/// Reads <c>HEAD</c> without a git process, for the capture of a tree that was dirty last time (then <c>git diff HEAD</c>
/// alone answers the dirty question). It finds the repository the way git does from a folder (the nearest <c>.git</c>
/// folder or <c>gitdir:</c> file upwards: work trees, submodules), follows <c>commondir</c>, reads <c>HEAD</c>, then the
/// branch's loose ref or its <c>packed-refs</c> line. It answers only the plain cases and says "don't know" (null) for
/// everything else — a git environment variable that moves the repository, a reftable repository, a symbolic ref beyond
/// <c>HEAD</c>, an unborn branch, a HEAD outside <c>refs/heads/</c>, anything unreadable — and the caller then asks
/// <c>git status</c> as before, so a case it does not know costs a process, never a wrong record.
/// </summary>
internal static class GitHeadReader
{
    private const string HeadsPrefix = "refs/heads/";

    /// <summary>Git environment variables that change which repository a folder belongs to.</summary>
    private static readonly string[] RepositoryVariables = ["GIT_DIR", "GIT_WORK_TREE", "GIT_COMMON_DIR", "GIT_CEILING_DIRECTORIES", "GIT_DISCOVERY_ACROSS_FILESYSTEM", "GIT_NAMESPACE"];

    /// <summary>HEAD's commit and branch for the repository holding <paramref name="directory"/>, or null when not sure.</summary>
    /// <param name="directory">A folder of the working tree (full path).</param>
    public static GitHead? TryRead(string directory)
    {
        try
        {
            if (RepositoryVariables.Any(v => Environment.GetEnvironmentVariable(v) is not null))
            {
                return null;
            }

            var gitDir = FindGitDir(directory);
            if (gitDir is null)
            {
                return null;
            }

            var commonDir = gitDir;
            var commonFile = Path.Combine(gitDir, "commondir");
            if (File.Exists(commonFile))
            {
                var common = File.ReadAllText(commonFile).TrimEnd('\n', '\r');
                commonDir = Path.GetFullPath(Path.Combine(gitDir, common));
            }

            if (Directory.Exists(Path.Combine(commonDir, "reftable")))
            {
                return null;
            }

            var head = File.ReadAllText(Path.Combine(gitDir, "HEAD")).TrimEnd('\n', '\r');
            if (IsObjectId(head))
            {
                return new GitHead(head, null);
            }

            if (!head.StartsWith("ref: " + HeadsPrefix, StringComparison.Ordinal))
            {
                return null;
            }

            var refName = head["ref: ".Length..];
            var branch = refName[HeadsPrefix.Length..];
            if (branch.Length == 0 || branch.Contains("..", StringComparison.Ordinal) || branch.Contains('\\') || branch.StartsWith('/') || branch.EndsWith('/'))
            {
                return null;
            }

            var commit = ReadRef(commonDir, refName);
            return commit is null ? null : new GitHead(commit, branch);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>The git folder of the nearest <c>.git</c> upwards (a folder, or a file naming one); null when none or odd.</summary>
    private static string? FindGitDir(string directory)
    {
        for (var dir = new DirectoryInfo(directory); dir is not null; dir = dir.Parent)
        {
            var dotGit = Path.Combine(dir.FullName, ".git");
            if (Directory.Exists(dotGit))
            {
                return IsGitDir(dotGit) ? dotGit : null;
            }

            if (File.Exists(dotGit))
            {
                var text = File.ReadAllText(dotGit).TrimEnd('\n', '\r');
                if (!text.StartsWith("gitdir: ", StringComparison.Ordinal))
                {
                    return null;
                }

                var target = Path.GetFullPath(Path.Combine(dir.FullName, text["gitdir: ".Length..]));
                return IsGitDir(target) ? target : null;
            }

            if (IsGitDir(dir.FullName))
            {
                // The folder is itself a git folder (a bare repository, or inside .git): no work tree, git status decides.
                return null;
            }
        }

        return null;
    }

    private static bool IsGitDir(string path) => File.Exists(Path.Combine(path, "HEAD")) && (Directory.Exists(Path.Combine(path, "objects")) || File.Exists(Path.Combine(path, "commondir")));

    /// <summary>A branch's commit: its loose ref, else its <c>packed-refs</c> line; null when neither holds a plain object id.</summary>
    private static string? ReadRef(string commonDir, string refName)
    {
        var loose = Path.Combine(commonDir, refName);
        if (File.Exists(loose))
        {
            var value = File.ReadAllText(loose).TrimEnd('\n', '\r');
            return IsObjectId(value) ? value : null;
        }

        var packed = Path.Combine(commonDir, "packed-refs");
        if (!File.Exists(packed))
        {
            return null;
        }

        foreach (var line in File.ReadLines(packed))
        {
            if (line.Length == 0 || line[0] is '#' or '^')
            {
                continue;
            }

            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (space > 0 && line.AsSpan(space + 1).SequenceEqual(refName))
            {
                var value = line[..space];
                return IsObjectId(value) ? value : null;
            }
        }

        return null;
    }

    /// <summary>40 (SHA-1) or 64 (SHA-256) lower-case hex digits, as git writes object ids.</summary>
    private static bool IsObjectId(string text) => text.Length is 40 or 64 && text.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');
}
