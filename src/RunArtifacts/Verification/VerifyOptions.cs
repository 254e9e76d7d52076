namespace RunArtifacts.Verification;

/// <summary>How <see cref="RunVerifier"/> works.</summary>
public sealed class VerifyOptions
{
    /// <summary>How many files are hashed (and runs checked) at once.</summary>
    /// <value>The number of processors.</value>
    public int MaxParallelism { get; set; } = Environment.ProcessorCount;

    /// <summary>Whether each run's <c>index.jsonl</c> line is checked against its manifest.</summary>
    /// <value><see langword="true"/>.</value>
    public bool CheckIndex { get; set; } = true;

    /// <summary>Whether text files are scanned for secret patterns.</summary>
    /// <value><see langword="true"/>.</value>
    public bool ScanSecrets { get; set; } = true;
}
