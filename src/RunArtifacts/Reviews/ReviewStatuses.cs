using RunArtifacts.Records;

namespace RunArtifacts.Reviews;

/// <summary>Proof semantics of review statuses, and their names.</summary>
public static class ReviewStatuses
{
    /// <summary>
    /// Whether a status counts as accepted proof: only <see cref="ReviewStatus.Approved"/> does; <c>draft</c> and
    /// <c>needs-review</c> are visible but not proof; <c>rejected</c>, <c>archived</c> and <c>superseded</c> never count.
    /// </summary>
    /// <param name="status">The status.</param>
    /// <returns>True for approved only.</returns>
    public static bool IsAcceptedProof(ReviewStatus status) => status == ReviewStatus.Approved;

    /// <summary>The name a status is written under (<c>needs-review</c>).</summary>
    /// <param name="status">The status.</param>
    /// <returns>The kebab-case name.</returns>
    public static string Name(ReviewStatus status) => status switch
    {
        ReviewStatus.Draft => "draft",
        ReviewStatus.NeedsReview => "needs-review",
        ReviewStatus.Approved => "approved",
        ReviewStatus.Rejected => "rejected",
        ReviewStatus.Archived => "archived",
        ReviewStatus.Superseded => "superseded",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown review status."),
    };

    /// <summary>Reads a status name (<c>needs-review</c>; case and <c>_</c> for <c>-</c> are forgiven).</summary>
    /// <param name="name">The name.</param>
    /// <param name="status">The status, when the name is known.</param>
    /// <returns>Whether the name is known.</returns>
    public static bool TryParse(string? name, out ReviewStatus status)
    {
        var n = name?.Trim().ToLowerInvariant().Replace('_', '-');
        foreach (var s in Enum.GetValues<ReviewStatus>())
        {
            if (Name(s) == n)
            {
                status = s;
                return true;
            }
        }

        status = default;
        return false;
    }
}
