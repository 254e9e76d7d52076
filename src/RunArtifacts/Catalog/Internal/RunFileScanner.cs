using System.Security.Cryptography;
using RunArtifacts.Records;
using RunArtifacts.Records.Internal;

namespace RunArtifacts.Catalog.Internal;

/// <summary>
/// Lists every file of a run folder for the catalog. Inputs, outputs and derivatives take their role, hash, size and
/// MIME type from <c>run.json</c> (hashed once, at commit); logs are the files <c>run.json</c> names under
/// <c>logs</c>; every other file is a record, hashed here.
/// </summary>
internal static class RunFileScanner
{
    public static CatalogRun Scan(IndexEntry entry, RunRecord run, string runDirectory)
    {
        var known = new Dictionary<string, CatalogFile>(StringComparer.Ordinal);
        foreach (var input in run.Inputs)
        {
            known[input.RelativePath] = new CatalogFile(input.RelativePath, RunFileRole.Input, input.Sha256, input.Bytes, input.MimeType);
        }

        foreach (var output in run.Outputs)
        {
            known[output.RelativePath] = new CatalogFile(output.RelativePath, RunFileRole.Output, output.Sha256, output.Bytes, output.MimeType);
            foreach (var derivative in output.Derivatives)
            {
                known[derivative.RelativePath] = new CatalogFile(derivative.RelativePath, RunFileRole.Derivative, derivative.Sha256, derivative.Bytes, derivative.MimeType);
            }
        }

        foreach (var artifact in run.ArtifactFiles ?? [])
        {
            known[artifact.RelativePath] = new CatalogFile(artifact.RelativePath, RunFileRole.Artifact, artifact.Sha256, artifact.Bytes, artifact.MimeType);
        }

        var logs = new HashSet<string>(run.Logs.Values, StringComparer.Ordinal);
        var files = new List<CatalogFile>();
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = true };
        foreach (var full in Directory.EnumerateFiles(runDirectory, "*", options))
        {
            var relative = Path.GetRelativePath(runDirectory, full).Replace('\\', '/');
            if (known.TryGetValue(relative, out var file))
            {
                files.Add(file);
                continue;
            }

            var (bytes, sha) = Hash(full);
            files.Add(new CatalogFile(relative, logs.Contains(relative) ? RunFileRole.Log : RunFileRole.Record, sha, bytes, MediaTypes.Detect([], relative)));
        }

        files.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return new CatalogRun(entry, files);
    }

    private static (long Bytes, string Sha256) Hash(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan);
        var hash = SHA256.HashData(stream);
        return (stream.Length, Convert.ToHexStringLower(hash));
    }
}
