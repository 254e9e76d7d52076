using System.Collections.Concurrent;
using RunArtifacts.IO.Internal;

namespace RunArtifacts.Verification.Internal;

/// <summary>
/// The threads that hash a verification's large files: at most one per hashing slot
/// (<see cref="VerifyOptions.MaxParallelism"/>), each started by the first hash that needs it, all fed in order through
/// one queue. Not the thread pool: its threads (one per core) run the records' checks, and a hash queued behind them
/// started only when they ended, so the checks and the hashing ran one after the other instead of side by side. Not a
/// thread per file either: starting one costs about as much as hashing a megabyte or two, and a root of image runs
/// holds thousands of such files.
/// </summary>
internal sealed class HashWorkers : IDisposable
{
    private readonly BlockingCollection<Job> queue = new();
    private readonly List<Thread> threads = [];
    private readonly int count;

    /// <summary>Up to <paramref name="count"/> threads (at least one), each started with a hash: a verification without a large file starts none.</summary>
    public HashWorkers(int count) => this.count = Math.Max(1, count);

    /// <summary>
    /// The SHA-256 and length of a file, hashed on one of the threads when its turn comes. Cancelling the token ends a
    /// hash that has not started at once, and stops one under way within a piece.
    /// </summary>
    public Task<(long Bytes, string Sha256)> HashAsync(string path, CancellationToken cancellationToken)
    {
        var job = new Job(path, cancellationToken);
        lock (threads)
        {
            if (threads.Count < count)
            {
                var thread = new Thread(Work) { IsBackground = true, Name = "verify hash" };
                thread.Start();
                threads.Add(thread);
            }
        }

        queue.Add(job, CancellationToken.None);
        return job.Done;
    }

    /// <summary>Lets the threads finish the queue, then waits for them.</summary>
    public void Dispose()
    {
        queue.CompleteAdding();
        lock (threads)
        {
            foreach (var thread in threads)
            {
                thread.Join();
            }
        }

        queue.Dispose();
    }

    private void Work()
    {
        foreach (var job in queue.GetConsumingEnumerable())
        {
            job.Run();
        }
    }

    private sealed class Job
    {
        private readonly string path;
        private readonly CancellationToken cancellationToken;
        private readonly TaskCompletionSource<(long Bytes, string Sha256)> done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly CancellationTokenRegistration registration;

        public Job(string path, CancellationToken cancellationToken)
        {
            this.path = path;
            this.cancellationToken = cancellationToken;
            registration = cancellationToken.Register(static state => ((Job)state!).Cancel(), this);
        }

        public Task<(long Bytes, string Sha256)> Done => done.Task;

        public void Run()
        {
            try
            {
                if (!done.Task.IsCompleted)
                {
                    done.TrySetResult(FileCopier.HashFile(path, cancellationToken));
                }
            }
            catch (OperationCanceledException)
            {
                Cancel();
            }
            catch (Exception ex)
            {
                done.TrySetException(ex);
            }
            finally
            {
                registration.Dispose();
            }
        }

        private void Cancel() => done.TrySetCanceled(cancellationToken);
    }
}
