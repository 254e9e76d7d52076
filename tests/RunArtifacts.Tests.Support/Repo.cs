namespace RunArtifacts.Testing;

/// <summary>The repository checkout the tests run from (the folder holding <c>Artifacts.sln</c>).</summary>
public static class Repo
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Artifacts.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Artifacts.sln not found above " + AppContext.BaseDirectory);
    });

    public static string Root => RootPath.Value;
}
