using System.Text.Json.Serialization;
using RunArtifacts.Records;

namespace RunArtifacts.Cli.Gallery;

/// <summary>
/// The part of <c>run.json</c> the gallery shows. Read through its own small context so the rest of the record
/// (options, redaction accounting, captures, environment, trace metadata) is skipped instead of materialised: at
/// 10,000 runs that is the largest share of the gallery's time.
/// </summary>
internal sealed record GalleryRun
{
    public string? ProviderModel { get; init; }

    public GalleryPrompts? Prompts { get; init; }

    public IReadOnlyList<AssetRecord> Inputs { get; init; } = [];

    public IReadOnlyList<AssetRecord> Outputs { get; init; } = [];

    public string? RequestPath { get; init; }

    public IReadOnlyDictionary<string, string> Logs { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<WarningRecord> Warnings { get; init; } = [];

    public IReadOnlyList<ErrorRecord> Errors { get; init; } = [];

    public string ManifestPath { get; init; } = "manifest.json";

    public string NotesPath { get; init; } = "notes.md";
}

/// <summary>The prompts as the gallery shows them.</summary>
internal sealed record GalleryPrompts
{
    public string? Raw { get; init; }

    public string? Enhanced { get; init; }

    public string? RawPath { get; init; }

    public string? EnhancedPath { get; init; }
}

/// <summary>Source-generated reader for <see cref="GalleryRun"/> (same naming as the library's records).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DictionaryKeyPolicy = JsonKnownNamingPolicy.Unspecified)]
[JsonSerializable(typeof(GalleryRun))]
internal sealed partial class GalleryJsonContext : JsonSerializerContext;
