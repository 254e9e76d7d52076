
namespace RunArtifacts.Tests.Storage;

public class CancellationTests
{
    [Test]
    public async Task CommitAsync_CancelledWhileCopying_NothingPublishedStagingRemoved()
    {
        using var temp = new TempRoot();
        var root = temp.Combine("root");
        var store = Some.Store(root);
        using var cts = new CancellationTokenSource();
        // A stream that cancels the commit once the first chunk has been read.
        var stream = new CancelAfterFirstRead(new MemoryStream(Some.Bytes(12 * 1024 * 1024)), cts);

        Assert.That(async () => await store.CreateRun("m").AddOutput(stream, "big.bin").CommitAsync(cts.Token), Throws.InstanceOf<OperationCanceledException>());

        Assert.That(BundleAssert.RunFolders(root), Is.Empty);
        Assert.That(Directory.GetFileSystemEntries(Path.Combine(root, ".staging")), Is.Empty);
        Assert.That(File.Exists(store.IndexPath), Is.False);
        await Task.CompletedTask;
    }

    [Test]
    public void CommitAsync_AlreadyCancelled_Throws()
    {
        using var temp = new TempRoot();
        var store = Some.Store(temp.Combine("root"));

        Assert.That(async () => await store.CreateRun("m").WithPrompt("p").AddOutput(Some.Png(), "o.png").CommitAsync(new CancellationToken(canceled: true)), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(BundleAssert.RunFolders(temp.Combine("root")), Is.Empty);
    }

    private sealed class CancelAfterFirstRead(Stream inner, CancellationTokenSource cts) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => inner.Length;

        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = inner.Read(buffer, offset, count);
            cts.Cancel();
            return n;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var n = await inner.ReadAsync(buffer, CancellationToken.None);
            await cts.CancelAsync();
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
