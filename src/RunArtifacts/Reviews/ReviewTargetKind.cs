using System.Text.Json.Serialization;

namespace RunArtifacts.Reviews;

/// <summary>What a review event is about.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReviewTargetKind>))]
public enum ReviewTargetKind
{
    /// <summary>The run as a whole.</summary>
    [JsonStringEnumMemberName("run")]
    Run,

    /// <summary>One output: a file output by its path relative to the run folder, or an external output by its asset id.</summary>
    [JsonStringEnumMemberName("output")]
    Output,

    /// <summary>The run's output(s) with this content hash.</summary>
    [JsonStringEnumMemberName("sha256")]
    Sha256,
}
