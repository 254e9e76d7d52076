namespace RunArtifacts.Specs;

/// <summary>One failure in a <see cref="RunSpec"/> (names as in <c>run.json</c>'s <c>errors</c>).</summary>
public sealed record RunSpecError
{
    /// <summary>Failure kind (<c>timeout</c>, <c>rate_limited</c>, … or a snake_case kind of your own); classified from the status, code and message when omitted.</summary>
    public string? Kind { get; init; }

    /// <summary>What failed (redacted).</summary>
    public required string Message { get; init; }

    /// <summary>The HTTP status, when there was one.</summary>
    public int? HttpStatus { get; init; }

    /// <summary>The provider's error code, when there was one.</summary>
    public string? Code { get; init; }

    /// <summary>Where it failed (<c>submit</c>, <c>poll</c>, <c>download</c>, …).</summary>
    public string? Stage { get; init; }
}
