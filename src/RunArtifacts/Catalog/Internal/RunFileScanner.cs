using System.Buffers;
using System.IO.Enumeration;
using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;
using RunArtifacts.IO.Internal;
using RunArtifacts.Records;
using RunArtifacts.Records.Internal;

namespace RunArtifacts.Catalog.Internal;

/// <summary>
/// Lists every file of a run folder for the catalog. Inputs, outputs and derivatives take their role, hash, size and
/// MIME type from <c>run.json</c> (hashed once, at commit); logs are the files <c>run.json</c> names under
/// <c>logs</c>; every other file is a record, hashed here (from the bytes the caller already read, when it read them).
/// </summary>
internal static class RunFileScanner
{
    private static readonly EnumerationOptions Options = new() { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = true };

    /// <summary>Every file of the run folder as catalog rows, sorted by path.</summary>
    /// <param name="entry">The run's index entry.</param>
    /// <param name="run">The run's record.</param>
    /// <param name="runDirectory">The run folder.</param>
    /// <param name="read">Record files the caller has read whole (relative path, bytes): hashed from these bytes, not read again.</param>
    public static CatalogRun Scan(IndexEntry entry, RunRecord run, string runDirectory, IReadOnlyList<(string Path, byte[] Bytes)>? read = null)
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
        var listing = new FileSystemEnumerable<(string Full, string Relative, long Length)>(runDirectory, Relative, Options) { ShouldIncludePredicate = static (ref FileSystemEntry e) => !e.IsDirectory };
        foreach (var (full, relative, length) in listing)
        {
            if (known.TryGetValue(relative, out var file))
            {
                files.Add(file);
                continue;
            }

            // A FIFO, a socket or a device is no file of the run and is never opened: opening a FIFO blocks until a writer
            // comes, which would hang the rebuild and every query waiting for it. verify reports it.
            if (!NativeFs.IsRegularOrAbsent(full, length))
            {
                continue;
            }

            var (bytes, sha) = read?.FirstOrDefault(r => r.Path == relative).Bytes is { } held ? (held.LongLength, Hex(SHA256.HashData(held))) : Hash(full);
            files.Add(new CatalogFile(relative, logs.Contains(relative) ? RunFileRole.Log : RunFileRole.Record, sha, bytes, MediaTypes.Detect([], relative)));
        }

        files.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return new CatalogRun(entry, files);
    }

    /// <summary>The entry's full path, its path relative to the folder being listed (with <c>/</c> separators) and its size.</summary>
    private static (string Full, string Relative, long Length) Relative(ref FileSystemEntry entry)
    {
        var full = entry.ToFullPath();
        var relative = full.AsSpan(entry.RootDirectory.Length).TrimStart(Path.DirectorySeparatorChar).ToString();
        return (full, Path.DirectorySeparatorChar == '/' ? relative : relative.Replace(Path.DirectorySeparatorChar, '/'), entry.Length);
    }

    /// <summary>Size and SHA-256 of a file, read through one handle: whole into a pooled buffer when small, in pieces when large.</summary>
    private static (long Bytes, string Sha256) Hash(string path)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            var total = 0L;
            int n;
            while (total < buffer.Length && (n = RandomAccess.Read(handle, buffer.AsSpan((int)total), total)) > 0)
            {
                total += n;
            }

            if (total < buffer.Length)
            {
                return (total, Hex(SHA256.HashData(buffer.AsSpan(0, (int)total))));
            }

            return HashLarge(handle, buffer, total);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static (long Bytes, string Sha256) HashLarge(SafeFileHandle handle, byte[] buffer, long total)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(buffer, 0, (int)total);
        int n;
        while ((n = RandomAccess.Read(handle, buffer, total)) > 0)
        {
            hash.AppendData(buffer, 0, n);
            total += n;
        }

        return (total, Hex(hash.GetHashAndReset()));
    }

    private static string Hex(byte[] hash) => Convert.ToHexStringLower(hash);
}
