using System.Text.Json.Nodes;
using RunArtifacts.Builder.Internal;
using RunArtifacts.Derivatives;
using RunArtifacts.IO.Internal;
using RunArtifacts.Records;

namespace RunArtifacts.Storage.Internal.Commit;

/// <summary>One run being committed, as the steps fill it in (each step reads what earlier steps left).</summary>
internal sealed class CommitWork
{
    /// <summary>The frozen draft (Freeze).</summary>
    public required RunDraft Draft { get; init; }

    /// <summary>The model key as it appears in the run id (Freeze).</summary>
    public required string ModelKeySlug { get; init; }

    /// <summary>The slug as it appears in the run id, if any (Freeze).</summary>
    public required string? Slug { get; init; }

    /// <summary>Warnings so far, as given (Freeze, Probe, Derive); WriteTexts redacts them into <see cref="Texts"/>.</summary>
    public required List<WarningRecord> Warnings { get; init; }

    /// <summary>The staged run folder (StageFiles).</summary>
    public string Directory { get; set; } = string.Empty;

    /// <summary>Inputs, copied and hashed (StageFiles), with facts (Probe).</summary>
    public List<StagedAsset> Inputs { get; set; } = [];

    /// <summary>Outputs, copied and hashed (StageFiles), with facts (Probe) and derivatives (Derive).</summary>
    public List<StagedAsset> Outputs { get; set; } = [];

    /// <summary>Versions reported by probers and generators (the first is recorded as the ffmpeg version).</summary>
    public List<string> ToolVersions { get; } = [];

    /// <summary>Every text of the run, redacted (WriteTexts).</summary>
    public RunTexts Texts { get; set; } = null!;

    /// <summary>Configuration, metrics, artifact files and captured environment of an experiment run (issue 14).</summary>
    public ExperimentWork Experiment { get; } = new();

    public IEnumerable<StagedAsset> Assets => Inputs.Concat(Outputs);

    public void AddToolVersion(string? version)
    {
        lock (ToolVersions)
        {
            if (version is not null && !ToolVersions.Contains(version))
            {
                ToolVersions.Add(version);
            }
        }
    }
}

/// <summary>A staged input or output, before and after derivatives.</summary>
internal sealed class StagedAsset
{
    public required PendingFile Source { get; init; }

    public required bool IsOutput { get; init; }

    public required string RelativePath { get; set; }

    public required CopyResult Copy { get; init; }

    public required string MimeType { get; init; }

    public required AssetKind Kind { get; init; }

    public MediaFacts? Facts { get; set; }

    public List<(GeneratedDerivative Generated, long Bytes, string? Sha256, string Generator)> Derivatives { get; } = [];

    public string Stem => Path.GetFileNameWithoutExtension(RelativePath);

    /// <summary>The original file name, redacted (WriteTexts).</summary>
    public string? OriginalFilename { get; set; }

    /// <summary>The source URL, redacted (WriteTexts).</summary>
    public string? SourceUrl { get; set; }

    /// <summary>The caller's metadata, redacted (WriteTexts).</summary>
    public JsonObject? Metadata { get; set; }

    /// <summary>The file as a derivative generator or prober sees it.</summary>
    public DerivativeSource ToSource(string dir) => new()
    {
        FullPath = Path.Combine(dir, RelativePath),
        RelativePath = RelativePath,
        Stem = Stem,
        MimeType = MimeType,
        Kind = Kind,
        Bytes = Copy.Bytes,
        Facts = Facts,
    };
}

/// <summary>Every text of the run as it reaches the disk, each one through the redactor (WriteTexts).</summary>
internal sealed class RunTexts
{
    public PromptRecord? Prompts { get; init; }

    public string? RequestPath { get; init; }

    public required List<CaptureRecord> Captures { get; init; }

    public required SortedDictionary<string, string> Logs { get; init; }

    public string? SubmitPayloadPath { get; init; }

    public string? SubmitResponsePath { get; init; }

    public required List<string> StatusPaths { get; init; }

    public required List<ErrorRecord> Errors { get; init; }

    public required List<WarningRecord> Warnings { get; init; }

    public string? Notes { get; init; }

    public SourceContextRecord? Source { get; init; }

    public JsonObject? Options { get; init; }

    public JsonObject? ProviderMetadata { get; init; }

    public required List<string> Tags { get; init; }

    public string? TaskId { get; init; }

    public required RedactionSummary Redaction { get; init; }

    /// <summary>External inputs and outputs, redacted (issue 13; <see cref="ExternalAssets"/>).</summary>
    public (List<ExternalAssetRecord>? Inputs, List<ExternalAssetRecord>? Outputs) External { get; init; }
}
