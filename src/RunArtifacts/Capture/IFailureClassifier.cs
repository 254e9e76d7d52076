namespace RunArtifacts.Capture;

/// <summary>
/// Decides the kind of a failure before the built-in rules do. Register one with
/// <see cref="RunArtifactsOptions.AddFailureClassifier(System.Func{FailureInfo, string?})"/> or add it to
/// <see cref="RunArtifactsOptions.FailureClassifiers"/>; classifiers are asked in order and the first kind wins.
/// </summary>
/// <example>
/// <code>
/// options.AddFailureClassifier(f => f.Code == "content_moderated" ? "content_filtered" : null);
/// </code>
/// </example>
public interface IFailureClassifier
{
    /// <summary>Classifies one failure.</summary>
    /// <param name="failure">What is known about the failure.</param>
    /// <returns>A snake_case kind (one of <see cref="Records.FailureKinds"/> or your own), or <see langword="null"/> to let the next classifier and then the built-in rules decide.</returns>
    string? Classify(FailureInfo failure);
}
