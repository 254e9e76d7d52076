using RunArtifacts.Records;
using RunArtifacts.Storage;

namespace RunArtifacts.Tests.Reviews;

public class StoragePolicyTests
{
    [TestCase("s3://podcast-bucket/ep12/recording.wav", StorageProvider.S3)]
    [TestCase("https://podcast-bucket.s3.eu-west-1.amazonaws.com/ep12.wav", StorageProvider.S3)]
    [TestCase("gs://bucket/transcript.txt", StorageProvider.Gcs)]
    [TestCase("https://storage.googleapis.com/bucket/x", StorageProvider.Gcs)]
    [TestCase("https://acct.blob.core.windows.net/c/report.pdf", StorageProvider.AzureBlob)]
    [TestCase("https://www.dropbox.com/scl/fi/abc/ep12.wav", StorageProvider.Dropbox)]
    [TestCase("https://drive.google.com/file/d/1abc/view", StorageProvider.GoogleDrive)]
    [TestCase("https://docs.google.com/document/d/1abc/edit", StorageProvider.GoogleDrive)]
    [TestCase("https://github.com/org/repo/blob/main/sop.md", StorageProvider.GitHub)]
    [TestCase("https://lu.ma/event-42", StorageProvider.ExternalUrl)]
    [TestCase("file:///home/dev/fixtures/a.png", StorageProvider.LocalDev)]
    [TestCase("ftp://old.example/x", StorageProvider.Unknown)]
    [TestCase("not a uri", StorageProvider.Unknown)]
    public void ProviderOf_KnownShapes_AreDerived(string uri, StorageProvider expected)
        => Assert.That(StoragePolicy.ProviderOf(uri), Is.EqualTo(expected));

    [TestCase("https://b.s3.amazonaws.com/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIA%2F20260101&X-Amz-Signature=abc", "X-Amz-Credential")]
    [TestCase("https://b.s3.amazonaws.com/k?X-Amz-Signature=abc", "X-Amz-Signature")]
    [TestCase("https://storage.googleapis.com/b/o?X-Goog-Algorithm=GOOG4&X-Goog-Signature=ff", "X-Goog-Signature")]
    [TestCase("https://a.blob.core.windows.net/c/b?sv=2022&se=2026-01-01&sig=abc", "se")]
    [TestCase("https://a.blob.core.windows.net/c/b?sp=r&sig=abc", "sig")]
    public void Apply_SignedUrl_IsRefusedNamingTheParameter(string uri, string parameter)
    {
        var ex = Assert.Throws<ArtifactStoragePolicyException>(() => StoragePolicy.Apply(uri));
        Assert.That(ex!.Rule, Is.EqualTo("signed_url"));
        Assert.That(ex.Parameter, Is.EqualTo(parameter));
        Assert.That(ex.Message, Does.Contain(parameter).And.Not.Contain("abc"));
    }

    [Test]
    public void Apply_SignedUrlWithOptIn_StripsEverySigningParameter()
    {
        var (uri, provider, stripped) = StoragePolicy.Apply(
            "https://b.s3.amazonaws.com/ep12.wav?versionId=7&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAX&X-Amz-Date=20260101T000000Z&X-Amz-Expires=900&X-Amz-SignedHeaders=host&X-Amz-Signature=deadbeef",
            new StoragePolicyOptions { StripSignedUrlParameters = true });

        Assert.That(uri, Is.EqualTo("https://b.s3.amazonaws.com/ep12.wav?versionId=7"));
        Assert.That(provider, Is.EqualTo(StorageProvider.S3));
        Assert.That(stripped, Does.Contain("X-Amz-Signature").And.Contain("X-Amz-Credential"));
    }

    [Test]
    public void Apply_Credentials_AreRefused()
    {
        var ex = Assert.Throws<ArtifactStoragePolicyException>(() => StoragePolicy.Apply("https://alice:hunter2@files.example.com/report.pdf"));
        Assert.That(ex!.Rule, Is.EqualTo("credentials"));
        Assert.That(ex.Message, Does.Not.Contain("hunter2"));
    }

    [Test]
    public void Apply_ProviderNotAllowed_IsRefused()
    {
        var production = new StoragePolicyOptions { AllowedProviders = [StorageProvider.S3, StorageProvider.ExternalUrl] };

        Assert.That(StoragePolicy.Apply("s3://b/k", production).Provider, Is.EqualTo(StorageProvider.S3));
        var ex = Assert.Throws<ArtifactStoragePolicyException>(() => StoragePolicy.Apply("file:///tmp/a.png", production));
        Assert.That(ex!.Rule, Is.EqualTo("provider_not_allowed"));
    }

    [TestCase("/home/dev/a.png")]
    [TestCase("relative/a.png")]
    public void Apply_BarePath_IsRefused(string path)
        => Assert.That(Assert.Throws<ArtifactStoragePolicyException>(() => StoragePolicy.Apply(path))!.Rule, Is.EqualTo("invalid_uri"));
}
