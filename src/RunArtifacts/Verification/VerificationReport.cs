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

    /// <summary>Number of files hashed.</summary>
    public long FilesHashed { get; init; }

    /// <summary>Bytes hashed.</summary>
    public long BytesHashed { get; init; }

    /// <summary>Wall-clock time taken.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>Whether every check held for every run.</summary>
    public bool Passed => Problems.Count == 0;
}
