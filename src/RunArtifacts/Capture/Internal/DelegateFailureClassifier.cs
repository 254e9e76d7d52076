namespace RunArtifacts.Capture.Internal;

/// <summary>A <see cref="IFailureClassifier"/> over a function.</summary>
internal sealed class DelegateFailureClassifier(Func<FailureInfo, string?> classify) : IFailureClassifier
{
    public string? Classify(FailureInfo failure) => classify(failure);
}
