using System.Security.Cryptography;
using RunArtifacts.IO.Internal;
using RunArtifacts.Redaction.Internal;

namespace RunArtifacts.Verification.Internal;

/// <summary>Checks by family: the files themselves (listing, sizes and hashes, secrets in text files).</summary>
internal sealed partial class RunChecker
{
    /// <summary>
    /// Every regular file under the run folder, relative, with <c>/</c>, sorted; symbolic links apart (reported, not
    /// followed), and FIFOs, sockets and devices apart (reported, never opened: opening a FIFO blocks until a writer comes).
    /// </summary>
    private static Listing ListFiles(string directory)
    {
        var files = new List<string>();
        var links = new List<(string Relative, string Target)>();
        var others = new List<string>();
        var large = new List<string>();
        var enumeration = new EnumerationOptions { AttributesToSkip = 0, IgnoreInaccessible = false, RecurseSubdirectories = false };
        var pending = new Stack<DirectoryInfo>();
        pending.Push(new DirectoryInfo(directory));
        while (pending.Count > 0)
        {
            foreach (var entry in pending.Pop().EnumerateFileSystemInfos("*", enumeration))
            {
                var relative = Path.GetRelativePath(directory, entry.FullName).Replace('\\', '/');
                if (entry.LinkTarget is not null)
                {
                    links.Add((relative, entry.LinkTarget));
                }
                else if (entry is DirectoryInfo sub)
                {
                    pending.Push(sub);
                }
                else if (((FileInfo)entry).Length is var length && !NativeFs.IsRegularOrAbsent(entry.FullName, length))
                {
                    others.Add(relative); // the enumeration's own stat gives the size: only entries of size 0 are stat'ed again
                }
                else
                {
                    files.Add(relative);
                    if (length > SmallFileLimit)
                    {
                        large.Add(relative);
                    }
                }
            }
        }

        files.Sort(StringComparer.Ordinal);
        others.Sort(StringComparer.Ordinal);
        return new(files, links, others, large);
    }

    /// <summary>Compares every file a record names with its recorded size and hash; large files were hashed from the start (<paramref name="hashes"/>).</summary>
    private static async Task HashAsync(RunState run, LargeFileHashes hashes, Action<long> onBytes, CancellationToken cancellationToken)
    {
        var jobs = run.Expected.OrderBy(e => e.Key, StringComparer.Ordinal).ToList();
        var results = new (long Bytes, string? Sha256, bool Exists)[jobs.Count];
        var large = new List<int>();
        for (var i = 0; i < jobs.Count; i++)
        {
            var (relative, expectations) = jobs[i];
            var full = Path.Combine(run.Directory, relative);
            var info = new FileInfo(full);
            if (!info.Exists || info.LinkTarget is not null || run.NotRegular.Contains(relative))
            {
                results[i] = (0, null, info.Exists);
            }
            else if (!expectations.Any(e => e.Sha256 is not null))
            {
                results[i] = (info.Length, null, true);
            }
            else if (info.Length <= SmallFileLimit && !hashes.Contains(relative))
            {
                // Small files: read once (or taken from memory when already read as a record), hashed here and kept for
                // the secret scan; the per-file cost of the overlapped pump is not worth it for them.
                cancellationToken.ThrowIfCancellationRequested();
                if (!run.Contents.TryGetValue(relative, out var content))
                {
                    run.Contents[relative] = content = File.ReadAllBytes(full);
                }

                onBytes(content.Length);
                results[i] = (content.Length, Convert.ToHexStringLower(SHA256.HashData(content)), true);
            }
            else
            {
                large.Add(i);
            }
        }

        hashes.KeepOnly(large.Select(i => jobs[i].Key).ToHashSet(StringComparer.Ordinal));
        foreach (var i in large)
        {
            var (bytes, sha) = await hashes.GetAsync(jobs[i].Key, Path.Combine(run.Directory, jobs[i].Key)).ConfigureAwait(false);
            results[i] = (bytes, sha, true);
        }

        for (var i = 0; i < jobs.Count; i++)
        {
            var (relative, expectations) = jobs[i];
            var (bytes, sha, exists) = results[i];
            if (!exists)
            {
                run.Problem(relative, VerificationChecks.Missing, $"named by {string.Join(", ", expectations.Select(e => e.NamedBy).Distinct())} but missing");
                continue;
            }

            if (sha is not null)
            {
                run.FilesHashed++;
                run.BytesHashed += bytes;
            }

            foreach (var e in expectations)
            {
                if (e.Bytes is { } expectedBytes && expectedBytes != bytes)
                {
                    run.Problem(relative, VerificationChecks.Size, $"{e.NamedBy} records {expectedBytes} bytes, the file has {bytes}");
                }

                if (e.Sha256 is { } expectedSha && sha is not null && !string.Equals(expectedSha, sha, StringComparison.Ordinal))
                {
                    run.Problem(relative, VerificationChecks.Sha256, $"{e.NamedBy} records sha256 {Short(expectedSha)}, the file has {Short(sha)}");
                }
            }
        }
    }

    /// <summary>
    /// A secret pattern in a file the library wrote fails the run; in an original (an input or output, kept byte for
    /// byte by design) it is a warning: the run still passes.
    /// </summary>
    private void ScanSecrets(RunState run, string relative, CancellationToken cancellationToken)
    {
        var original = run.Originals.Contains(relative);
        var path = Path.Combine(run.Directory, relative);
        var found = run.Contents.TryGetValue(relative, out var content) && content.Length <= SmallFileLimit
            ? TextFileSecretScan.Scan(redactor, content) // already read whole (a record or a small hashed file): not read again
            : TextFileSecretScan.Scan(redactor, path, cancellationToken);
        foreach (var (rule, line) in found)
        {
            if (original)
            {
                run.Warning(relative, VerificationChecks.Secret, $"line {line} of this original matches secret rule '{rule}' (originals are kept byte for byte)");
            }
            else
            {
                run.Problem(relative, VerificationChecks.Secret, $"line {line} matches secret rule '{rule}'");
            }
        }
    }
}
