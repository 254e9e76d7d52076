using RunArtifacts.Records;

namespace RunArtifacts.Storage;

/// <summary>
/// The storage policy for external assets: derives the provider of a URI and refuses what must never be stored as a
/// durable URI (a temporary signature, credentials, a provider the options do not allow). Pure functions; the builder
/// applies them when an external asset is added.
/// </summary>
public static class StoragePolicy
{
    // Query parameters that make a URL a temporary signed one (AWS SigV4/SigV2, GCS V4/V2, Azure SAS, CloudFront, generic).
    private static readonly HashSet<string> SignatureParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        "X-Amz-Signature", "X-Amz-Credential", "X-Amz-Security-Token", "AWSAccessKeyId", "Signature",
        "X-Goog-Signature", "X-Goog-Credential", "GoogleAccessId",
        "sig", "se",
        "Key-Pair-Id", "Policy",
        "token", "access_token", "X-Token",
    };

    // The companions stripped with them when the caller opts in (they are harmless alone but meaningless without the signature).
    private static readonly HashSet<string> SigningCompanions = new(StringComparer.OrdinalIgnoreCase)
    {
        "X-Amz-Algorithm", "X-Amz-Date", "X-Amz-Expires", "X-Amz-SignedHeaders", "Expires",
        "X-Goog-Algorithm", "X-Goog-Date", "X-Goog-Expires", "X-Goog-SignedHeaders",
        "sv", "ss", "srt", "sp", "sr", "st", "spr", "skoid", "sktid", "skt", "ske", "sks", "skv", "sdd",
    };

    /// <summary>The storage provider of a URI, from its scheme and host.</summary>
    /// <param name="uri">The URI.</param>
    /// <returns>The provider; <see cref="StorageProvider.Unknown"/> for a scheme it does not know or text that is not a URI.</returns>
    public static StorageProvider ProviderOf(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!Uri.TryCreate(uri.Trim(), UriKind.Absolute, out var parsed))
        {
            return StorageProvider.Unknown;
        }

        var host = parsed.Host.ToLowerInvariant();
        bool Is(string domain) => host == domain || host.EndsWith("." + domain, StringComparison.Ordinal);
        return parsed.Scheme.ToLowerInvariant() switch
        {
            "s3" or "s3a" => StorageProvider.S3,
            "gs" => StorageProvider.Gcs,
            "azure" or "abfs" or "abfss" or "wasb" or "wasbs" => StorageProvider.AzureBlob,
            "dropbox" => StorageProvider.Dropbox,
            "gdrive" => StorageProvider.GoogleDrive,
            "file" => StorageProvider.LocalDev,
            "http" or "https" when Is("amazonaws.com") && (host.StartsWith("s3.", StringComparison.Ordinal) || host.StartsWith("s3-", StringComparison.Ordinal) || host.Contains(".s3.", StringComparison.Ordinal) || host.Contains(".s3-", StringComparison.Ordinal)) => StorageProvider.S3,
            "http" or "https" when Is("storage.googleapis.com") || Is("storage.cloud.google.com") => StorageProvider.Gcs,
            "http" or "https" when Is("blob.core.windows.net") => StorageProvider.AzureBlob,
            "http" or "https" when Is("dropbox.com") || Is("dropboxusercontent.com") => StorageProvider.Dropbox,
            "http" or "https" when Is("drive.google.com") || Is("docs.google.com") => StorageProvider.GoogleDrive,
            "http" or "https" when Is("github.com") || Is("githubusercontent.com") => StorageProvider.GitHub,
            "http" or "https" when host is "localhost" or "127.0.0.1" or "[::1]" => StorageProvider.LocalDev,
            "http" or "https" => StorageProvider.ExternalUrl,
            _ => StorageProvider.Unknown,
        };
    }

    /// <summary>
    /// Checks a URI against the policy and returns the form to store: the URI itself, or (when
    /// <see cref="StoragePolicyOptions.StripSignedUrlParameters"/> is on) the URI without its signing parameters.
    /// </summary>
    /// <param name="uri">The URI.</param>
    /// <param name="options">The policy; the defaults (refuse signed URLs, every provider allowed) when null.</param>
    /// <returns>The URI to store, its provider, and the names of the parameters stripped (empty when none).</returns>
    /// <exception cref="ArtifactStoragePolicyException">The URI is not absolute, carries credentials or (without the opt-in) a signature, or its provider is not allowed.</exception>
    public static (string Uri, StorageProvider Provider, IReadOnlyList<string> Stripped) Apply(string uri, StoragePolicyOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(uri);
        options ??= new StoragePolicyOptions();
        var text = uri.Trim();
        if (text.Any(char.IsControl) || !Uri.TryCreate(text, UriKind.Absolute, out var parsed) || (parsed.IsFile && !text.StartsWith("file:", StringComparison.OrdinalIgnoreCase)))
        {
            throw new ArtifactStoragePolicyException("An external asset needs an absolute URI with a scheme (s3://bucket/key, https://…, file:///…); a bare path or text with control characters is refused.") { Rule = "invalid_uri" };
        }

        if (parsed.UserInfo.Length > 0)
        {
            throw new ArtifactStoragePolicyException($"The URI carries credentials (user:pass@ before the host '{parsed.Host}'); store a URI without them, and keep credentials in a secret store.") { Rule = "credentials" };
        }

        var provider = ProviderOf(text);
        if (options.AllowedProviders.Count > 0 && !options.AllowedProviders.Contains(provider))
        {
            throw new ArtifactStoragePolicyException($"The storage provider '{Name(provider)}' is not allowed here (allowed: {string.Join(", ", options.AllowedProviders.Select(Name))}).") { Rule = "provider_not_allowed" };
        }

        var query = parsed.Query.TrimStart('?');
        if (query.Length == 0)
        {
            return (text, provider, []);
        }

        var pairs = query.Split('&');
        var signature = pairs.Select(NameOf).FirstOrDefault(SignatureParameters.Contains);
        if (signature is null)
        {
            return (text, provider, []);
        }

        if (!options.StripSignedUrlParameters)
        {
            throw new ArtifactStoragePolicyException($"The URI is a temporary signed URL (query parameter '{signature}'); record the durable URI instead (s3://bucket/key, the share link), or opt in to StripSignedUrlParameters.") { Rule = "signed_url", Parameter = signature };
        }

        var kept = pairs.Where(p => !SignatureParameters.Contains(NameOf(p)) && !SigningCompanions.Contains(NameOf(p))).ToList();
        var stripped = pairs.Select(NameOf).Where(n => SignatureParameters.Contains(n) || SigningCompanions.Contains(n)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var builder = new UriBuilder(parsed) { Query = string.Join('&', kept) };
        var result = builder.Uri.GetComponents(UriComponents.AbsoluteUri, UriFormat.UriEscaped);
        if (kept.Count == 0)
        {
            result = result.TrimEnd('?');
        }

        return (result, provider, stripped);
    }

    /// <summary>The name a provider is written under (<c>google-drive</c>).</summary>
    /// <param name="provider">The provider.</param>
    /// <returns>The kebab-case name used in records.</returns>
    public static string Name(StorageProvider provider) => provider switch
    {
        StorageProvider.S3 => "s3",
        StorageProvider.Gcs => "gcs",
        StorageProvider.AzureBlob => "azure-blob",
        StorageProvider.Dropbox => "dropbox",
        StorageProvider.GoogleDrive => "google-drive",
        StorageProvider.GitHub => "github",
        StorageProvider.ExternalUrl => "external-url",
        StorageProvider.LocalDev => "local-dev",
        _ => "unknown",
    };

    private static string NameOf(string pair)
    {
        var eq = pair.IndexOf('=', StringComparison.Ordinal);
        return Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]);
    }
}
