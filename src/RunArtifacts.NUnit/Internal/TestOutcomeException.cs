namespace RunArtifacts.NUnit.Internal;

/// <summary>
/// Carries NUnit's failure message, stack trace and kind into the core's failure shaping (redaction, privacy scrub, length cap,
/// opt-in stack trace). NUnit reports a result, not the exception object, so this stands in for it.
/// </summary>
internal sealed class TestOutcomeException : Exception
{
    private readonly string? stackTrace;

    public TestOutcomeException(string kind, string message, string? stackTrace)
        : base(message)
    {
        Kind = kind;
        this.stackTrace = string.IsNullOrWhiteSpace(stackTrace) ? null : stackTrace;
    }

    public TestOutcomeException()
        : this("unknown", string.Empty, null)
    {
    }

    public TestOutcomeException(string message)
        : this("unknown", message, null)
    {
    }

    public TestOutcomeException(string message, Exception innerException)
        : base(message, innerException)
    {
        Kind = "unknown";
    }

    public string Kind { get; } = "unknown";

    public override string? StackTrace => stackTrace;
}
