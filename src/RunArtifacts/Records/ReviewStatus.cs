using System.Text.Json.Serialization;

namespace RunArtifacts.Records;

/// <summary>
/// The review status of a run or one of its outputs. Only <see cref="Approved"/> counts as accepted proof;
/// <see cref="Draft"/> and <see cref="NeedsReview"/> are visible but not proof; <see cref="Rejected"/>,
/// <see cref="Archived"/> and <see cref="Superseded"/> never count.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReviewStatus>))]
public enum ReviewStatus
{
    /// <summary>Work in progress (the default initial status).</summary>
    [JsonStringEnumMemberName("draft")]
    Draft,

    /// <summary>Waiting for a person to review it (typical for generator output).</summary>
    [JsonStringEnumMemberName("needs-review")]
    NeedsReview,

    /// <summary>Reviewed and accepted: the only status that counts as proof.</summary>
    [JsonStringEnumMemberName("approved")]
    Approved,

    /// <summary>Reviewed and refused.</summary>
    [JsonStringEnumMemberName("rejected")]
    Rejected,

    /// <summary>Kept for the record, no longer in use.</summary>
    [JsonStringEnumMemberName("archived")]
    Archived,

    /// <summary>Replaced by something newer.</summary>
    [JsonStringEnumMemberName("superseded")]
    Superseded,
}
