using System.Text.Json.Serialization;

namespace RunArtifacts.Records;

/// <summary>How an external asset came to be recorded.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AssetSourceType>))]
public enum AssetSourceType
{
    /// <summary>A person registered a link (the default).</summary>
    [JsonStringEnumMemberName("manual-link")]
    ManualLink,

    /// <summary>A person uploaded the file to its storage and registered it.</summary>
    [JsonStringEnumMemberName("manual-upload")]
    ManualUpload,

    /// <summary>A generator (a model, an assistant, a pipeline step) produced it.</summary>
    [JsonStringEnumMemberName("generator-output")]
    GeneratorOutput,

    /// <summary>Imported from another system.</summary>
    [JsonStringEnumMemberName("import")]
    Import,

    /// <summary>Carried over by a data migration.</summary>
    [JsonStringEnumMemberName("migration")]
    Migration,

    /// <summary>Recorded by the system itself.</summary>
    [JsonStringEnumMemberName("system")]
    System,
}
