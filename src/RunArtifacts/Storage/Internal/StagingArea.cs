namespace RunArtifacts.Storage.Internal;

/// <summary>
/// One commit's work folder, <c>.staging/TOKEN/</c>, with <c>.staging/TOKEN.lock</c> held exclusively for as long
/// as the commit runs. The OS drops the lock when the process dies, which is how <c>recover</c> tells a crashed
/// writer's leftovers from a commit in progress.
/// </summary>
internal sealed class StagingArea : IDisposable
{
    public const string FolderName = ".staging";
    public const string LockSuffix = ".lock";

    private readonly FileStream lockStream;
    private bool disposed;

    private StagingArea(string stagingRoot, string token, FileStream lockStream)
    {
        StagingRoot = stagingRoot;
        Token = token;
        this.lockStream = lockStream;
        RunDirectory = Path.Combine(stagingRoot, token);
    }

    public string StagingRoot { get; }

    public string Token { get; }

    public string RunDirectory { get; }

    public bool Published { get; set; }

    public static StagingArea Create(string root, DateTimeOffset now)
    {
        var stagingRoot = Path.Combine(root, FolderName);
        Directory.CreateDirectory(stagingRoot);
        var token = $"{now.UtcDateTime:yyyyMMddHHmmss}-{Environment.ProcessId}-{Guid.NewGuid():N}"[..48];
        var lockPath = Path.Combine(stagingRoot, token + LockSuffix);
        var lockStream = new FileStream(lockPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
        var area = new StagingArea(stagingRoot, token, lockStream);
        Directory.CreateDirectory(area.RunDirectory);
        return area;
    }

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        if (!Published)
        {
            TryDeleteDirectory(RunDirectory);
        }

        var lockPath = lockStream.Name;
        lockStream.Dispose();
        try
        {
            File.Delete(lockPath);
        }
        catch (IOException)
        {
            // recover removes it later.
        }
        catch (UnauthorizedAccessException)
        {
            // recover removes it later.
        }
    }

    internal static void TryDeleteDirectory(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
        catch (IOException)
        {
            // Left for recover.
        }
        catch (UnauthorizedAccessException)
        {
            // Left for recover.
        }
    }
}
