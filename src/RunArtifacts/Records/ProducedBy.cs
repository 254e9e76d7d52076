namespace RunArtifacts.Records;

/// <summary>How an original output was produced.</summary>
public sealed record ProducedBy
{
    /// <summary>The caller's model key.</summary>
    public required string ModelKey { get; init; }

    /// <summary>The provider's model name.</summary>
    public string? ProviderModel { get; init; }

    /// <summary>Task mode.</summary>
    public string? TaskMode { get; init; }

    /// <summary>Prompt summary.</summary>
    public string? PromptSummary { get; init; }

    /// <summary>The provider's task id.</summary>
    public string? TaskId { get; init; }
}
