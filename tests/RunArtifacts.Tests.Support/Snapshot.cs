using System.Runtime.CompilerServices;

namespace RunArtifacts.Testing;

/// <summary>
/// A small Verify-style snapshot helper (Verify does not restore here): compares text with the committed
/// <c>Snapshots/NAME.verified.txt</c>; on a difference writes <c>NAME.received.txt</c> beside it and fails.
/// Accept a change by renaming received to verified.
/// </summary>
public static class Snapshot
{
    public static void Match(string name, string actual, [CallerFilePath] string callerFile = "")
    {
        // Deterministic CI builds map source paths to "/_/" (PathMap); map them back onto this checkout.
        if (callerFile.StartsWith("/_/", StringComparison.Ordinal))
        {
            callerFile = Path.Combine(Repo.Root, callerFile[3..]);
        }

        var dir = Path.Combine(Path.GetDirectoryName(callerFile)!, "Snapshots");
        Directory.CreateDirectory(dir);
        var verified = Path.Combine(dir, name + ".verified.txt");
        var received = Path.Combine(dir, name + ".received.txt");
        actual = actual.ReplaceLineEndings("\n");
        if (File.Exists(verified) && File.ReadAllText(verified).ReplaceLineEndings("\n") == actual)
        {
            File.Delete(received);
            return;
        }

        File.WriteAllText(received, actual);
        Assert.Fail(File.Exists(verified)
            ? $"Snapshot {name} differs; see {received} (rename it to .verified.txt to accept)."
            : $"No verified snapshot for {name}; wrote {received} (rename it to .verified.txt to accept).");
    }
}
