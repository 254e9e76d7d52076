using System.Text.Json;
using Microsoft.Win32.SafeHandles;
using RunArtifacts.IO.Internal;
using RunArtifacts.Records;
using RunArtifacts.Serialization;

namespace RunArtifacts.Index.Internal;

/// <summary><c>index.jsonl</c>: appended one whole line at a time under an inter-process lock; read tolerantly.</summary>
internal sealed class IndexFile(string root, TimeSpan lockTimeout)
{
    public const string FileName = "index.jsonl";
    public const string LockFileName = ".index.lock";

    public string PathName { get; } = Path.Combine(root, FileName);

    public string LockPath { get; } = Path.Combine(root, LockFileName);

    public static byte[] Serialize(IndexEntry entry)
        => JsonSerializer.SerializeToUtf8Bytes(entry, RunArtifactsJsonContext.Compact.IndexEntry);

    /// <summary>Takes the index lock (an exclusive lock on a lock file, released by the OS if the holder dies).</summary>
    public async Task<FileStream> LockAsync(CancellationToken cancellationToken)
    {
        RootEntries.EnsurePlain(LockPath, directory: false);
        var deadline = Environment.TickCount64 + (long)lockTimeout.TotalMilliseconds;
        var delay = 1;
        while (true)
        {
            try
            {
                return new FileStream(LockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
            }
            catch (IOException) when (Environment.TickCount64 < deadline)
            {
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                delay = Math.Min(delay * 2, 20);
            }
            catch (IOException ex)
            {
                throw new ArtifactCommitException($"Timed out after {lockTimeout} waiting for the index lock '{LockPath}'.", ex) { Stage = CommitStage.Index };
            }
        }
    }

    /// <summary>
    /// Appends one line in one write, after a newline if a crashed writer left a torn last line. The lock is held for the
    /// write only: the flush comes after it is released, so concurrent writers' flushes go to the disk together instead
    /// of one after another under the lock (each writer's flush still covers its own line before it returns).
    /// </summary>
    /// <returns>Whether this line created the file (its entry in the root needs a flush too; done here when <paramref name="flush"/>).</returns>
    public async Task<bool> AppendAsync(IndexEntry entry, bool flush, CancellationToken cancellationToken)
    {
        var line = Serialize(entry);
        SafeFileHandle? handle = null;
        try
        {
            long length;
            using (await LockAsync(cancellationToken).ConfigureAwait(false))
            {
                // Opened under the lock: a reindex that swapped the file in before it is the file appended to. Never
                // through a link (the line would land outside the root) nor into a FIFO (the open would block).
                RootEntries.EnsurePlain(PathName, directory: false);
                handle = File.OpenHandle(PathName, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
                length = RandomAccess.GetLength(handle);
                var needsNewline = false;
                if (length > 0)
                {
                    var last = new byte[1];
                    RandomAccess.Read(handle, last, length - 1);
                    needsNewline = last[0] != (byte)'\n';
                }

                JsonLines.Append(handle, length, line, needsNewline, flush: false);
            }

            if (flush)
            {
                RandomAccess.FlushToDisk(handle);
                if (length == 0)
                {
                    // The first line of a new index: its entry in the root is flushed too (the commit flushes the root
                    // only when a date folder first appears).
                    NativeFs.FsyncDirectory(root);
                }
            }

            return length == 0;
        }
        finally
        {
            handle?.Dispose();
        }
    }

    /// <summary>
    /// Replaces the whole index atomically (under the lock, through a temporary file and a rename). The optional hooks
    /// run under the same lock just before and just after the rename (derived data kept in step: the catalog).
    /// </summary>
    public async Task ReplaceAsync(IEnumerable<IndexEntry> entries, string stagingDir, bool flush, CancellationToken cancellationToken, Action? beforeSwap = null, Action? afterSwap = null)
    {
        using var gate = await LockAsync(cancellationToken).ConfigureAwait(false);
        Directory.CreateDirectory(stagingDir);
        var temp = Path.Combine(stagingDir, $"index.{Guid.NewGuid():N}.jsonl");
        try
        {
            await using (var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.None))
            {
                foreach (var entry in entries)
                {
                    output.Write(Serialize(entry));
                    output.WriteByte((byte)'\n');
                }

                output.Flush(flushToDisk: flush);
            }

            beforeSwap?.Invoke();
            File.Move(temp, PathName, overwrite: true);
            if (flush)
            {
                NativeFs.FsyncDirectory(root);
            }

            afterSwap?.Invoke();
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>Reads every line, oldest first, skipping (and counting) bad ones.</summary>
    public IndexReadResult ReadAll(IndexQuery? query)
    {
        var entries = new List<IndexEntry>();
        var skipped = 0;
        foreach (var line in IndexLines.Forward(PathName))
        {
            if (IndexLines.TryParse(line.Text, out var entry))
            {
                if (query?.Matches(entry) != false)
                {
                    entries.Add(entry);
                }
            }
            else
            {
                skipped++;
            }
        }

        if (query?.Limit is { } limit)
        {
            entries.Reverse();
            if (entries.Count > limit)
            {
                entries.RemoveRange(limit, entries.Count - limit);
            }
        }

        return new IndexReadResult(entries, skipped);
    }

    /// <summary>Reads the newest matching entries from the end of the file backwards, stopping once <paramref name="limit"/> are found.</summary>
    public IndexReadResult ReadNewest(int limit, IndexQuery? query)
    {
        var entries = new List<IndexEntry>(Math.Clamp(limit, 0, 1024));
        var skipped = 0;
        if (limit <= 0)
        {
            return new IndexReadResult(entries, skipped);
        }

        foreach (var line in IndexLines.Backward(PathName))
        {
            if (IndexLines.TryParse(line, out var entry))
            {
                if (query?.Matches(entry) != false)
                {
                    entries.Add(entry);
                    if (entries.Count == limit)
                    {
                        break;
                    }
                }
            }
            else
            {
                skipped++;
            }
        }

        return new IndexReadResult(entries, skipped);
    }
}
