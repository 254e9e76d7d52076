namespace RunArtifacts;

/// <summary>A record could not be read: bad JSON, a missing field, or a schema major version this library does not know.</summary>
public sealed class ArtifactFormatException : ArtifactsException
{
    /// <summary>Creates the exception.</summary>
    public ArtifactFormatException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public ArtifactFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public ArtifactFormatException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The file that could not be read.</summary>
    public string? FilePath { get; init; }

    /// <summary>The <c>schema_version</c> the file declared, when it declared one.</summary>
    public string? SchemaVersion { get; init; }
}
