namespace RunArtifacts.Verification;

/// <summary>The outcome of verifying one run.</summary>
public sealed record RunVerificationResult
{
    /// <summary>The run id (the folder name).</summary>
    public required string RunId { get; init; }

    /// <summary>The run folder relative to the root (<c>DATE/RUN_ID</c>).</summary>
    public required string RunPath { get; init; }

    /// <summary>Everything found wrong; empty when the run passed.</summary>
    public IReadOnlyList<VerificationProblem> Problems { get; init; } = [];

    /// <summary>
    /// Findings that do not fail the run: today a secret pattern inside an original (an input or output, which the
    /// library keeps byte for byte); also recorded at commit as a <c>secret_in_original</c> warning in <c>run.json</c>.
    /// </summary>
    public IReadOnlyList<VerificationProblem> Warnings { get; init; } = [];

    /// <summary>Number of files hashed.</summary>
    public int FilesHashed { get; init; }

    /// <summary>Bytes hashed.</summary>
    public long BytesHashed { get; init; }

    /// <summary>Whether every check held.</summary>
    public bool Passed => Problems.Count == 0;
}
