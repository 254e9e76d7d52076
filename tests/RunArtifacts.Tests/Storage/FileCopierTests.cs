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

    [Test]
    public async Task CopyAsync_FileOfManyChunksWithAShortLastOne_SameBytesHashHeadAndProgress()
    {
        using var temp = new TempRoot();
        var content = Some.Bytes((FileCopier.ChunkSize * (FileCopier.RingSlots + 2)) + 77);
        var source = temp.File("in.bin", content);
        long reported = 0;

        var copy = await FileCopier.CopyAsync(new PendingFile { SourcePath = source, OriginalFileName = "in.bin" }, temp.Combine("out.bin"), CopyMode.Copy, hash: true, flush: true, onBytes: n => Interlocked.Add(ref reported, n), CancellationToken.None);

        ByteAssert.Same(await File.ReadAllBytesAsync(temp.Combine("out.bin")), content, "the copy");
        Assert.That(copy.Sha256, Is.EqualTo(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content))));
        Assert.That(copy.Bytes, Is.EqualTo(content.Length));
        Assert.That(copy.Head, Is.EqualTo(content[..64]));
        Assert.That(reported, Is.EqualTo(content.Length));
    }

    [Test]
    public async Task CopyAsync_FileWithoutHash_SameBytesAndHeadNoHash()
    {
        using var temp = new TempRoot();
        var content = Some.Bytes((FileCopier.ChunkSize * 2) + 9, seed: 3);
        var source = temp.File("in.bin", content);

        var copy = await FileCopier.CopyAsync(new PendingFile { SourcePath = source, OriginalFileName = "in.bin" }, temp.Combine("out.bin"), CopyMode.Copy, hash: false, flush: false, onBytes: null, CancellationToken.None);

        ByteAssert.Same(await File.ReadAllBytesAsync(temp.Combine("out.bin")), content, "the copy");
        Assert.That(copy.Sha256, Is.Null);
        Assert.That(copy.Head, Is.EqualTo(content[..64]));
    }

    [Test]
    public async Task CopyAsync_StreamGivingShortReads_SameBytesAndHash()
    {
        using var temp = new TempRoot();
        var content = Some.Bytes((FileCopier.ChunkSize * 3) + 1, seed: 5);
        var file = new PendingFile { Stream = new TrickleStream(content, 1_000_003), OriginalFileName = "s.bin" };

        var copy = await FileCopier.CopyAsync(file, temp.Combine("out.bin"), CopyMode.Copy, hash: true, flush: false, onBytes: null, CancellationToken.None);

        ByteAssert.Same(await File.ReadAllBytesAsync(temp.Combine("out.bin")), content, "the copy");
        Assert.That(copy.Sha256, Is.EqualTo(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content))));
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task CopyAsync_ReadFailsAfterSomeChunks_ThrowsThatErrorNotACancellation(CancellationToken cancellationToken)
    {
        using var temp = new TempRoot();
        var file = new PendingFile { Stream = new TrickleStream(Some.Bytes(FileCopier.ChunkSize * 8), FileCopier.ChunkSize, failAfter: FileCopier.ChunkSize * 3), OriginalFileName = "f.bin" };

        var error = await Assert.ThrowsAsync<IOException>(async () => await FileCopier.CopyAsync(file, temp.Combine("out.bin"), CopyMode.Copy, hash: true, flush: false, onBytes: null, cancellationToken));

        Assert.That(error!.Message, Does.Contain("device went away"));
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task CopyAsync_HardLinkOfManyPieces_LinkedWithHashHeadAndProgress(bool hash)
    {
        using var temp = new TempRoot();
        var content = Some.Bytes((FileCopier.ChunkSize * 2) + (KernelCopy.PieceSize * 3) + 41, seed: 21);
        var source = temp.File("in.bin", content);
        long reported = 0;

        var copy = await FileCopier.CopyAsync(new PendingFile { SourcePath = source, OriginalFileName = "in.bin" }, temp.Combine("out.bin"), CopyMode.HardLink, hash, flush: true, onBytes: n => Interlocked.Add(ref reported, n), CancellationToken.None);

        Assume.That(copy.HardLinked, Is.True, "this file system does not allow hard links");
        Assert.That(copy.Sha256, Is.EqualTo(hash ? Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content)) : null));
        Assert.That(copy.Bytes, Is.EqualTo(content.Length));
        Assert.That(copy.Head, Is.EqualTo(content[..64]));
        Assert.That(reported, Is.EqualTo(content.Length));
    }

    [Test]
    public void HashFile_FileOfSeveralChunks_MatchesSha256()
    {
        using var temp = new TempRoot();
        var content = Some.Bytes((FileCopier.ChunkSize * 2) + 3, seed: 9);

        var (bytes, sha) = FileCopier.HashFile(temp.File("h.bin", content), CancellationToken.None);

        Assert.That(bytes, Is.EqualTo(content.Length));
        Assert.That(sha, Is.EqualTo(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content))));
    }

    /// <summary>Serves its content at most <c>step</c> bytes per read; past <c>failAfter</c> bytes, a read fails.</summary>
    private sealed class TrickleStream(byte[] content, int step, long failAfter = long.MaxValue) : Stream
    {
        private int position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (position >= failAfter)
            {
                throw new IOException("The device went away.");
            }

            var n = Math.Min(Math.Min(buffer.Length, step), content.Length - position);
            content.AsSpan(position, n).CopyTo(buffer.Span);
            position += n;
            return ValueTask.FromResult(n);
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
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
