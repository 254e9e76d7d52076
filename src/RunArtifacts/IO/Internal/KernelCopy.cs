using System.Buffers;
using System.Runtime.ExceptionServices;
using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;

namespace RunArtifacts.IO.Internal;

/// <summary>
/// The copy where the kernel can do it (<see cref="NativeFs.TryCopyRange"/>), in two threads that overlap: the copier
/// copies chunk after chunk inside the kernel and starts each chunk's writeback at once; the hasher follows it, reading
/// each copied chunk back from the copy (from the page cache) in small pieces and hashing them, so the hash is that of the
/// bytes stored even if the source changes meanwhile. Without a hash, only the first bytes are read back (the media type).
/// </summary>
/// <remarks>
/// <para>The pieces are small (<see cref="PieceSize"/>) so each is still in the CPU cache when it is hashed: the bytes go
/// once through memory for the kernel's copy, and the read-back costs no second trip through memory (a read-back of whole
/// 4 MiB chunks into a ring of buffers, handed to another thread, did).</para>
/// <para>With flushing on, the copier also waits for the writeback of the chunk <c>window</c> chunks behind the one it has
/// just copied: the disk queue stays full while no more than that many chunks are dirty, and the final fsync has at most
/// one window left to wait for instead of the whole file. Every <see cref="FlushPeriod"/> bytes it also starts a flush of
/// the data written so far (<see cref="NativeFs.FlushData"/>) on a flush worker, without waiting for it: a disk with a
/// write cache (a virtual disk above all) empties it while the copy goes on. Without that, the final fsync's cache flush
/// had the whole file to push (measured on this project's virtual disk: 380–430 ms of a 1 GiB commit in the last fsync,
/// though every byte had been written back; 10–50 ms with a flush every 128 MiB).
/// A failed periodic flush fails the copy (an fsync error is reported once: the final fsync could no longer see it).</para>
/// <para>Both threads are dedicated (each blocks: in the kernel copy, the writeback wait, the read-back and the hash), never
/// the thread pool's. <see cref="RunAsync"/> returns, on success, failure or cancellation alike, only once both have ended.</para>
/// </remarks>
internal sealed class KernelCopy
{
    /// <summary>Bytes copied in the kernel per call, and the unit of writeback.</summary>
    internal const int ChunkSize = 8 * 1024 * 1024;

    /// <summary>Chunks whose writeback may be in flight before the copier waits for the oldest one (128 MiB).</summary>
    internal const int WritebackWindow = 16;

    /// <summary>Bytes copied between two flushes of the copy's data to the disk while it goes on (with flushing on).</summary>
    internal const long FlushPeriod = 128L * 1024 * 1024;

    /// <summary>Bytes read back and hashed at a time: small enough to stay in the CPU's L2 cache between the two.</summary>
    internal const int PieceSize = 256 * 1024;

    private readonly SafeFileHandle input;
    private readonly SafeFileHandle output;
    private readonly long size;
    private readonly bool flush;
    private readonly int chunk;
    private readonly int window;
    private readonly long flushEvery;
    private readonly object gate = new();
    private readonly Queue<(long Offset, int Count)> inFlight = new();
    private long copied;
    private int flushesStarted;
    private Task? lastFlush;
    private bool copierEnded;
    private Exception? failure;

    /// <param name="input">The source, opened for reading.</param>
    /// <param name="output">The copy, opened for reading and writing; <paramref name="firstCopied"/> bytes are already in it.</param>
    /// <param name="size">The source's length.</param>
    /// <param name="firstCopied">Bytes at offset 0 already copied in the kernel (to learn whether it can).</param>
    /// <param name="flush">Start each chunk's writeback at once and keep at most <paramref name="window"/> chunks in flight.</param>
    /// <param name="chunk">Bytes per kernel copy (tests use small ones).</param>
    /// <param name="window">Writeback window in chunks (tests use small ones).</param>
    /// <param name="flushEvery">Bytes between two flushes while the copy goes on (0: none; default <see cref="FlushPeriod"/>).</param>
    public KernelCopy(SafeFileHandle input, SafeFileHandle output, long size, long firstCopied, bool flush, int chunk = ChunkSize, int window = WritebackWindow, long flushEvery = -1)
    {
        this.input = input;
        this.output = output;
        this.size = size;
        this.flush = flush;
        this.chunk = chunk;
        this.window = window;
        this.flushEvery = flushEvery < 0 ? FlushPeriod : flushEvery;
        copied = firstCopied;
        if (flush && firstCopied > 0)
        {
            NativeFs.StartWriteback(output, 0, firstCopied);
        }
    }

    /// <summary>Flushes started while the copy went on (read after <see cref="RunAsync"/> has returned).</summary>
    internal int FlushesStarted => flushesStarted;

    /// <summary>The last flush started while the copy went on, if any (tests: it has ended once <see cref="RunAsync"/> has).</summary>
    internal Task? LastFlush => lastFlush;

    /// <summary>Copies the rest, hashing the copy if asked; returns the hash (or null) and the copy's first bytes.</summary>
    public async Task<(string? Sha256, byte[] Head)> RunAsync(bool hash, Action<long>? onBytes, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var hasher = hash ? IncrementalHash.CreateHash(HashAlgorithmName.SHA256) : null;
        var head = Array.Empty<byte>();
        var copier = Dedicated(() => CopyAll(hasher is null ? onBytes : null, stop));
        var reader = hasher is null ? Task.CompletedTask : Dedicated(() => head = HashAll(hasher, onBytes, stop));
        await Task.WhenAll(copier, reader).ConfigureAwait(false);
        if (failure is not null)
        {
            if (failure is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException(failure.Message, failure, cancellationToken);
            }

            ExceptionDispatchInfo.Throw(failure);
        }

        if (hasher is null)
        {
            head = ReadHead();
        }

        return (hasher is null ? null : Convert.ToHexStringLower(hasher.GetHashAndReset()), head);
    }

