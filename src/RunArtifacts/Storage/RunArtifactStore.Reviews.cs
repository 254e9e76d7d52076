using RunArtifacts.Internal;
using RunArtifacts.Records;
using RunArtifacts.Redaction.Internal;
using RunArtifacts.Reviews;
using RunArtifacts.Reviews.Internal;

namespace RunArtifacts.Storage;

/// <summary>
/// Reviews (issue 13): decisions appended to the root's hash-chained <c>reviews.jsonl</c>, the current status of each
/// target as the fold of its events over the initial status recorded in <c>run.json</c>, and proof semantics (only
/// <c>approved</c> is accepted proof).
/// </summary>
public sealed partial class RunArtifactStore
{
    private ReviewsFile? reviews;

    /// <summary>Absolute path of <c>reviews.jsonl</c>.</summary>
    public string ReviewsPath => Reviews.PathName;

    internal ReviewsFile Reviews => LazyInitializer.EnsureInitialized(ref reviews, () => new ReviewsFile(RootPath, Index));

    /// <summary>
    /// Records a review decision: one line appended to <c>reviews.jsonl</c> under the root's lock and flushed, chained to
    /// the line before it, naming the target's previous event as the one it supersedes. The reviewer and note are redacted.
    /// </summary>
    /// <param name="runId">The run.</param>
    /// <param name="target">The run itself, an output (by path or external asset id), or an output's SHA-256.</param>
    /// <param name="status">The status decided.</param>
    /// <param name="reviewer">Who decided.</param>
    /// <param name="note">Why, if said.</param>
    /// <param name="cancellationToken">Cancels the wait for the lock.</param>
    /// <returns>The event written.</returns>
    /// <exception cref="ArtifactValidationException">The run does not exist, or the target is not one of its outputs.</exception>
    public async Task<ReviewEvent> ReviewAsync(string runId, ReviewTarget target, ReviewStatus status, string reviewer, string? note = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        ArgumentNullException.ThrowIfNull(target);
        Guard.NotBlank(reviewer, nameof(reviewer));
        if (!Enum.IsDefined(status))
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown review status.");
        }

        var run = await ReadRunRecordAsync(runId, cancellationToken).ConfigureAwait(false)
            ?? throw new ArtifactValidationException($"No run '{Guard.Printable(runId)}' under the root; a review must name a committed run.");
        if (!ReviewFold.TargetsOf(run).Any(t => ReviewFold.Matches(t, target)) && target.Kind != ReviewTargetKind.Run)
        {
            throw new ArtifactValidationException($"Run '{run.RunId}' has no output {target}; name a file output by its path (original/output_01.png), an external output by its asset id (ext_output_01), or an output's sha256.");
        }

        var ledger = new RedactionLedger();
        var cleanReviewer = Redactor.RedactText(reviewer.Trim(), ReviewsFile.FileName, ledger);
        var cleanNote = note is null ? null : Redactor.RedactText(note.Length > 4000 ? note[..4000] + "…" : note, ReviewsFile.FileName, ledger);
        var time = TimeProvider.GetUtcNow();
        return await Reviews.AppendAsync(
            (prev, supersedes) => new ReviewEvent
            {
                EventId = "rev_" + Guid.CreateVersion7(time).ToString("N"),
                RunId = run.RunId,
                Target = target,
                Status = status,
                Reviewer = cleanReviewer,
                Time = time,
                Note = cleanNote,
                Supersedes = supersedes,
                PrevSha256 = prev,
            },
            run.RunId,
            target,
            Options.FlushToDisk,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads review events from <c>reviews.jsonl</c>, oldest first; lines that do not parse are skipped (verify reports them).</summary>
    /// <param name="runId">Only this run's events; every event when null.</param>
    /// <returns>The events.</returns>
    public IReadOnlyList<ReviewEvent> ReadReviews(string? runId = null) => [.. Reviews.ReadAll(runId)];

    /// <summary>
    /// The current review status of the run and of each of its outputs (file and external): the fold of their events (the
    /// latest wins; an event by SHA-256 applies to every output with that hash) over the initial status in <c>run.json</c>
    /// (<c>draft</c> when none). Events are read through the catalog when it is usable, else from <c>reviews.jsonl</c>.
    /// </summary>
    /// <param name="runId">The run.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The run's state first, then one per output in record order; empty when there is no such run.</returns>
    public async Task<IReadOnlyList<ReviewState>> GetReviewStatesAsync(string runId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        var run = await ReadRunRecordAsync(runId, cancellationToken).ConfigureAwait(false);
        if (run is null)
        {
            return [];
        }

        IReadOnlyList<ReviewEvent> events;
        try
        {
            events = await Catalog.QueryAsync(c => c.ReviewEvents(run.RunId, ReviewsPath), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or IOException or TimeoutException)
        {
            events = ReadReviews(run.RunId);
        }

        return ReviewFold.Fold(run, events);
    }

    /// <summary>The current review status of one target of a run (for a SHA-256 naming several outputs, the best of them).</summary>
    /// <param name="runId">The run.</param>
    /// <param name="target">The target.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The status, or null when the run or the target does not exist.</returns>
    public async Task<ReviewStatus?> GetReviewStatusAsync(string runId, ReviewTarget target, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        var matching = (await GetReviewStatesAsync(runId, cancellationToken).ConfigureAwait(false)).Where(s => ReviewFold.Matches(s, target)).ToList();
        return matching.Count == 0 ? null : matching.Any(s => s.IsAcceptedProof) ? ReviewStatus.Approved : matching[0].Status;
    }

    /// <summary>Whether there is accepted proof for a run: the run itself or any of its outputs (file or external) is <c>approved</c>.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>True when something of the run is approved; false for an unknown run.</returns>
    public async Task<bool> HasAcceptedProofAsync(string runId, CancellationToken cancellationToken = default)
        => (await GetReviewStatesAsync(runId, cancellationToken).ConfigureAwait(false)).Any(s => s.IsAcceptedProof);

    /// <summary>Whether one target of a run is accepted proof (its current status is <c>approved</c>).</summary>
    /// <param name="runId">The run.</param>
    /// <param name="target">The target.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>True when the target is approved; false when it is not, or does not exist.</returns>
    public async Task<bool> HasAcceptedProofAsync(string runId, ReviewTarget target, CancellationToken cancellationToken = default)
        => await GetReviewStatusAsync(runId, target, cancellationToken).ConfigureAwait(false) == ReviewStatus.Approved;

    private async Task<RunRecord?> ReadRunRecordAsync(string runId, CancellationToken cancellationToken)
    {
        var folder = FindRunFolder(runId.Trim());
        if (folder is null)
        {
            return null;
        }

        return await Records.Internal.RecordReader.ReadFileAsync(Path.Combine(folder, "run.json"), Schemas.RecordKind.Run, Serialization.RunArtifactsJsonContext.Default.RunRecord, cancellationToken).ConfigureAwait(false);
    }
}
