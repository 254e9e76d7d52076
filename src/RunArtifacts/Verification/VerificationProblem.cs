namespace RunArtifacts.Verification;

/// <summary>One thing wrong with a run.</summary>
/// <param name="RunId">The run (its folder name).</param>
/// <param name="File">The file, relative to the run folder (or <c>index.jsonl</c>).</param>
/// <param name="Check">Which check failed; one of <see cref="VerificationChecks"/>.</param>
/// <param name="Message">What is wrong. Never contains a secret's value.</param>
public sealed record VerificationProblem(string RunId, string File, string Check, string Message)
{
    /// <inheritdoc/>
    public override string ToString() => $"{RunId}  {File}  {Check}: {Message}";
}