    private void CopyAll(Action<long>? onBytes, CancellationTokenSource stop)
    {
        Task? flushing = null;
        long flushedTo = 0;
        try
        {
            onBytes?.Invoke(Volatile.Read(ref copied));
            for (var offset = Volatile.Read(ref copied); offset < size;)
            {
                stop.Token.ThrowIfCancellationRequested();
                var want = (int)Math.Min(chunk, size - offset);
                var n = NativeFs.TryCopyRange(input, output, offset, want);
                if (n < 0)
                {
                    throw new IOException($"The copy stopped being possible in the kernel at offset {offset}.");
                }

                if (n == 0)
                {
                    break; // The source got shorter meanwhile: the copy (and its hash) is what there was.
                }

                if (flush)
                {
                    NativeFs.StartWriteback(output, offset, n);
                    inFlight.Enqueue((offset, (int)n));
                    if (inFlight.Count > window)
                    {
                        var (oldest, count) = inFlight.Dequeue();
                        NativeFs.WaitForWriteback(output, oldest, count);
                    }

                    // Not after the last chunk: the owner's final fsync follows at once.
                    if (flushEvery > 0 && offset + n < size && offset + n - flushedTo >= flushEvery && flushing is not { IsCompleted: false })
                    {
                        flushing?.GetAwaiter().GetResult(); // the previous flush's failure fails the copy
                        flushedTo = offset + n;
                        flushing = StagedRunFlush.Start(FlushData);
                        lastFlush = flushing;
                        flushesStarted++;
                    }
                }

                offset += n;
                Publish(offset);
                onBytes?.Invoke(n);
            }

            var last = flushing;
            flushing = null;
            last?.GetAwaiter().GetResult();
        }
        catch (Exception ex)
        {
            Fail(ex, stop);
        }
        finally
        {
            // A flush still running (the copy failed or was cancelled) uses the copy's handle: wait for it before the
            // owner may close that handle; its own failure no longer matters.
            ((IAsyncResult?)flushing)?.AsyncWaitHandle.WaitOne();
            lock (gate)
            {
                copierEnded = true;
                Monitor.PulseAll(gate);
            }
        }
    }

    private byte[] HashAll(IncrementalHash hasher, Action<long>? onBytes, CancellationTokenSource stop)
    {
        var head = Array.Empty<byte>();
        var piece = ArrayPool<byte>.Shared.Rent((int)Math.Clamp(size, 1, PieceSize));
        try
        {
            long done = 0;
            while (done < size)
            {
                var available = WaitForCopied(done, stop.Token);
                if (available <= done)
                {
                    return head; // The copier failed (its failure is kept) or the source got shorter.
                }

                available = Math.Min(available, done + chunk); // progress chunk by chunk

                var start = done;
                while (done < available)
                {
                    stop.Token.ThrowIfCancellationRequested();
                    var want = (int)Math.Min(piece.Length, available - done);
                    var n = RandomAccess.Read(output, piece.AsSpan(0, want), done);
                    if (n == 0)
                    {
                        throw new IOException($"The copy is shorter than the {available} bytes just written (it ends at {done}).");
                    }

                    if (done == 0)
                    {
                        head = piece.AsSpan(0, Math.Min(n, CopyStages.HeadSize)).ToArray();
                    }

                    hasher.AppendData(piece, 0, n);
                    done += n;
                }

                onBytes?.Invoke(done - start);
            }
        }
        catch (Exception ex)
        {
            Fail(ex, stop);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(piece);
        }

        return head;
    }

    /// <summary>A periodic flush, on a flush worker; a handle closed under it would be a bug, reported as the flush's failure.</summary>
    private void FlushData()
    {
        try
        {
            NativeFs.FlushData(output);
        }
        catch (ObjectDisposedException ex)
        {
            throw new IOException("The copy was closed while its data was being flushed.", ex);
        }
    }

    private void Publish(long offset)
    {
        lock (gate)
        {
            Volatile.Write(ref copied, offset);
            Monitor.PulseAll(gate);
        }
    }

    /// <summary>Waits until more than <paramref name="done"/> bytes are copied, or the copier has ended; returns the bytes copied.</summary>
    private long WaitForCopied(long done, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            while (Volatile.Read(ref copied) <= done && !copierEnded)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Monitor.Wait(gate, 50);
            }

            return Volatile.Read(ref copied);
        }
    }

    private byte[] ReadHead()
    {
        var head = new byte[(int)Math.Min(size, CopyStages.HeadSize)];
        var read = 0;
        while (read < head.Length)
        {
            var n = RandomAccess.Read(output, head.AsSpan(read), read);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        return head[..read];
    }

    private static Task Dedicated(Action stage) => CopyStages.Dedicated(stage);

    /// <summary>Keeps the first failure, stops the other thread and wakes it if it waits for the copier.</summary>
    private void Fail(Exception ex, CancellationTokenSource stop)
    {
        CopyStages.Fail(ref failure, ex, stop);
        lock (gate)
        {
            Monitor.PulseAll(gate);
        }
    }
}
