namespace RunArtifacts;

/// <summary>Base of every exception RunArtifacts throws on purpose.</summary>
public class ArtifactsException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ArtifactsException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public ArtifactsException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public ArtifactsException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
