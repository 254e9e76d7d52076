namespace RunArtifacts.Verification.Internal;

/// <summary>
/// The large files of one run folder, hashed from the start of its check by the verification's <see cref="HashWorkers"/>,
/// beside the records' checks (CPU work: parsing and schemas; under the JIT a first run's checks are mostly compilation)
/// instead of after them. The workers are shared by the runs verified at once. When the records have said which files
/// carry a hash, the hashes of the others (a store that does not hash, a file no record names) are stopped.
/// Disposing stops and awaits whatever still runs: no hash outlives its run's check.
/// </summary>
internal sealed class LargeFileHashes(HashWorkers workers, Action<long> onBytes, CancellationToken cancellationToken) : IAsyncDisposable
{
    private readonly Dictionary<string, (Task<(long Bytes, string Sha256)> Hash, CancellationTokenSource Stop)> started = new(StringComparer.Ordinal);

    /// <summary>Starts hashing every file of <paramref name="files"/> (relative to <paramref name="directory"/>).</summary>
    public void Start(string directory, IEnumerable<string> files)
    {
        foreach (var relative in files)
        {
            Add(relative, Path.Combine(directory, relative));
        }
    }

    /// <summary>Whether <paramref name="relative"/> is being hashed.</summary>
    public bool Contains(string relative) => started.ContainsKey(relative);

    /// <summary>Stops every hash but those of <paramref name="wanted"/>.</summary>
    public void KeepOnly(IReadOnlySet<string> wanted)
    {
        foreach (var (relative, (_, stop)) in started)
        {
            if (!wanted.Contains(relative))
            {
                stop.Cancel();
            }
        }
    }

    /// <summary>The hash of a file: the one started for it, or one started now (a file that appeared since the listing).</summary>
    public Task<(long Bytes, string Sha256)> GetAsync(string relative, string full)
        => (started.TryGetValue(relative, out var entry) ? entry : Add(relative, full)).Hash;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var (hash, stop) in started.Values)
        {
            if (!hash.IsCompleted)
            {
                await stop.CancelAsync().ConfigureAwait(false);
            }
        }

        await ((Task)Task.WhenAll(started.Values.Select(e => e.Hash))).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        foreach (var (_, stop) in started.Values)
        {
            stop.Dispose();
        }
    }

    private (Task<(long Bytes, string Sha256)> Hash, CancellationTokenSource Stop) Add(string relative, string full)
    {
        var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        return started[relative] = (HashAsync(full, stop.Token), stop);
    }

    private async Task<(long Bytes, string Sha256)> HashAsync(string full, CancellationToken token)
    {
        var hashed = await workers.HashAsync(full, token).ConfigureAwait(false);
        onBytes(hashed.Bytes);
        return hashed;
    }
}
