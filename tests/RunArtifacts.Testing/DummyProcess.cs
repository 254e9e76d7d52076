using System.Diagnostics;

namespace RunArtifacts.Testing;

/// <summary>Starts the RunArtifacts.Tests.Dummy program as a real child process.</summary>
public static class DummyProcess
{
    public static string DllPath
    {
        get
        {
            // tests/RunArtifacts.Tests/bin/<Configuration>/net10.0 → tests/RunArtifacts.Tests.Dummy/bin/<Configuration>/net10.0
            var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var tfm = here.Name;
            var configuration = here.Parent!.Name;
            var testsDir = here.Parent!.Parent!.Parent!.Parent!.FullName;
            var dll = Path.Combine(testsDir, "RunArtifacts.Tests.Dummy", "bin", configuration, tfm, "RunArtifacts.Tests.Dummy.dll");
            Assert.That(File.Exists(dll), Is.True, "the dummy child program is built: " + dll);
            return dll;
        }
    }

    public static Process Start(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(DllPath);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        return Process.Start(psi) ?? throw new InvalidOperationException("could not start the dummy");
    }
}
