namespace RunArtifacts.Specs;

/// <summary>The prompts of a <see cref="RunSpec"/> (names as in <c>run.json</c>'s <c>prompts</c>).</summary>
public sealed record RunSpecPrompts
{
    /// <summary>The prompt as the user wrote it (<c>prompt.txt</c>).</summary>
    public string? Raw { get; init; }

    /// <summary>The prompt after enhancement (<c>prompt_enhanced.txt</c>).</summary>
    public string? Enhanced { get; init; }

    /// <summary>The prompt actually sent; by default the enhanced prompt when there is one, else the raw one.</summary>
    public string? FinalUsed { get; init; }

    /// <summary>Name of the prompt profile or template used (needs <c>raw</c>).</summary>
    public string? PromptProfile { get; init; }
}
