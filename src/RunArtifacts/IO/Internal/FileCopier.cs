using System.Buffers;
using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;
using RunArtifacts.Builder.Internal;

namespace RunArtifacts.IO.Internal;

/// <summary>What a copy produced.</summary>
internal sealed record CopyResult(long Bytes, string? Sha256, bool HardLinked, byte[] Head);

/// <summary>
/// Copies a file into the staging folder in one pass that overlaps reading, hashing and writing: while one chunk is
/// hashed on this thread and written on another, the next is read; with flushing on, the kernel is told to start
/// writing each chunk back at once, so the final fsync has little left to wait for.
/// </summary>
internal static class FileCopier
{
    internal const int ChunkSize = 4 * 1024 * 1024;
    private const int HeadSize = 64;

    public static async Task<CopyResult> CopyAsync(PendingFile source, string destination, CopyMode mode, bool hash, bool flush, Action<long>? onBytes, CancellationToken cancellationToken)
    {
        if (source.SourcePath is { } path)
        {
            if (mode == CopyMode.HardLink && NativeFs.TryHardLink(path, destination))
            {
                using var linked = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
                var length = RandomAccess.GetLength(linked);
                var (sha, head) = await PumpAsync((m, off, ct) => RandomAccess.ReadAsync(linked, m, off, ct), length, null, hash, false, onBytes, cancellationToken).ConfigureAwait(false);
                return new CopyResult(length, sha, true, head);
            }

            using var input = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
            var size = RandomAccess.GetLength(input);
            using var output = CreateOutput(destination, size);
            var (digest, firstBytes) = await PumpAsync((m, off, ct) => RandomAccess.ReadAsync(input, m, off, ct), size, output, hash, flush, onBytes, cancellationToken).ConfigureAwait(false);
            Finish(output, flush);
            return new CopyResult(size, digest, false, firstBytes);
        }

        if (source.Bytes is { } bytes)
        {
            using var output = CreateOutput(destination, bytes.Length);
            await RandomAccess.WriteAsync(output, bytes, 0, cancellationToken).ConfigureAwait(false);
            Finish(output, flush);
            onBytes?.Invoke(bytes.Length);
            var sha = hash ? Convert.ToHexStringLower(SHA256.HashData(bytes.Span)) : null;
            return new CopyResult(bytes.Length, sha, false, bytes.Span[..Math.Min(HeadSize, bytes.Length)].ToArray());
        }

        var stream = source.Stream ?? throw new InvalidOperationException("A pending file has no content.");
        try
        {
            using var output = CreateOutput(destination, 0);
            var (sha, head) = await PumpAsync((m, _, ct) => stream.ReadAsync(m, ct), null, output, hash, flush, onBytes, cancellationToken).ConfigureAwait(false);
            var length = RandomAccess.GetLength(output);
            Finish(output, flush);
            return new CopyResult(length, sha, false, head);
        }
        finally
        {
            if (!source.LeaveStreamOpen)
            {
                await stream.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Hashes a file already in place (derivatives), reading it once.</summary>
    public static async Task<(long Bytes, string Sha256)> HashFileAsync(string path, CancellationToken cancellationToken)
    {
        using var input = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        var length = RandomAccess.GetLength(input);
        var (sha, _) = await PumpAsync((m, off, ct) => RandomAccess.ReadAsync(input, m, off, ct), length, null, true, false, null, cancellationToken).ConfigureAwait(false);
        return (length, sha!);
    }

    /// <summary>
    /// Writes a small file of the staged run whole. With <paramref name="flush"/>, its writeback starts at once and the
    /// commit fsyncs it together with every other small file and folder of the run (<see cref="StagedRunFlush"/>) before
    /// the publish rename: one journal commit for all of them instead of one each.
    /// </summary>
    public static void WriteSmallFile(string path, ReadOnlySpan<byte> content, bool flush)
    {
        using var output = File.OpenHandle(path, FileMode.Create, FileAccess.Write, FileShare.None, FileOptions.None, content.Length);
        RandomAccess.Write(output, content, 0);
        if (flush)
        {
            NativeFs.StartWriteback(output, 0, content.Length);
        }
    }

    private static SafeFileHandle CreateOutput(string destination, long preallocate)
        => File.OpenHandle(destination, FileMode.CreateNew, FileAccess.Write, FileShare.None, FileOptions.None, preallocate);

    private static void Finish(SafeFileHandle output, bool flush)
    {
        if (flush)
        {
            using var fs = new FileStream(output, FileAccess.Write, 0);
            fs.Flush(flushToDisk: true);
        }
    }

    private delegate ValueTask<int> Reader(Memory<byte> buffer, long offset, CancellationToken cancellationToken);

    /// <summary>
    /// The pump. Two pooled buffers alternate: one is read into while the other is hashed and written. A buffer goes back
    /// to the pool only when no read or write can still touch it: on a write error or cancellation the read in flight is
    /// awaited (its outcome ignored) before the buffers are returned, so a late read never writes into an array another
    /// caller has rented.
    /// </summary>
    private static async Task<(string? Sha256, byte[] Head)> PumpAsync(Reader read, long? length, SafeFileHandle? output, bool hash, bool flush, Action<long>? onBytes, CancellationToken cancellationToken)
    {
        var chunk = length is { } l ? (int)Math.Clamp(l, 1, ChunkSize) : ChunkSize;
        var buffers = new[] { ArrayPool<byte>.Shared.Rent(chunk), ArrayPool<byte>.Shared.Rent(chunk) };
        using var hasher = hash ? IncrementalHash.CreateHash(HashAlgorithmName.SHA256) : null;
        byte[]? head = null;
        Task<int>? pending = null;
        Task? write = null;
        try
        {
            long offset = 0;
            var current = 0;
            pending = ReadFullAsync(read, buffers[current].AsMemory(0, chunk), offset, cancellationToken);
            while (true)
            {
                var n = await pending.ConfigureAwait(false);
                if (n == 0)
                {
                    break;
                }

                var buffer = buffers[current];
                head ??= buffer.AsSpan(0, Math.Min(n, HeadSize)).ToArray();
                var writeAt = offset;
                offset += n;
                current ^= 1;

                // Next read runs while this chunk is written (other thread) and hashed (this thread).
                pending = ReadFullAsync(read, buffers[current].AsMemory(0, chunk), offset, cancellationToken);
                write = output is null ? null : Task.Run(
                    () =>
                    {
                        RandomAccess.Write(output, buffer.AsSpan(0, n), writeAt);
                        if (flush)
                        {
                            NativeFs.StartWriteback(output, writeAt, n);
                        }
                    },
                    CancellationToken.None);

                hasher?.AppendData(buffer, 0, n);
                if (write is not null)
                {
                    await write.ConfigureAwait(false);
                }

                onBytes?.Invoke(n);
                cancellationToken.ThrowIfCancellationRequested();
            }

            return (hasher is null ? null : Convert.ToHexStringLower(hasher.GetHashAndReset()), head ?? []);
        }
        finally
        {
            // On the error paths a read (and, if hashing threw, a write) may still be using a buffer: let them finish first.
            await Quietly(pending).ConfigureAwait(false);
            await Quietly(write).ConfigureAwait(false);
            ArrayPool<byte>.Shared.Return(buffers[0]);
            ArrayPool<byte>.Shared.Return(buffers[1]);
        }
    }

    private static async Task Quietly(Task? task)
    {
        if (task is null)
        {
            return;
        }

        if (task.IsCompleted)
        {
            _ = task.Exception; // observed: its outcome no longer matters
            return;
        }

        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Its outcome no longer matters: the copy already failed or was cancelled; only its end does.
        }
    }

    private static async Task<int> ReadFullAsync(Reader read, Memory<byte> buffer, long offset, CancellationToken cancellationToken)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var n = await read(buffer[total..], offset + total, cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        return total;
    }
}
