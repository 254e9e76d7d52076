using RunArtifacts.Records;

namespace RunArtifacts.Storage;

/// <summary>
/// The storage policy for external assets (<see cref="Builder.RunArtifactBuilder.AddExternalOutput(Builder.ExternalAsset)"/>): which providers
/// are allowed, and what happens to a URL that carries a temporary signature.
/// </summary>
public sealed class StoragePolicyOptions
{
    /// <summary>
    /// The providers an external asset may live on. Empty means every provider; a production service lists its own
    /// (for example without <see cref="StorageProvider.LocalDev"/>) and any other is refused.
    /// </summary>
    /// <value>Default empty: every provider is allowed.</value>
    public IList<StorageProvider> AllowedProviders { get; set; } = [];

    /// <summary>
    /// Whether a URL that carries a temporary signature (<c>X-Amz-Signature</c>, <c>X-Goog-Signature</c>, Azure <c>sig</c>, …)
    /// is stored with every signing parameter stripped and a <c>signed_url_stripped</c> warning, instead of being refused.
    /// </summary>
    /// <value>Default <see langword="false"/>: a signed URL is refused with <see cref="ArtifactStoragePolicyException"/>.</value>
    public bool StripSignedUrlParameters { get; set; }

    internal StoragePolicyOptions Copy() => new()
    {
        AllowedProviders = new List<StorageProvider>(AllowedProviders).AsReadOnly(),
        StripSignedUrlParameters = StripSignedUrlParameters,
    };
}
