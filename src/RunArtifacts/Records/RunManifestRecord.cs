using System.Text.Json.Serialization;

namespace RunArtifacts.Records;

/// <summary>
/// <c>run_manifest.json</c> (schema <c>run-manifest</c> v1): what is needed to reproduce an experiment run, with the
/// fields of the ML runs specification (<c>schema_version</c>, <c>project_name</c>, <c>git_hash</c>,
/// <c>package_versions</c>, optionally CUDA, framework and device facts) plus the git state, the host and caller entries.
/// Every text in it passed the redactor.
/// </summary>
public sealed record RunManifestRecord
{
    /// <summary>The schema's <c>$id</c>.</summary>
    [JsonPropertyName("$schema")]
    [JsonPropertyOrder(-10)]
    public string Schema { get; init; } = SchemaIds.RunManifest;

    /// <summary>Semantic version of the schema this record follows.</summary>
    [JsonPropertyOrder(-9)]
    public string SchemaVersion { get; init; } = SchemaIds.Version;

    /// <summary>The project the run belongs to, when given.</summary>
    public string? ProjectName { get; init; }

    /// <summary>The git commit of the captured working tree (40 hex digits), when captured.</summary>
    public string? GitHash { get; init; }

    /// <summary>The git state of the captured working tree, when captured.</summary>
    public GitRecord? Git { get; init; }

    /// <summary>Package versions of the running application (from its <c>.deps.json</c>), by package name.</summary>
    public IReadOnlyDictionary<string, string> PackageVersions { get; init; } = new Dictionary<string, string>();

    /// <summary>The CUDA version <c>nvidia-smi</c> reports, when GPU capture is on and it is present.</summary>
    public string? CudaVersion { get; init; }

    /// <summary>GPUs <c>nvidia-smi</c> reports, when GPU capture is on and it is present.</summary>
    public IReadOnlyList<GpuRecord>? Gpus { get; init; }

    /// <summary>Runtime, operating system, CPU and memory of the machine that ran the commit.</summary>
    public required HostRecord Host { get; init; }

    /// <summary>Caller-supplied entries (<c>torch_version</c>, <c>device</c>…), by name.</summary>
    public IReadOnlyDictionary<string, string> Entries { get; init; } = new Dictionary<string, string>();

    /// <summary>What was asked for but could not be captured (not a repository, no git, nvidia-smi failed…).</summary>
    public IReadOnlyList<string> CaptureWarnings { get; init; } = [];
}
