using RunArtifacts.IO.Internal;

namespace RunArtifacts.Tests.Storage;

/// <summary>The kernel copy with small chunks and a small writeback window, so a few MiB cross every path of it.</summary>
public class KernelCopyTests
{
    private const int Chunk = 64 * 1024;

    [TestCase(true)]
    [TestCase(false)]
    public async Task RunAsync_ManyChunksPastTheWritebackWindowAndAShortLastOne_SameBytesHashHeadAndProgress(bool flush)
    {
        using var temp = new TempRoot();
        var content = Some.Bytes((Chunk * 40) + (KernelCopy.PieceSize * 2) + 77, seed: 11);
        long reported = 0;

        var (sha, head) = await CopyAsync(temp, content, flush, hash: true, n => Interlocked.Add(ref reported, n), CancellationToken.None);

        ByteAssert.Same(await File.ReadAllBytesAsync(temp.Combine("out.bin")), content, "the copy");
        Assert.That(sha, Is.EqualTo(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content))));
        Assert.That(head, Is.EqualTo(content[..64]));
        Assert.That(reported, Is.EqualTo(content.Length));
    }

    [Test]
    public async Task RunAsync_WithoutHash_SameBytesHeadAndProgressNoHash()
    {
        using var temp = new TempRoot();
        var content = Some.Bytes((Chunk * 7) + 5, seed: 12);
        long reported = 0;

        var (sha, head) = await CopyAsync(temp, content, flush: true, hash: false, n => Interlocked.Add(ref reported, n), CancellationToken.None);

        ByteAssert.Same(await File.ReadAllBytesAsync(temp.Combine("out.bin")), content, "the copy");
        Assert.That(sha, Is.Null);
        Assert.That(head, Is.EqualTo(content[..64]));
        Assert.That(reported, Is.EqualTo(content.Length));
    }

    [Test]
    public async Task RunAsync_EmptyFile_EmptyHashAndHead()
    {
        using var temp = new TempRoot();

        var (sha, head) = await CopyAsync(temp, [], flush: true, hash: true, null, CancellationToken.None);

        Assert.That(sha, Is.EqualTo(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(ReadOnlySpan<byte>.Empty))));
        Assert.That(head, Is.Empty);
        Assert.That(new FileInfo(temp.Combine("out.bin")).Length, Is.Zero);
    }

    [Test]
    public async Task RunAsync_CancelledAfterTheFirstChunks_ThrowsCancellationAndEndsBothThreads()
    {
        using var temp = new TempRoot();
        var content = Some.Bytes(Chunk * 64, seed: 13);
        using var cancel = new CancellationTokenSource();
        long reported = 0;

        var copy = CopyAsync(temp, content, flush: true, hash: true, n =>
        {
            if (Interlocked.Add(ref reported, n) >= Chunk * 4)
            {
                cancel.Cancel();
            }
        }, cancel.Token);

        Assert.That(async () => await copy, Throws.InstanceOf<OperationCanceledException>());
        Assert.That(Interlocked.Read(ref reported), Is.LessThan(content.Length));
    }

    [Test]
    public async Task RunAsync_FlushingEveryFewChunksOfAnOddSizedFile_SameBytesHashHeadAndProgress()
    {
        using var temp = new TempRoot();
        var content = Some.Bytes((Chunk * 37) + 12_345, seed: 14);
        long reported = 0;

        var (copy, sha, head) = await CopyWithFlushesAsync(temp, content, n => Interlocked.Add(ref reported, n), CancellationToken.None);

        ByteAssert.Same(await File.ReadAllBytesAsync(temp.Combine("out.bin")), content, "the copy");
        Assert.That(sha, Is.EqualTo(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content))));
        Assert.That(head, Is.EqualTo(content[..64]));
        Assert.That(reported, Is.EqualTo(content.Length));
        Assert.That(copy.FlushesStarted, Is.InRange(1, 18), "one flush every 2 of the 37 chunks at most, and at least one");
    }

    [Test]
    public async Task RunAsync_CancelledWhileFlushesRun_ThrowsCancellationOnlyOnceTheLastFlushHasEnded()
    {
        using var temp = new TempRoot();
        var content = Some.Bytes(Chunk * 64, seed: 15);
        using var cancel = new CancellationTokenSource();
        long reported = 0;
        KernelCopy? copy = null;

        var run = CopyWithFlushesAsync(temp, content, n =>
        {
            if (Interlocked.Add(ref reported, n) >= Chunk * 8)
            {
                cancel.Cancel();
            }
        }, cancel.Token, started => copy = started);

        Assert.That(async () => await run, Throws.InstanceOf<OperationCanceledException>());
        Assert.That(Interlocked.Read(ref reported), Is.LessThan(content.Length));
        Assert.That(copy!.FlushesStarted, Is.GreaterThanOrEqualTo(1), "the copy was cancelled after flushes had started");
        Assert.That(copy.LastFlush!.IsCompleted, Is.True, "a flush may not outlive the copy: its owner closes the handle next");
    }

    private static async Task<(KernelCopy Copy, string? Sha256, byte[] Head)> CopyWithFlushesAsync(TempRoot temp, byte[] content, Action<long>? onBytes, CancellationToken cancellationToken, Action<KernelCopy>? started = null)
    {
        var source = temp.File("in.bin", content);
        using var input = File.OpenHandle(source, FileMode.Open, FileAccess.Read);
        using var output = File.OpenHandle(temp.Combine("out.bin"), FileMode.CreateNew, FileAccess.ReadWrite);
        var first = NativeFs.TryCopyRange(input, output, 0, Math.Clamp(content.Length, 1, Chunk));
        Assume.That(first, Is.GreaterThanOrEqualTo(0), "copy_file_range is not available on this system or file system");
        var copy = new KernelCopy(input, output, content.Length, first, flush: true, Chunk, window: 3, flushEvery: Chunk * 2);
        started?.Invoke(copy);
        var (sha, head) = await copy.RunAsync(hash: true, onBytes, cancellationToken);
        return (copy, sha, head);
    }

    private static async Task<(string? Sha256, byte[] Head)> CopyAsync(TempRoot temp, byte[] content, bool flush, bool hash, Action<long>? onBytes, CancellationToken cancellationToken)
    {
        var source = temp.File("in.bin", content);
        using var input = File.OpenHandle(source, FileMode.Open, FileAccess.Read);
        using var output = File.OpenHandle(temp.Combine("out.bin"), FileMode.CreateNew, FileAccess.ReadWrite);
        var first = NativeFs.TryCopyRange(input, output, 0, Math.Clamp(content.Length, 1, Chunk));
        Assume.That(first, Is.GreaterThanOrEqualTo(0), "copy_file_range is not available on this system or file system");
        return await new KernelCopy(input, output, content.Length, first, flush, Chunk, window: 3).RunAsync(hash, onBytes, cancellationToken);
    }
}
