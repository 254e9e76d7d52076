namespace RunArtifacts;

/// <summary>
/// An external asset's URI breaks the storage policy: it carries a temporary signature or credentials, or its provider is
/// not allowed. Thrown when the asset is added, before anything is written.
/// </summary>
public sealed class ArtifactStoragePolicyException : ArtifactsException
{
    /// <summary>Creates the exception.</summary>
    public ArtifactStoragePolicyException()
        : this("The URI breaks the storage policy.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is wrong; never the secret's value.</param>
    public ArtifactStoragePolicyException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public ArtifactStoragePolicyException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The rule that was broken: <c>signed_url</c>, <c>credentials</c>, <c>provider_not_allowed</c> or <c>invalid_uri</c>.</summary>
    public string Rule { get; init; } = "invalid_uri";

    /// <summary>The offending query parameter's name (<c>X-Amz-Signature</c>), for <c>signed_url</c>.</summary>
    public string? Parameter { get; init; }
}
