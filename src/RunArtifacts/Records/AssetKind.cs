using System.Text.Json.Serialization;

namespace RunArtifacts.Records;

/// <summary>The broad kind of media an asset holds.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AssetKind>))]
public enum AssetKind
{
    /// <summary>A still image (PNG, JPEG, WebP, GIF, …).</summary>
    [JsonStringEnumMemberName("image")]
    Image,

    /// <summary>A video (MP4, WebM, MOV, …).</summary>
    [JsonStringEnumMemberName("video")]
    Video,

    /// <summary>Audio only.</summary>
    [JsonStringEnumMemberName("audio")]
    Audio,

    /// <summary>Text or structured text (TXT, JSON, …).</summary>
    [JsonStringEnumMemberName("text")]
    Text,

    /// <summary>Anything else.</summary>
    [JsonStringEnumMemberName("other")]
    Other,
}
