namespace RunArtifacts.Records;

/// <summary>What wrote a record.</summary>
public sealed record EnvironmentRecord
{
    /// <summary>Version of the RunArtifacts library.</summary>
    public required string LibraryVersion { get; init; }

    /// <summary>.NET runtime description (<c>.NET 10.0.0</c>).</summary>
    public required string DotnetRuntime { get; init; }

    /// <summary>Operating system description.</summary>
    public required string Os { get; init; }

    /// <summary>Process architecture (<c>x64</c>, <c>arm64</c>).</summary>
    public string? Architecture { get; init; }

    /// <summary>First line of <c>ffmpeg -version</c>, when ffmpeg was used.</summary>
    public string? FfmpegVersion { get; init; }

    /// <summary>Host name; only recorded when <see cref="RunArtifactsOptions.RecordMachineIdentity"/> is on.</summary>
    public string? HostName { get; init; }

    /// <summary>User name; only recorded when <see cref="RunArtifactsOptions.RecordMachineIdentity"/> is on.</summary>
    public string? UserName { get; init; }

    /// <summary>The git commit of the captured working tree, when code capture ran (since 1.1.0).</summary>
    public string? GitCommit { get; init; }

    /// <summary>The branch of the captured working tree (since 1.1.0).</summary>
    public string? GitBranch { get; init; }

    /// <summary>Whether the captured working tree had changes (since 1.1.0).</summary>
    public bool? GitDirty { get; init; }
}
