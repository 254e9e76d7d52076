using System.Text.RegularExpressions;
using RunArtifacts.Builder.Internal;
using RunArtifacts.Internal;
using RunArtifacts.Records;
using RunArtifacts.Storage;

namespace RunArtifacts.Builder;

public sealed partial class RunArtifactBuilder
{
    /// <summary>Adds an output that lives elsewhere (an S3 object, a Drive file, a public page): recorded as metadata only.</summary>
    /// <param name="asset">The asset; its URI is checked against the store's storage policy now.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArtifactStoragePolicyException">The URI carries a signature (unless the policy strips it), credentials, or a provider the policy does not allow.</exception>
    /// <exception cref="ArgumentException">A field is malformed (a SHA-256 that is not 64 hex digits, negative bytes, a blank type).</exception>
    public RunArtifactBuilder AddExternalOutput(ExternalAsset asset)
    {
        Draft.ExternalOutputs.Add(Check(asset));
        return this;
    }

    /// <summary>Adds an output that lives elsewhere, by URI.</summary>
    /// <param name="uri">The durable URI.</param>
    /// <param name="type">What it is (<c>report</c>, <c>event-page</c>, …).</param>
    /// <param name="title">A short title.</param>
    /// <param name="visibility">Who may see it.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArtifactStoragePolicyException">The URI breaks the storage policy.</exception>
    public RunArtifactBuilder AddExternalOutput(string uri, string type = "external-link", string? title = null, AssetVisibility visibility = AssetVisibility.Internal)
        => AddExternalOutput(new ExternalAsset(uri) { Type = type, Title = title, Visibility = visibility });

    /// <summary>Adds an input that lives elsewhere: recorded as metadata only.</summary>
    /// <param name="asset">The asset; its URI is checked against the store's storage policy now.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArtifactStoragePolicyException">The URI breaks the storage policy.</exception>
    /// <exception cref="ArgumentException">A field is malformed.</exception>
    public RunArtifactBuilder AddExternalInput(ExternalAsset asset)
    {
        Draft.ExternalInputs.Add(Check(asset));
        return this;
    }

    /// <summary>Adds an input that lives elsewhere, by URI.</summary>
    /// <param name="uri">The durable URI.</param>
    /// <param name="type">What it is.</param>
    /// <param name="title">A short title.</param>
    /// <param name="visibility">Who may see it.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArtifactStoragePolicyException">The URI breaks the storage policy.</exception>
    public RunArtifactBuilder AddExternalInput(string uri, string type = "external-link", string? title = null, AssetVisibility visibility = AssetVisibility.Internal)
        => AddExternalInput(new ExternalAsset(uri) { Type = type, Title = title, Visibility = visibility });

    /// <summary>
    /// Sets the initial review status of this run's outputs, files and external ones (<c>draft</c> by default;
    /// <see cref="ReviewStatus.NeedsReview"/> for generator output a person must look at). Review events move it on.
    /// </summary>
    /// <param name="status">The initial status.</param>
    /// <returns>This builder.</returns>
    public RunArtifactBuilder WithReviewStatus(ReviewStatus status)
    {
        if (!Enum.IsDefined(status))
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown review status.");
        }

        Draft.ReviewStatus = status;
        return this;
    }

    private PendingExternal Check(ExternalAsset asset)
    {
        ArgumentNullException.ThrowIfNull(asset);
        Guard.NotBlank(asset.Type, nameof(asset));
        if (asset.Sha256 is { } sha && !Sha256Pattern().IsMatch(sha))
        {
            throw new ArgumentException($"sha256 '{Guard.Printable(sha)}' is not 64 lower-case hex digits.", nameof(asset));
        }

        if (asset.Bytes is < 0)
        {
            throw new ArgumentException("bytes cannot be negative.", nameof(asset));
        }

        if (!Enum.IsDefined(asset.Visibility) || !Enum.IsDefined(asset.SourceType) || (asset.ReviewStatus is { } rs && !Enum.IsDefined(rs)))
        {
            throw new ArgumentException("visibility, source_type or review_status is not a known value.", nameof(asset));
        }

        foreach (var (key, value) in asset.Relationships ?? new Dictionary<string, string>())
        {
            if (string.IsNullOrWhiteSpace(key) || string.IsNullOrWhiteSpace(value))
            {
                throw new ArgumentException("A relationship needs a non-blank name and id.", nameof(asset));
            }
        }

        var (uri, provider, stripped) = StoragePolicy.Apply(asset.Uri, store.Options.StoragePolicy);
        if (stripped.Count > 0)
        {
            Draft.Warnings.Add(new WarningRecord { Code = "signed_url_stripped", Message = $"An external asset's URI was a signed URL; its signing parameters ({string.Join(", ", stripped)}) were stripped and only the durable URI was kept." });
        }

        return new PendingExternal(asset with { Uri = uri }, provider);
    }

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex Sha256Pattern();
}
