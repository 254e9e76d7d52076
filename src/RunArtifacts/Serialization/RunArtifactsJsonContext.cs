using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using RunArtifacts.Records;

namespace RunArtifacts.Serialization;

/// <summary>The one source-generated context every record is written and read through.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DictionaryKeyPolicy = JsonKnownNamingPolicy.Unspecified,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true,
    IndentSize = 2,
    AllowTrailingCommas = false,
    ReadCommentHandling = JsonCommentHandling.Disallow,
    Converters = [typeof(Rfc3339UtcConverter)])]
[JsonSerializable(typeof(RunRecord))]
[JsonSerializable(typeof(ManifestRecord))]
[JsonSerializable(typeof(IndexEntry))]
[JsonSerializable(typeof(ClipRecord))]
[JsonSerializable(typeof(ViewRecord))]
[JsonSerializable(typeof(Specs.RunSpec))]
[JsonSerializable(typeof(Reviews.ReviewEvent))]
[JsonSerializable(typeof(Export.ExportRunRecord))]
[JsonSerializable(typeof(Export.ExportAssetRecord))]
[JsonSerializable(typeof(Export.ExportManifestRecord))]
[JsonSerializable(typeof(MetricsRecord))]
[JsonSerializable(typeof(RunManifestRecord))]
[JsonSerializable(typeof(JsonNode))]
[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(string))]
internal sealed partial class RunArtifactsJsonContext : JsonSerializerContext
{
    private static RunArtifactsJsonContext? compact;

    /// <summary>The same context without indentation, for <c>index.jsonl</c> lines and <c>--json</c> output.</summary>
    public static RunArtifactsJsonContext Compact => compact ??= new RunArtifactsJsonContext(new JsonSerializerOptions(Default.Options) { WriteIndented = false });
}
