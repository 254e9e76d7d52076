namespace RunArtifacts.Records;

/// <summary>A shaped failure: what kind it was and what was said, without anyone reading a stack trace.</summary>
public sealed record ErrorRecord
{
    /// <summary>Failure kind; one of <see cref="FailureKinds"/> or a caller-defined snake_case kind.</summary>
    public required string Kind { get; init; }

    /// <summary>Sanitised (redacted, length-capped) message.</summary>
    public required string Message { get; init; }

    /// <summary>How the message was cut, when it was longer than <c>Capture.MaxMessageChars</c>: original size and sha256, head and tail kept.</summary>
    public CaptureRecord? MessageCapture { get; init; }

    /// <summary>Machine-readable code from the provider, when known.</summary>
    public string? Code { get; init; }

    /// <summary>Full name of the exception type, when the error came from an exception.</summary>
    public string? ExceptionType { get; init; }

    /// <summary>HTTP status code, when known.</summary>
    public int? HttpStatus { get; init; }

    /// <summary>Where the error happened (<c>submit</c>, <c>poll</c>, <c>download</c>, <c>derivative</c>, …).</summary>
    public string? Stage { get; init; }

    /// <summary>Redacted stack trace; only recorded when <c>CaptureStackTraces</c> is on.</summary>
    public string? StackTrace { get; init; }

    /// <summary>Inner errors, outermost first.</summary>
    public IReadOnlyList<ErrorRecord> Inner { get; init; } = [];
}
