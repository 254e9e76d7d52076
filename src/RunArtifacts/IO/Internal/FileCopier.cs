using System.Buffers;
using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;
using RunArtifacts.Builder.Internal;

namespace RunArtifacts.IO.Internal;

/// <summary>What a copy produced.</summary>
internal sealed record CopyResult(long Bytes, string? Sha256, bool HardLinked, byte[] Head);

/// <summary>
/// Copies a file into the staging folder in one pass that overlaps reading, hashing and writing. Where the kernel can copy
/// (Linux <c>copy_file_range</c>), <see cref="KernelCopy"/> copies there and hashes the copy as it is read back; elsewhere
/// (another OS, across file systems, a stream, bytes) a small ring of pooled buffers (<see cref="CopyRing"/>) lets the
/// reader run ahead while the hasher and the writer each take the chunks at their own pace. With flushing on, the kernel
/// is told to start writing each chunk back at once, so the final fsync has little left to wait for.
/// </summary>
internal static class FileCopier
{
    internal const int ChunkSize = 4 * 1024 * 1024;

    /// <summary>Buffers in flight per file: the reader may run this many chunks ahead of the slower of hasher and writer.</summary>
    internal const int RingSlots = 4;
    public static async Task<CopyResult> CopyAsync(PendingFile source, string destination, CopyMode mode, bool hash, bool flush, Action<long>? onBytes, CancellationToken cancellationToken)
    {
        if (source.SourcePath is { } path)
        {
            if (mode == CopyMode.HardLink && NativeFs.TryHardLink(path, destination))
            {
                using var linked = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
                var length = RandomAccess.GetLength(linked);
                var (sha, head) = HashInPlace(linked, hash, onBytes, cancellationToken);
                return new CopyResult(length, sha, true, head);
            }

            using var input = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
            var size = RandomAccess.GetLength(input);
            using var output = File.OpenHandle(destination, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, FileOptions.None, size);
            var first = NativeFs.TryCopyRange(input, output, 0, Math.Clamp(size, 1, KernelCopy.ChunkSize));
            var (digest, firstBytes) = first < 0
                ? await PumpAsync(ReadFrom(input), size, output, hash, flush, onBytes, cancellationToken).ConfigureAwait(false)
                : await new KernelCopy(input, output, size, first, flush).RunAsync(hash, onBytes, cancellationToken).ConfigureAwait(false);
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
            return new CopyResult(bytes.Length, sha, false, bytes.Span[..Math.Min(CopyStages.HeadSize, bytes.Length)].ToArray());
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

    /// <summary>Hashes a file already in place (derivatives, verify), reading it once (<see cref="HashInPlace"/>), on the calling thread.</summary>
    public static (long Bytes, string Sha256) HashFile(string path, CancellationToken cancellationToken)
    {
        using var input = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        var length = RandomAccess.GetLength(input);
        var (sha, _) = HashInPlace(input, true, null, cancellationToken);
        return (length, sha!);
    }

    /// <summary>
    /// Hashes a file where it is (a hard link, a derivative, a file to verify) on the calling thread, in small pieces that
    /// are still in the CPU cache when hashed: nothing is written, so there is nothing to overlap but the disk read, which
    /// the kernel's read-ahead of a sequential file already overlaps with the hashing. Without a hash only the first bytes
    /// are read. Returns the hash (or null) and the first bytes.
    /// </summary>
    private static (string? Sha256, byte[] Head) HashInPlace(SafeFileHandle input, bool hash, Action<long>? onBytes, CancellationToken cancellationToken)
    {
        using var hasher = hash ? IncrementalHash.CreateHash(HashAlgorithmName.SHA256) : null;
        var piece = ArrayPool<byte>.Shared.Rent(KernelCopy.PieceSize);
        try
        {
            byte[]? head = null;
            long offset = 0, unreported = 0;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var n = RandomAccess.Read(input, hasher is null ? piece.AsSpan(0, CopyStages.HeadSize) : piece.AsSpan(0, KernelCopy.PieceSize), offset);
                if (n == 0)
                {
                    break;
                }

                head ??= piece.AsSpan(0, Math.Min(n, CopyStages.HeadSize)).ToArray();
                if (hasher is null)
                {
                    break;
                }

                hasher.AppendData(piece, 0, n);
                offset += n;
                unreported += n;
                if (unreported >= ChunkSize)
                {
                    onBytes?.Invoke(unreported);
                    unreported = 0;
                }
            }

            if (hasher is null)
            {
                onBytes?.Invoke(RandomAccess.GetLength(input));
            }
            else if (unreported > 0)
            {
                onBytes?.Invoke(unreported);
            }

            return (hasher is null ? null : Convert.ToHexStringLower(hasher.GetHashAndReset()), head ?? []);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(piece);
        }
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

    /// <summary>
    /// Reads of a file opened for synchronous I/O, done on the calling thread (the ring's reader has a thread of its own)
    /// instead of being handed to the thread pool chunk by chunk.
    /// </summary>
    private static Reader ReadFrom(SafeFileHandle file)
        => (buffer, offset, cancellationToken) =>
        {
            cancellationToken.ThrowIfCancellationRequested();
            return ValueTask.FromResult(RandomAccess.Read(file, buffer.Span, offset));
        };

    private delegate ValueTask<int> Reader(Memory<byte> buffer, long offset, CancellationToken cancellationToken);

    /// <summary>The pump: a ring of pooled buffers between a reader, a hasher and a writer (<see cref="CopyRing"/>).</summary>
    private static async Task<(string? Sha256, byte[] Head)> PumpAsync(Reader read, long? length, SafeFileHandle? output, bool hash, bool flush, Action<long>? onBytes, CancellationToken cancellationToken)
    {
        var chunk = length is { } l ? (int)Math.Clamp(l, 1, ChunkSize) : ChunkSize;
        var slots = length is { } total ? (int)Math.Clamp((total + chunk - 1) / chunk, 1, RingSlots) : RingSlots;
        using var hasher = hash ? IncrementalHash.CreateHash(HashAlgorithmName.SHA256) : null;
        if (slots == 1)
        {
            return await PumpOneAsync(read, chunk, output, hasher, flush, onBytes, cancellationToken).ConfigureAwait(false);
        }

        using var ring = new CopyRing(slots, chunk);
        var head = await ring.RunAsync(
            (m, off, ct) => ReadFullAsync(read, m, off, ct),
            hasher is null ? null : (b, n) => hasher.AppendData(b, 0, n),
            output is null ? null : (b, n, at) =>
            {
                RandomAccess.Write(output, b.AsSpan(0, n), at);
                if (flush)
                {
                    NativeFs.StartWriteback(output, at, n);
                }
            },
            onBytes,
            cancellationToken).ConfigureAwait(false);
        return (hasher is null ? null : Convert.ToHexStringLower(hasher.GetHashAndReset()), head);
    }

    /// <summary>A file that fits in one chunk: read, hashed and written in turn (nothing to overlap); the buffer goes back once the read has ended.</summary>
    private static async Task<(string? Sha256, byte[] Head)> PumpOneAsync(Reader read, int chunk, SafeFileHandle? output, IncrementalHash? hasher, bool flush, Action<long>? onBytes, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(chunk);
        try
        {
            var n = await ReadFullAsync(read, buffer.AsMemory(0, chunk), 0, cancellationToken).ConfigureAwait(false);
            hasher?.AppendData(buffer, 0, n);
            if (output is not null && n > 0)
            {
                RandomAccess.Write(output, buffer.AsSpan(0, n), 0);
                if (flush)
                {
                    NativeFs.StartWriteback(output, 0, n);
                }
            }

            onBytes?.Invoke(n);
            cancellationToken.ThrowIfCancellationRequested();
            return (hasher is null ? null : Convert.ToHexStringLower(hasher.GetHashAndReset()), buffer.AsSpan(0, Math.Min(n, CopyStages.HeadSize)).ToArray());
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async ValueTask<int> ReadFullAsync(Reader read, Memory<byte> buffer, long offset, CancellationToken cancellationToken)
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
