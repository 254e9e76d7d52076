using System.Text.Json.Serialization;

namespace RunArtifacts.Records;

/// <summary>What a derivative is for.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DerivativeKind>))]
public enum DerivativeKind
{
    /// <summary>A browsing-size copy (web image or web video), kept in <c>web/</c>.</summary>
    [JsonStringEnumMemberName("web")]
    Web,

    /// <summary>A small preview, kept in <c>thumb/</c>.</summary>
    [JsonStringEnumMemberName("thumb")]
    Thumb,

    /// <summary>A still frame of a video, kept in <c>thumb/</c>.</summary>
    [JsonStringEnumMemberName("poster")]
    Poster,
}
