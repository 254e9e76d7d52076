using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using RunArtifacts.Index.Internal;
using RunArtifacts.Storage;
using RunArtifacts.Verification.Internal;

namespace RunArtifacts.Verification;

/// <summary>
/// Checks run bundles after the fact. For each run: every record validates against its JSON Schema; every file a
/// record names exists with the recorded size and SHA-256; no file is unaccounted for; every recorded path is relative
/// and stays inside the run; the join keys agree (view → clip → run); the manifest is what the run record derives; the
/// run's <c>index.jsonl</c> line agrees with the manifest; and no secret pattern appears in any text file.
/// </summary>
/// <remarks>
/// Runs are checked in parallel and streamed back in order, so a root of thousands of runs is verified in bounded
/// memory. Problems are results, not exceptions: a broken bundle never throws.
/// </remarks>
public sealed class RunVerifier
{
    private readonly RunArtifactStore store;
    private readonly VerifyOptions options;

    /// <summary>Creates a verifier over a store's root, using its redaction rules for the secret scan.</summary>
    /// <param name="store">The store whose runs are verified.</param>
    /// <param name="options">How to verify; the defaults when null.</param>
    public RunVerifier(RunArtifactStore store, VerifyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        this.store = store;
        this.options = options ?? new VerifyOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(this.options.MaxParallelism, 1, nameof(options));
    }

    /// <summary>Verifies runs and collects every problem.</summary>
    /// <param name="runIds">Run ids (or <c>DATE/RUN_ID</c> paths) to verify; every run under the root when null or empty.</param>
    /// <param name="progress">Where to report progress, if anywhere.</param>
    /// <param name="cancellationToken">Cancels the verification.</param>
    /// <returns>The report.</returns>
    public async Task<VerificationReport> VerifyAsync(IEnumerable<string>? runIds = null, IProgress<VerifyProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var watch = Stopwatch.StartNew();
        var problems = new List<VerificationProblem>();
        var warnings = new List<VerificationProblem>();
        int runs = 0, failed = 0;
        long files = 0, bytes = 0;
        await foreach (var result in VerifyRunsAsync(runIds, progress, cancellationToken).ConfigureAwait(false))
        {
            runs++;
            failed += result.Passed ? 0 : 1;
            files += result.FilesHashed;
            bytes += result.BytesHashed;
            problems.AddRange(result.Problems);
            warnings.AddRange(result.Warnings);
        }

        if (runIds is null || !runIds.Any(id => !string.IsNullOrWhiteSpace(id)))
        {
            problems.AddRange(await VerifyReviewsAsync(cancellationToken).ConfigureAwait(false));
        }

        return new VerificationReport { RunsVerified = runs, RunsFailed = failed, Problems = problems, Warnings = warnings, FilesHashed = files, BytesHashed = bytes, Elapsed = watch.Elapsed };
    }

    /// <summary>
    /// Checks the root's <c>reviews.jsonl</c>: every line parses and validates, carries the SHA-256 of the line before it
    /// (an edited, removed or inserted line is reported where the chain breaks), has a unique event id, and names a run
    /// and an output that exist. <see cref="VerifyAsync"/> includes this when it verifies the whole root.
    /// </summary>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>Every problem found (check <see cref="VerificationChecks.Review"/>); empty when the file is sound or absent.</returns>
    public Task<IReadOnlyList<VerificationProblem>> VerifyReviewsAsync(CancellationToken cancellationToken = default)
        => Task.Run<IReadOnlyList<VerificationProblem>>(() => ReviewChecker.Check(store, cancellationToken), cancellationToken);

