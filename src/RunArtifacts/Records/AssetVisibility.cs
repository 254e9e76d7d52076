using System.Text.Json.Serialization;

namespace RunArtifacts.Records;

/// <summary>Who may see an external asset (its data class).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AssetVisibility>))]
public enum AssetVisibility
{
    /// <summary>Published: anyone may see it.</summary>
    [JsonStringEnumMemberName("public")]
    Public,

    /// <summary>The organisation's own people (the default).</summary>
    [JsonStringEnumMemberName("internal")]
    Internal,

    /// <summary>Named people only.</summary>
    [JsonStringEnumMemberName("private")]
    Private,

    /// <summary>Personal, financial or otherwise sensitive data.</summary>
    [JsonStringEnumMemberName("sensitive")]
    Sensitive,
}
