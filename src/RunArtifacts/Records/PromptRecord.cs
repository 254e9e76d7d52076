namespace RunArtifacts.Records;

/// <summary>The prompts of a run.</summary>
public sealed record PromptRecord
{
    /// <summary>The prompt as the user wrote it.</summary>
    public string? Raw { get; init; }

    /// <summary>The prompt after enhancement, when one was made.</summary>
    public string? Enhanced { get; init; }

    /// <summary>The prompt that was actually sent.</summary>
    public string? FinalUsed { get; init; }

    /// <summary>Name of the prompt profile or template used.</summary>
    public string? PromptProfile { get; init; }

    /// <summary>Path of <c>prompt.txt</c>, relative to the run folder.</summary>
    public string? RawPath { get; init; }

    /// <summary>Path of <c>prompt_enhanced.txt</c>, relative to the run folder.</summary>
    public string? EnhancedPath { get; init; }

    /// <summary>Path of <c>prompt_final.txt</c> when the final prompt differs from both others.</summary>
    public string? FinalUsedPath { get; init; }
}
