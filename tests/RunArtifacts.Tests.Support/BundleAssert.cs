using System.Security.Cryptography;
using System.Text.Json;
using RunArtifacts.Records;
using RunArtifacts.Serialization;

namespace RunArtifacts.Testing;

/// <summary>Checks that a run folder is whole: its records parse and every file they name is there with its recorded size and hash.</summary>
public static class BundleAssert
{
    public static RunRecord IsWhole(string runDir)
    {
        var run = Read(runDir, "run.json", RunArtifactsJsonContext.Default.RunRecord);
        var manifest = Read(runDir, "manifest.json", RunArtifactsJsonContext.Default.ManifestRecord);
        Assert.That(manifest.RunId, Is.EqualTo(run.RunId), runDir);
        Assert.That(Path.GetFileName(runDir), Is.EqualTo(run.RunId), "folder name = run id");
        Assert.That(File.Exists(Path.Combine(runDir, "notes.md")), Is.True, "notes.md in " + runDir);
        foreach (var asset in run.Inputs.Concat(run.Outputs))
        {
            var file = Path.Combine(runDir, asset.RelativePath);
            Assert.That(File.Exists(file), Is.True, $"{asset.RelativePath} in {runDir}");
            Assert.That(new FileInfo(file).Length, Is.EqualTo(asset.Bytes), asset.RelativePath);
            if (asset.Sha256 is not null)
            {
                Assert.That(Sha256(file), Is.EqualTo(asset.Sha256), asset.RelativePath);
            }

            if (asset.ClipPath is not null)
            {
                var clip = Read(runDir, asset.ClipPath, RunArtifactsJsonContext.Default.ClipRecord);
                Assert.That(clip.RunId, Is.EqualTo(run.RunId));
                Assert.That(clip.Output.Sha256, Is.EqualTo(asset.Sha256));
            }
        }

        foreach (var path in run.Logs.Values.Append(run.RequestPath).Append(run.Prompts?.RawPath).OfType<string>())
        {
            Assert.That(File.Exists(Path.Combine(runDir, path)), Is.True, $"{path} in {runDir}");
        }

        return run;
    }

    public static string Sha256(string file)
    {
        using var stream = File.OpenRead(file);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private static T Read<T>(string runDir, string relative, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> info)
    {
        var path = Path.Combine(runDir, relative);
        Assert.That(File.Exists(path), Is.True, $"{relative} in {runDir}");
        return JsonSerializer.Deserialize(File.ReadAllBytes(path), info) ?? throw new AssertionException($"{relative} is null");
    }

    /// <summary>Every run folder under a root (DATE/RUN_ID).</summary>
    public static IReadOnlyList<string> RunFolders(string root)
        => Some.Store(root).EnumerateRunFolders().ToList();
}
