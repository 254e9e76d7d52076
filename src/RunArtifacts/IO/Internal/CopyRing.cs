using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace RunArtifacts.IO.Internal;

/// <summary>
/// A ring of pooled buffers between three stages of one copy: a reader fills a free buffer and hands the chunk to the
/// hasher and to the writer, which take chunks in order, each on its own thread, at its own pace; a buffer is free again
/// once both are done with it. The reader may so run up to the ring's size ahead, and a slow write no longer stalls the
/// hash (or the other way round) chunk by chunk.
/// </summary>
/// <remarks>
/// The buffers go back to the pool only on <see cref="Dispose"/>, which the owner calls after <see cref="RunAsync"/> has
/// returned, and <see cref="RunAsync"/> returns, on success, failure or cancellation alike, only once every stage has
/// ended: a read still in flight (one that ignores cancellation) is waited for, so it can never write into an array the
/// pool has handed to another caller.
/// </remarks>
internal sealed class CopyRing : IDisposable
{
    private readonly byte[][] buffers;
    private readonly int chunk;
    private readonly int[] users;
    private readonly SemaphoreSlim free;
    private Exception? failure;

    public CopyRing(int slots, int chunk)
    {
        this.chunk = chunk;
        buffers = new byte[slots][];
        for (var i = 0; i < slots; i++)
        {
            buffers[i] = ArrayPool<byte>.Shared.Rent(chunk);
        }

        users = new int[slots];
        free = new SemaphoreSlim(slots, slots);
    }

    /// <summary>Reads a chunk into a buffer at a file offset; returns the bytes read, 0 at the end.</summary>
    public delegate ValueTask<int> ReadChunk(Memory<byte> buffer, long offset, CancellationToken cancellationToken);

    /// <summary>
    /// Pumps the whole content through <paramref name="hash"/> and <paramref name="write"/> (either may be null); returns the
    /// first bytes (at most 64). <paramref name="onBytes"/> is told of each chunk once both are done with it.
    /// </summary>
    public async Task<byte[]> RunAsync(ReadChunk read, Action<byte[], int>? hash, Action<byte[], int, long>? write, Action<long>? onBytes, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var consumers = (hash is null ? 0 : 1) + (write is null ? 0 : 1);
        using var toHash = new BlockingCollection<(int Slot, int Count, long Offset)>();
        using var toWrite = new BlockingCollection<(int Slot, int Count, long Offset)>();
        byte[]? head = null;

        void Done(int slot, int count)
        {
            if (Interlocked.Decrement(ref users[slot]) == 0)
            {
                onBytes?.Invoke(count);
                free.Release();
            }
        }

        void ReadAll()
        {
            try
            {
                long offset = 0;
                for (var slot = 0; ; slot = (slot + 1) % buffers.Length)
                {
                    free.Wait(stop.Token);
                    var pending = read(buffers[slot].AsMemory(0, chunk), offset, stop.Token);
                    var n = pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
                    if (n == 0)
                    {
                        break;
                    }

                    head ??= buffers[slot].AsSpan(0, Math.Min(n, CopyStages.HeadSize)).ToArray();
                    if (consumers == 0)
                    {
                        onBytes?.Invoke(n);
                        free.Release();
                    }
                    else
                    {
                        users[slot] = consumers;
                        if (hash is not null)
                        {
                            toHash.Add((slot, n, offset));
                        }

                        if (write is not null)
                        {
                            toWrite.Add((slot, n, offset));
                        }
                    }

                    offset += n;
                    stop.Token.ThrowIfCancellationRequested();
                }
            }
            catch (Exception ex)
            {
                Fail(ex, stop);
            }
            finally
            {
                toHash.CompleteAdding();
                toWrite.CompleteAdding();
            }
        }

        void Consume(BlockingCollection<(int Slot, int Count, long Offset)> chunks, Action<int, int, long> work)
        {
            try
            {
                foreach (var (slot, count, offset) in chunks.GetConsumingEnumerable(stop.Token))
                {
                    work(slot, count, offset);
                    Done(slot, count);
                }
            }
            catch (Exception ex)
            {
                Fail(ex, stop);
            }
        }

        // Every stage blocks (in read, copy_file_range, pwrite, on the CPU): each gets a thread of its own, never one of
        // the pool's, which a few blocked copies would starve.
        var stages = new List<Task>(3) { Dedicated(ReadAll) };
        if (hash is not null)
        {
            stages.Add(Dedicated(() => Consume(toHash, (slot, count, _) => hash(buffers[slot], count))));
        }

        if (write is not null)
        {
            stages.Add(Dedicated(() => Consume(toWrite, (slot, count, offset) => write(buffers[slot], count, offset))));
        }

        // Every stage catches its own failure, so this waits for all of them to end, whatever happened.
        await Task.WhenAll(stages).ConfigureAwait(false);
        if (failure is not null)
        {
            if (failure is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException(failure.Message, failure, cancellationToken);
            }

            ExceptionDispatchInfo.Throw(failure);
        }

        return head ?? [];
    }

    /// <summary>Returns the buffers to the pool; call only after <see cref="RunAsync"/> has returned (or thrown).</summary>
    public void Dispose()
    {
        for (var i = 0; i < buffers.Length; i++)
        {
            if (buffers[i] is { Length: > 0 } b)
            {
                ArrayPool<byte>.Shared.Return(b);
                buffers[i] = [];
            }
        }

        free.Dispose();
    }

    private static Task Dedicated(Action stage) => CopyStages.Dedicated(stage);

    private void Fail(Exception ex, CancellationTokenSource stop) => CopyStages.Fail(ref failure, ex, stop);
}
