namespace RunArtifacts.Schemas;

/// <summary>The kinds of record a run bundle holds, each with its own JSON Schema.</summary>
public enum RecordKind
{
    /// <summary><c>run.json</c>: the full record of one run.</summary>
    Run,

    /// <summary><c>manifest.json</c>: the browsing summary of one run.</summary>
    Manifest,

    /// <summary>One line of <c>index.jsonl</c>.</summary>
    IndexEntry,

    /// <summary><c>&lt;output&gt;.clip.json</c>: the sidecar of one original output.</summary>
    Clip,

    /// <summary><c>&lt;derivative&gt;.view.json</c>: the sidecar of one derivative.</summary>
    View,

    /// <summary>A run spec: one run described as data, the input of <c>artifacts commit --spec</c> (<see cref="Specs.RunSpec"/>).</summary>
    RunSpec,

    /// <summary>One line of <c>reviews.jsonl</c>: a review event (<see cref="Reviews.ReviewEvent"/>).</summary>
    ReviewEvent,

    /// <summary>One line of an export's <c>runs.jsonl</c> (<see cref="Export.ExportRunRecord"/>).</summary>
    ExportRun,

    /// <summary>One line of an export's <c>assets.jsonl</c> (<see cref="Export.ExportAssetRecord"/>).</summary>
    ExportAsset,

    /// <summary>An export's <c>manifest.json</c> (<see cref="Export.ExportManifestRecord"/>).</summary>
    ExportManifest,
    /// <summary><c>metrics.json</c>: scalar metrics and metric series of an experiment run (since 1.1.0).</summary>
    Metrics,

    /// <summary><c>run_manifest.json</c>: git state, package versions, host and caller entries of an experiment run (since 1.1.0).</summary>
    RunManifest,
}
