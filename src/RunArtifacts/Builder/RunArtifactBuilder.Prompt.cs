using RunArtifacts.Internal;

namespace RunArtifacts.Builder;

public sealed partial class RunArtifactBuilder
{
    /// <summary>Sets the prompt as the user wrote it; it is written to <c>prompt.txt</c>.</summary>
    /// <param name="raw">The prompt.</param>
    /// <param name="profile">Name of the prompt profile or template, when one was used.</param>
    /// <returns>This builder.</returns>
    public RunArtifactBuilder WithPrompt(string raw, string? profile = null)
    {
        Draft.PromptRaw = raw ?? throw new ArgumentNullException(nameof(raw));
        Draft.PromptProfile = profile;
        return this;
    }

    /// <summary>Sets the enhanced prompt; it is written to <c>prompt_enhanced.txt</c>.</summary>
    /// <param name="enhanced">The prompt after enhancement.</param>
    /// <returns>This builder.</returns>
    public RunArtifactBuilder WithEnhancedPrompt(string enhanced)
    {
        Draft.PromptEnhanced = enhanced ?? throw new ArgumentNullException(nameof(enhanced));
        return this;
    }

    /// <summary>Sets the prompt actually sent. By default it is the enhanced prompt when there is one, else the raw one.</summary>
    /// <param name="finalUsed">The prompt sent.</param>
    /// <returns>This builder.</returns>
    public RunArtifactBuilder WithFinalPrompt(string finalUsed)
    {
        Draft.PromptFinal = Guard.NotBlank(finalUsed, nameof(finalUsed));
        return this;
    }
}
