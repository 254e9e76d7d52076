namespace RunArtifacts.Capture;

/// <summary>What a <see cref="IFailureClassifier"/> sees of one failure (the message as given, before redaction; never written as is).</summary>
public sealed class FailureInfo
{
    internal FailureInfo(Exception? exception, string message, int? httpStatus, string? code)
    {
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
