using System.Security.Cryptography;
using RunArtifacts.Verification.Internal;

namespace RunArtifacts.Tests.Verification;

/// <summary>
/// The threads that hash verify's large files. A FIFO holds the only worker still, deterministically: opening it for
/// reading blocks until a writer opens it, so what happens to the jobs queued behind it does not depend on timing.
/// </summary>
public class HashWorkersTests
{
    [Test]
    public async Task HashAsync_SeveralFilesOnTwoThreads_EachHashIsItsFiles()
    {
        using var temp = new TempRoot();
        var contents = Enumerable.Range(0, 5).Select(i => Some.Bytes((1024 * 1024) + (i * 4097), seed: 20 + i)).ToArray();
        var paths = contents.Select((c, i) => temp.File($"f{i}.bin", c)).ToArray();
        using var workers = new HashWorkers(2);

        var hashes = await Task.WhenAll(paths.Select(p => workers.HashAsync(p, CancellationToken.None)));

        Assert.That(hashes.Select(h => h.Bytes), Is.EqualTo(contents.Select(c => (long)c.Length)));
        Assert.That(hashes.Select(h => h.Sha256), Is.EqualTo(contents.Select(c => Convert.ToHexStringLower(SHA256.HashData(c)))));
    }

    [Test]
    public async Task HashAsync_MissingFile_FailsWithTheReadError()
    {
        using var temp = new TempRoot();
        using var workers = new HashWorkers(1);

        var hash = workers.HashAsync(temp.Combine("absent.bin"), CancellationToken.None);

        Assert.That(async () => await hash, Throws.InstanceOf<FileNotFoundException>());
        var next = await workers.HashAsync(temp.File("present.bin", [1, 2, 3]), CancellationToken.None);
        Assert.That(next.Bytes, Is.EqualTo(3), "the thread goes on after a failed hash");
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task HashAsync_CancelledWhileQueuedBehindABusyThread_EndsAtOnce_AndTheThreadGoesOnOnceFree(CancellationToken testToken)
    {
        Assume.That(OperatingSystem.IsLinux(), "mkfifo");
        using var temp = new TempRoot();
        var fifo = temp.Combine("held.fifo");
        await ChildProcess.RunCheckedAsync("mkfifo", [fifo]);
        var queued = temp.File("queued.bin", Some.Bytes(4096, seed: 3));
        using var workers = new HashWorkers(1);
        using var stop = new CancellationTokenSource();

        var busy = workers.HashAsync(fifo, CancellationToken.None); // the one thread blocks opening the FIFO
        try
        {
            var waiting = workers.HashAsync(queued, stop.Token);
            await stop.CancelAsync();

            // Cancelled by its own token, not by the test's time limit: it did not wait for the held thread.
            var cancelled = await Assert.CatchAsync<OperationCanceledException>(async () => await waiting.WaitAsync(testToken));
            Assert.That(cancelled!.CancellationToken, Is.EqualTo(stop.Token));
            Assert.That(busy.IsCompleted, Is.False, "the thread is still held by the FIFO, so the queued hash was not waited for");
        }
        finally
        {
            // Opening the FIFO for writing, then closing it, releases the held thread (verify never opens a FIFO; only
            // that the thread is free again matters here), so disposing the workers never hangs.
            using (new FileStream(fifo, FileMode.Open, FileAccess.Write))
            {
            }
        }

        await ((Task)busy).WaitAsync(testToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        var after = await workers.HashAsync(queued, CancellationToken.None).WaitAsync(testToken);
        Assert.That(after.Bytes, Is.EqualTo(4096), "the thread takes the next hash once it is free");
    }
}
