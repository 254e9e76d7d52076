using RunArtifacts.Records;

namespace RunArtifacts.Reviews;

/// <summary>Folds review events into the current status of each target of a run (what the store's review API answers from).</summary>
public static class ReviewFold
{
    /// <summary>
    /// The current review status of the run and of each output: the initial statuses recorded in the run record
    /// (<c>draft</c> when none), then each event of the run in file order (the latest wins; an event by SHA-256 applies to
    /// every output with that hash).
    /// </summary>
    /// <param name="run">The run record.</param>
    /// <param name="events">The run's events, oldest first (events of other runs are ignored).</param>
    /// <returns>The run's state first, then one per file output, then one per external output.</returns>
    public static IReadOnlyList<ReviewState> Fold(RunRecord run, IEnumerable<ReviewEvent> events)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(events);
        var states = TargetsOf(run).ToList();
        foreach (var e in events.Where(e => e.RunId == run.RunId))
        {
            for (var i = 0; i < states.Count; i++)
            {
                if (Matches(states[i], e.Target))
                {
                    states[i] = states[i] with { Status = e.Status, LastEvent = e };
                }
            }
        }

        return states;
    }

    /// <summary>The run and each output, at their initial status.</summary>
    internal static IEnumerable<ReviewState> TargetsOf(RunRecord run)
    {
        yield return new ReviewState { RunId = run.RunId, Target = ReviewTarget.ForRun, Status = ReviewStatus.Draft };
        foreach (var o in run.Outputs)
        {
            yield return new ReviewState { RunId = run.RunId, Target = ReviewTarget.Output(o.RelativePath), Sha256 = o.Sha256, Status = o.ReviewStatus ?? ReviewStatus.Draft };
        }

        foreach (var x in run.ExternalOutputs ?? [])
        {
            yield return new ReviewState { RunId = run.RunId, Target = ReviewTarget.Output(x.AssetId), Sha256 = x.Sha256, Status = x.ReviewStatus ?? ReviewStatus.Draft };
        }
    }

    internal static bool Matches(ReviewState state, ReviewTarget target) => target.Kind switch
    {
        ReviewTargetKind.Run => state.Target.Kind == ReviewTargetKind.Run,
        ReviewTargetKind.Output => state.Target.Kind == ReviewTargetKind.Output && state.Target.Path == target.Path,
        _ => state.Target.Kind == ReviewTargetKind.Output && state.Sha256 is not null && state.Sha256 == target.Sha256,
    };
}
