namespace RunArtifacts.Testing;

/// <summary>Real git repositories for the code-capture tests, through the git command line.</summary>
public static class GitRepo
{
    /// <summary>
    /// Creates <c>repo</c> under <paramref name="temp"/>: branch <c>trunk</c>, one commit of <c>train.py</c>
    /// (<c>lr = 0.01</c>), so its tree is clean.
    /// </summary>
    /// <param name="temp">The test's temporary folder.</param>
    /// <returns>The repository's folder.</returns>
    public static async Task<string> CreateAsync(TempRoot temp)
    {
        var repo = temp.Combine("repo");
        Directory.CreateDirectory(repo);
        await RunAsync(repo, "init", "-q", "-b", "trunk");
        File.WriteAllText(Path.Combine(repo, "train.py"), "lr = 0.01\n");
        await RunAsync(repo, "add", "train.py");
        await RunAsync(repo, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "first");
        return repo;
    }

    /// <summary>Runs <c>git -C repo args…</c>, asserts it succeeded, and returns what it printed.</summary>
    /// <param name="repo">The repository's folder.</param>
    /// <param name="args">The git arguments.</param>
    /// <returns>Its standard output.</returns>
    public static async Task<string> RunAsync(string repo, params string[] args)
    {
        var result = await ChildProcess.RunAsync("git", ["-C", repo, .. args], timeout: TimeSpan.FromMinutes(1));
        Assert.That(result.ExitCode, Is.Zero, result.Error);
        return result.Out;
    }
}
