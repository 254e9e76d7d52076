using RunArtifacts.Builder.Internal;
using RunArtifacts.IO.Internal;

namespace RunArtifacts.Tests.Storage;

public class FileCopierTests
{
    [Test]
    [CancelAfter(120_000)]
    public async Task CopyAsync_CancelledWhileTheNextReadIsInFlight_ReturnsOnlyAfterThatReadEnds(CancellationToken cancellationToken)
    {
        using var temp = new TempRoot();
        var stream = new GatedStream(FileCopier.ChunkSize);
        using var cancel = new CancellationTokenSource();
        var file = new PendingFile { Stream = stream, OriginalFileName = "gated.bin" };

        // The first chunk is read, hashed and written; then the copy is cancelled while the read of the second chunk,
        // which ignores cancellation, is still writing into the other pooled buffer.
        var copy = FileCopier.CopyAsync(file, temp.Combine("out.bin"), CopyMode.Copy, hash: true, flush: false, onBytes: _ => cancel.Cancel(), cancel.Token);
        await stream.SecondReadStarted.WaitAsync(cancellationToken);
        await Task.WhenAny(copy, Task.Delay(500, cancellationToken));

        Assert.That(copy.IsCompleted, Is.False, "the copy must not return its buffers to the pool while a read still writes into one");
        stream.Release();
        Assert.That(async () => await copy, Throws.InstanceOf<OperationCanceledException>());
        Assert.That(stream.LateReadFinished, Is.True);
    }

    /// <summary>Serves one chunk of zeros, then blocks the next read (ignoring its token) until released.</summary>
    private sealed class GatedStream(int firstChunk) : Stream
    {
        private readonly TaskCompletionSource started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int served;

        public Task SecondReadStarted => started.Task;

        public bool LateReadFinished { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public void Release() => gate.TrySetResult();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (served < firstChunk)
            {
                var n = Math.Min(buffer.Length, firstChunk - served);
                buffer.Span[..n].Clear();
                served += n;
                return n;
            }

            started.TrySetResult();
            await gate.Task.ConfigureAwait(false);
            buffer.Span[0] = 0xAB; // the late write a reused buffer would suffer
            LateReadFinished = true;
            return 1;
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
