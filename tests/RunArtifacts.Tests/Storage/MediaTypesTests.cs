using RunArtifacts.Records;
using RunArtifacts.Records.Internal;
using RunArtifacts.Storage.Internal;

namespace RunArtifacts.Tests.Storage;

public class MediaTypesTests
{
    [TestCase(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13 }, "image/png")]
    [TestCase(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10 }, "image/jpeg")]
    [TestCase(new byte[] { 0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 1, 0 }, "image/gif")]
    [TestCase(new byte[] { 0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x45, 0x42, 0x50 }, "image/webp")]
    [TestCase(new byte[] { 0, 0, 0, 0x20, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6F, 0x6D }, "video/mp4")]
    [TestCase(new byte[] { 0x1A, 0x45, 0xDF, 0xA3, 0x77, 0x65, 0x62, 0x6D }, "video/webm")]
    public void Detect_MagicBytes_WinOverAMisleadingName(byte[] head, string expected)
        => Assert.That(MediaTypes.Detect(head, "misleading.txt"), Is.EqualTo(expected));

    [Test]
    public void Detect_UnknownBytes_FallsBackToTheExtension()
    {
        Assert.That(MediaTypes.Detect("hello"u8, "notes.md"), Is.EqualTo("text/markdown"));
        Assert.That(MediaTypes.Detect("hello"u8, "no-extension"), Is.EqualTo("application/octet-stream"));
        Assert.That(MediaTypes.KindOf("video/webm"), Is.EqualTo(AssetKind.Video));
    }

    [Test]
    public void Extension_NoUsableExtension_ComesFromTheMediaType()
    {
        Assert.That(Naming.Extension("blob", "image/png"), Is.EqualTo("png"));
        Assert.That(Naming.Extension("photo.JPEG", "image/jpeg"), Is.EqualTo("jpg"));
        Assert.That(Naming.Extension("weird.p$g", "application/octet-stream"), Is.EqualTo("bin"));
    }
}
