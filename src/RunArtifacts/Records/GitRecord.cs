namespace RunArtifacts.Records;

/// <summary>The git state of a working tree at commit time, captured through the <c>git</c> command line.</summary>
public sealed record GitRecord
{
    /// <summary>The commit <c>HEAD</c> names (40 hex digits).</summary>
    public required string Commit { get; init; }

    /// <summary>The branch, or null on a detached head.</summary>
    public string? Branch { get; init; }

    /// <summary>Whether tracked files differ from <c>HEAD</c> or untracked files exist.</summary>
    public required bool Dirty { get; init; }

    /// <summary>Path of the diff against <c>HEAD</c> (redacted, size-capped), relative to the run folder, when dirty.</summary>
    public string? DiffPath { get; init; }

    /// <summary>Size of the whole diff in bytes, before redaction and capping.</summary>
    public long? DiffBytes { get; init; }

    /// <summary>SHA-256 of the whole diff, before redaction and capping.</summary>
    public string? DiffSha256 { get; init; }

    /// <summary>True when the diff was longer than the cap and only its head was kept.</summary>
    public bool? DiffTruncated { get; init; }
}