    /// <summary>Verifies runs and streams one result per run, in run order, as soon as it is known.</summary>
    /// <param name="runIds">Run ids (or <c>DATE/RUN_ID</c> paths) to verify; every run under the root when null or empty. An id with no folder gets a result with a <see cref="VerificationChecks.Missing"/> problem.</param>
    /// <param name="progress">Where to report progress, if anywhere.</param>
    /// <param name="cancellationToken">Cancels the verification.</param>
    /// <returns>One result per run.</returns>
    public async IAsyncEnumerable<RunVerificationResult> VerifyRunsAsync(IEnumerable<string>? runIds = null, IProgress<VerifyProgress>? progress = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var targets = ResolveTargets(runIds);
        var index = options.CheckIndex ? await ReadIndexAsync(cancellationToken).ConfigureAwait(false) : null;
        var parallelism = Math.Max(1, options.MaxParallelism);
        using var hashWorkers = new HashWorkers(parallelism);
        using var runGate = new SemaphoreSlim(parallelism);
        var checker = new RunChecker(store.Redactor, options, hashWorkers);
        long hashed = 0;
        void OnBytes(long n) => Interlocked.Add(ref hashed, n);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var channel = Channel.CreateBounded<Task<RunVerificationResult>>(new BoundedChannelOptions(parallelism * 2) { SingleReader = true, SingleWriter = true });
        var producer = Task.Run(
            async () =>
            {
                try
                {
                    foreach (var target in targets)
                    {
                        await runGate.WaitAsync(stop.Token).ConfigureAwait(false);
                        var task = Task.Run(
                            async () =>
                            {
                                try
                                {
                                    return await CheckTargetAsync(checker, target, index, OnBytes, stop.Token).ConfigureAwait(false);
                                }
                                finally
                                {
                                    runGate.Release();
                                }
                            },
                            CancellationToken.None); // always runs, so its slot is always released (the check itself observes stop.Token)
                        await channel.Writer.WriteAsync(task, stop.Token).ConfigureAwait(false);
                    }

                    channel.Writer.Complete();
                }
                catch (Exception ex)
                {
                    channel.Writer.Complete(ex);
                }
            },
            CancellationToken.None);

        var done = 0;
        var failed = 0;
        try
        {
            await foreach (var task in channel.Reader.ReadAllAsync(stop.Token).ConfigureAwait(false))
            {
                var result = await task.ConfigureAwait(false);
                done++;
                failed += result.Passed ? 0 : 1;
                progress?.Report(new VerifyProgress(done, targets.Count, Interlocked.Read(ref hashed), failed));
                yield return result;
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            try
            {
                await producer.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The consumer stopped early.
            }

            // Every started check holds a slot until it ends: taking them all waits for the stragglers, so nothing
            // outlives the gates (the consumer may have stopped early or failed).
            for (var i = 0; i < parallelism; i++)
            {
                await runGate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Verifies one run folder. Its index line is checked when the folder is a run of this store's root.</summary>
    /// <param name="runDirectory">The run folder.</param>
    /// <param name="cancellationToken">Cancels the verification.</param>
    /// <returns>The result.</returns>
    public async Task<RunVerificationResult> VerifyRunAsync(string runDirectory, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runDirectory);
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(runDirectory));
        var index = options.CheckIndex && IsUnderRoot(full) ? await ReadIndexAsync(cancellationToken).ConfigureAwait(false) : null;
        using var hashWorkers = new HashWorkers(options.MaxParallelism);
        var checker = new RunChecker(store.Redactor, options, hashWorkers);
        return await CheckTargetAsync(checker, new Target(full, RelativeToRoot(full), Found: Directory.Exists(full)), index, _ => { }, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<RunVerificationResult> CheckTargetAsync(RunChecker checker, Target target, Dictionary<string, List<IndexLine>>? index, Action<long> onBytes, CancellationToken cancellationToken)
    {
        var runId = Path.GetFileName(target.FullPath);
        if (!target.Found)
        {
            return new RunVerificationResult
            {
                RunId = runId,
                RunPath = target.RunPath,
                Problems = [new VerificationProblem(runId, ".", VerificationChecks.Missing, $"no run folder '{target.RunPath}' under the root")],
            };
        }

        IReadOnlyList<IndexLine>? lines = index is null ? null : index.TryGetValue(runId, out var found) ? found : [];
        return await checker.CheckAsync(target.FullPath, target.RunPath, lines, onBytes, cancellationToken).ConfigureAwait(false);
    }

    private List<Target> ResolveTargets(IEnumerable<string>? runIds)
    {
        var ids = runIds?.Where(id => !string.IsNullOrWhiteSpace(id)).ToList();
        if (ids is null || ids.Count == 0)
        {
            return store.EnumerateRunFolders().Select(dir => new Target(dir, RelativeToRoot(dir), Found: true)).ToList();
        }

        var targets = new List<Target>(ids.Count);
        foreach (var id in ids)
        {
            targets.Add(Locate(id.Trim().Trim('/')));
        }

        return targets;
    }

    /// <summary>Finds a run folder from its id (its date folder is the id's date) or its <c>DATE/RUN_ID</c> path.</summary>
    private Target Locate(string id)
    {
        if (id.Contains('/', StringComparison.Ordinal) || id.Contains('\\', StringComparison.Ordinal))
        {
            var parts = id.Replace('\\', '/').Split('/');
            var safe = parts.Length == 2 && RunArtifactStore.IsRunParentFolder(parts[0]) && parts[1].Length > 0 && parts[1] is not ("." or "..");
            var path = safe ? Path.Combine(store.RootPath, parts[0], parts[1]) : Path.Combine(store.RootPath, "?");
            return new Target(path, id, Found: safe && Directory.Exists(path));
        }

        var match = store.FindRunFolder(id);
        return match is null ? new Target(Path.Combine(store.RootPath, id), id, Found: false) : new Target(match, RelativeToRoot(match), Found: true);
    }

    private Task<Dictionary<string, List<IndexLine>>> ReadIndexAsync(CancellationToken cancellationToken)
        => Task.Run(
            () =>
            {
                var lines = new Dictionary<string, List<IndexLine>>(StringComparer.Ordinal);
                foreach (var line in IndexLines.Forward(store.IndexPath))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (IndexLines.RunIdOf(line.Text) is { } runId)
                    {
                        if (!lines.TryGetValue(runId, out var list))
                        {
                            lines[runId] = list = [];
                        }

                        list.Add(line);
                    }
                }

                return lines;
            },
            cancellationToken);

    private bool IsUnderRoot(string full)
        => full.StartsWith(Path.TrimEndingDirectorySeparator(store.RootPath) + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private string RelativeToRoot(string full) => Path.GetRelativePath(store.RootPath, full).Replace('\\', '/');

    private sealed record Target(string FullPath, string RunPath, bool Found);
}
