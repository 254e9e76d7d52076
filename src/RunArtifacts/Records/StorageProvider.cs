using System.Text.Json.Serialization;

namespace RunArtifacts.Records;

/// <summary>Where an external asset lives, derived from its URI (<see cref="Storage.StoragePolicy.ProviderOf"/>) and recorded with it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StorageProvider>))]
public enum StorageProvider
{
    /// <summary>Amazon S3: <c>s3://bucket/key</c> or an <c>*.amazonaws.com</c> S3 URL.</summary>
    [JsonStringEnumMemberName("s3")]
    S3,

    /// <summary>Google Cloud Storage: <c>gs://bucket/object</c> or <c>storage.googleapis.com</c>.</summary>
    [JsonStringEnumMemberName("gcs")]
    Gcs,

    /// <summary>Azure Blob Storage: <c>*.blob.core.windows.net</c>.</summary>
    [JsonStringEnumMemberName("azure-blob")]
    AzureBlob,

    /// <summary>Dropbox: <c>dropbox.com</c> links or <c>dropbox://</c> paths.</summary>
    [JsonStringEnumMemberName("dropbox")]
    Dropbox,

    /// <summary>Google Drive and Docs: <c>drive.google.com</c>, <c>docs.google.com</c>.</summary>
    [JsonStringEnumMemberName("google-drive")]
    GoogleDrive,

    /// <summary>GitHub: <c>github.com</c>, <c>raw.githubusercontent.com</c>, <c>gist.github.com</c>.</summary>
    [JsonStringEnumMemberName("github")]
    GitHub,

    /// <summary>Any other <c>http</c> or <c>https</c> URL (a public page, a video, a podcast listing).</summary>
    [JsonStringEnumMemberName("external-url")]
    ExternalUrl,

    /// <summary>A <c>file:</c> URI: meant for local development and test fixtures only.</summary>
    [JsonStringEnumMemberName("local-dev")]
    LocalDev,

    /// <summary>Any other scheme.</summary>
    [JsonStringEnumMemberName("unknown")]
    Unknown,
}
