namespace RunArtifacts.Verification;

/// <summary>The outcome of verifying a set of runs.</summary>
public sealed record VerificationReport
{
    /// <summary>Number of runs verified.</summary>
    public int RunsVerified { get; init; }

    /// <summary>Number of runs with at least one problem.</summary>
    public int RunsFailed { get; init; }

    /// <summary>Every problem, in run order.</summary>
    public IReadOnlyList<VerificationProblem> Problems { get; init; } = [];

    /// <summary>
    /// Findings that do not fail the run: today a secret pattern inside an original (an input or output, which the
    /// library keeps byte for byte); also recorded at commit as a <c>secret_in_original</c> warning in <c>run.json</c>.
    /// </summary>
    public IReadOnlyList<VerificationProblem> Warnings { get; init; } = [];

    /// <summary>Number of files hashed.</summary>
    public long FilesHashed { get; init; }

    /// <summary>Bytes hashed.</summary>
    public long BytesHashed { get; init; }

    /// <summary>Wall-clock time taken.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>Whether every check held for every run.</summary>
    public bool Passed => Problems.Count == 0;
}
