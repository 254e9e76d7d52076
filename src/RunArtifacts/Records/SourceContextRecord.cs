namespace RunArtifacts.Records;

/// <summary>Where a run came from: which tool, person, channel, agent and project.</summary>
public sealed record SourceContextRecord
{
    /// <summary>Kind of caller (<c>cli</c>, <c>test</c>, <c>bot</c>, <c>api</c>, …).</summary>
    public string? SourceType { get; init; }

    /// <summary>User who asked for the run (caller-supplied; never read from the machine unless opted in).</summary>
    public string? SourceUser { get; init; }

    /// <summary>Channel the request arrived on.</summary>
    public string? SourceChannel { get; init; }

    /// <summary>Agent or automation that made the run.</summary>
    public string? SourceAgent { get; init; }

    /// <summary>Project the run belongs to.</summary>
    public string? ProjectName { get; init; }

    /// <summary>Free-form notes about the source.</summary>
    public string? Notes { get; init; }
}
