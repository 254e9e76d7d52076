using System.Text.Json.Serialization;

namespace RunArtifacts.Records;

/// <summary>The outcome of a run.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RunStatus>))]
public enum RunStatus
{
    /// <summary>The run produced its outputs.</summary>
    [JsonStringEnumMemberName("succeeded")]
    Succeeded,

    /// <summary>The run failed; its errors say why.</summary>
    [JsonStringEnumMemberName("failed")]
    Failed,

    /// <summary>The run was cancelled before it finished.</summary>
    [JsonStringEnumMemberName("cancelled")]
    Cancelled,
}
