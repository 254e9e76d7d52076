namespace RunArtifacts.IO.Internal;

/// <summary>What the copier's paths share (<see cref="FileCopier"/>, <see cref="CopyRing"/>, <see cref="KernelCopy"/>).</summary>
internal static class CopyStages
{
    /// <summary>The first bytes of a copy kept for its media type (<see cref="CopyResult.Head"/>).</summary>
    public const int HeadSize = 64;

    /// <summary>Runs a stage on a thread of its own (each stage blocks in the kernel), never on the thread pool.</summary>
    public static Task Dedicated(Action stage)
        => Task.Factory.StartNew(stage, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>Keeps the first failure (a later one is usually the stop it caused) and stops the other stages.</summary>
    public static void Fail(ref Exception? failure, Exception ex, CancellationTokenSource stop)
    {
        Interlocked.CompareExchange(ref failure, ex, null);
        try
        {
            stop.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already over.
        }
    }
}
