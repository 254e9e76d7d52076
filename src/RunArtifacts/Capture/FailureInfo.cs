namespace RunArtifacts.Capture;

/// <summary>What a <see cref="IFailureClassifier"/> sees of one failure (the message as given, before redaction; never written as is).</summary>
public sealed class FailureInfo
{
    /// <summary>Describes a failure (the library makes these; the constructor is public so classifiers can be unit-tested).</summary>
    /// <param name="exception">The exception, if any.</param>
    /// <param name="message">The message.</param>
    /// <param name="httpStatus">The HTTP status, if known.</param>
    /// <param name="code">The provider's error code, if known.</param>
    public FailureInfo(Exception? exception, string message, int? httpStatus = null, string? code = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        Exception = exception;
        Message = message;
        HttpStatus = httpStatus;
        Code = code;
    }

    /// <summary>The exception, when the failure came from one (an inner exception when the classifiers are asked about inner errors).</summary>
    public Exception? Exception { get; }

    /// <summary>The failure's message.</summary>
    public string Message { get; }

    /// <summary>The HTTP status, when known.</summary>
    public int? HttpStatus { get; }

    /// <summary>The provider's error code, when known.</summary>
    public string? Code { get; }
}
