namespace RunArtifacts.Records;

/// <summary>The run's configuration as <c>run.json</c> summarises it (schema 1.1.0): where the two YAML files are and what they hold.</summary>
public sealed record ConfigRecord
{
    /// <summary>Path of the configuration as composed (<c>config.yaml</c>; it may hold <c>${…}</c> interpolations), when given.</summary>
    public string? Path { get; init; }

    /// <summary>SHA-256 of <c>config.yaml</c> as written (redacted).</summary>
    public string? Sha256 { get; init; }

    /// <summary>Path of the fully resolved configuration (<c>config_resolved.yaml</c>; no interpolation left), when given.</summary>
    public string? ResolvedPath { get; init; }

    /// <summary>SHA-256 of <c>config_resolved.yaml</c> as written (redacted).</summary>
    public string? ResolvedSha256 { get; init; }

    /// <summary>Number of leaf values (flattened key paths) of the resolved configuration, else of the composed one.</summary>
    public int KeyCount { get; init; }
}
