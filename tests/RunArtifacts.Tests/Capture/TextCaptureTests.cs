using System.Security.Cryptography;
using System.Text;
using RunArtifacts.Capture;
using RunArtifacts.Capture.Internal;
using RunArtifacts.Records;
using RunArtifacts.Redaction;
using RunArtifacts.Redaction.Internal;

namespace RunArtifacts.Tests.Capture;

public class TextCaptureTests
{
    private const int Head = 100;
    private const int Tail = 50;
    private static readonly TextCapturePolicy Policy = new() { MaxBytes = Head + Tail, HeadBytes = Head, TailBytes = Tail };
    private static readonly SecretRedactor Redactor = new(new RedactionOptions());

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(Head + Tail - 1)]
    [TestCase(Head + Tail)]
    public void Capture_AtOrUnderTheLimit_KeptWholeAndAccounted(int size)
    {
        var original = Text(size);

        var captured = Capture(original);

        Assert.That(captured.Content, Is.EqualTo(original));
        Assert.That(captured.Extension, Is.EqualTo("txt"));
        var r = captured.Record;
        Assert.That((r.OriginalBytes, r.KeptBytes, r.Truncated, r.Binary, r.ContentType), Is.EqualTo(((long)size, (long)size, false, false, "text")));
        Assert.That(r.OriginalSha256, Is.EqualTo(Sha(original)));
        Assert.That((r.HeadBytes, r.TailBytes, r.OmittedBytes), Is.EqualTo(((long?)null, (long?)null, (long?)null)));
    }

    [TestCase(Head + Tail + 1)]
    [TestCase(Head + Tail + 2)]
    [TestCase(10 * 1024 * 1024)]
    public void Capture_OverTheLimit_HeadAndTailKeptAndTheCutAccounted(int size)
    {
        var original = Text(size);

        var captured = Capture(original);

        var r = captured.Record;
        Assert.That(r.Truncated, Is.True);
        Assert.That((r.HeadBytes, r.TailBytes, r.OmittedBytes), Is.EqualTo(((long?)Head, (long?)Tail, (long?)(size - Head - Tail))));
        Assert.That(r.OriginalBytes, Is.EqualTo(size));
        Assert.That(r.OriginalSha256, Is.EqualTo(Sha(original)));
        Assert.That(r.KeptBytes, Is.EqualTo(captured.Content.Length));
        Assert.That(captured.Content.AsSpan(0, Head).SequenceEqual(original.AsSpan(0, Head)), Is.True);
        Assert.That(captured.Content.AsSpan(captured.Content.Length - Tail).SequenceEqual(original.AsSpan(size - Tail)), Is.True);
        var marker = Encoding.UTF8.GetString(captured.Content, Head, captured.Content.Length - Head - Tail);
        Assert.That(marker, Is.EqualTo($"\n[... {size - Head - Tail} bytes truncated by RunArtifacts; original {size} bytes, sha256 {Sha(original)} ...]\n"));
    }

    [Test]
    public void Capture_Binary_KeptAsFileNotTextNotTruncated()
    {
        var original = Some.Bytes(100_000, seed: 3);
        original[10] = 0;

        var captured = Capture(original);

        Assert.That(captured.Extension, Is.EqualTo("bin"));
        Assert.That(captured.Content, Is.EqualTo(original));
        var r = captured.Record;
        Assert.That((r.Binary, r.ContentType, r.Truncated, r.OriginalBytes, r.KeptBytes, r.Path), Is.EqualTo((true, "binary", false, 100_000L, 100_000L, "logs/x.bin")));
        Assert.That(r.OriginalSha256, Is.EqualTo(Sha(original)));
    }

    [Test]
    public void Capture_BinaryWithAKeyInside_KeyMaskedInPlaceSameLength()
    {
        var key = "ghp_T3stOnlyAbCdEfGhIjKlMnOpQrStUvWx1234";
        var original = new byte[20].Concat(Encoding.ASCII.GetBytes(key)).Concat(new byte[20]).ToArray();
        var ledger = new RedactionLedger();

        var captured = Capture(original, ledger);

        Assert.That(captured.Content, Has.Length.EqualTo(original.Length));
        Assert.That(Encoding.Latin1.GetString(captured.Content), Does.Not.Contain(key).And.Contain(new string('*', key.Length)));
        Assert.That(ledger.ToSummary("m", 10).Entries.Single().Location, Is.EqualTo("offset 20"));
    }

    [TestCase("héllo wörld ✓ ")]
    [TestCase("日本語のログ ")]
    [TestCase("emoji 🎉🎉 ")]
    public void Capture_MultiByteText_CutOnCharacterBoundaries(string unit)
    {
        var original = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(unit, 200)));

        var captured = Capture(original);

        var r = captured.Record;
        Assert.That(r.HeadBytes, Is.LessThanOrEqualTo(Head));
        Assert.That(r.TailBytes, Is.LessThanOrEqualTo(Tail));
        Assert.That(r.HeadBytes + r.TailBytes + r.OmittedBytes, Is.EqualTo(original.Length));
        Assert.That(Encoding.UTF8.GetString(captured.Content), Does.Not.Contain("\uFFFD"));
    }

    [Test]
    public void Capture_SecretAcrossTheCut_RedactedBeforeCutting()
    {
        var secret = "sk-T3stOnlyAbCdEfGhIjKlMnOpQrStUvWx1234";
        var text = new string('a', Head - 10) + " " + secret + " " + new string('b', 200);
        var ledger = new RedactionLedger();

        var captured = Capture(Encoding.UTF8.GetBytes(text), ledger);

        var kept = Encoding.UTF8.GetString(captured.Content);
        Assert.That(kept, Does.Not.Contain(secret[..10]));
        Assert.That(ledger.Total, Is.EqualTo(1));
        Assert.That(captured.Record.OriginalSha256, Is.EqualTo(Sha(Encoding.UTF8.GetBytes(text))));
    }

    [Test]
    public void Capture_Json_RedactedKeptAsJsonUntilTruncated()
    {
        var small = Encoding.UTF8.GetBytes("""{"api_key":"abc123","n":1}""");
        var big = Encoding.UTF8.GetBytes("{\"api_key\":\"abc123\",\"items\":[" + string.Join(',', Enumerable.Range(0, 100)) + "]}");

        var whole = Capture(small);
        var cut = Capture(big);

        Assert.That((whole.Extension, whole.Record.ContentType, whole.Record.Truncated), Is.EqualTo(("json", "json", false)));
        Assert.That(Encoding.UTF8.GetString(whole.Content), Does.Contain("\"api_key\": \"[REDACTED]\""));
        Assert.That((cut.Extension, cut.Record.ContentType, cut.Record.Truncated), Is.EqualTo(("txt", "json", true)));
        Assert.That(Encoding.UTF8.GetString(cut.Content), Does.Not.Contain("abc123"));
    }

    /// <summary>The capture's content copied out, and its pooled buffer returned, as the commit does once it has written it.</summary>
    private static Kept Capture(byte[] original, RedactionLedger? ledger = null)
    {
        using var captured = TextCapture.Capture("x", "logs/x", original, Policy, Redactor, ledger ?? new RedactionLedger(), preferJson: true);
        return new Kept(captured.Content.ToArray(), captured.Extension, captured.Record);
    }

    private sealed record Kept(byte[] Content, string Extension, CaptureRecord Record);

    private static byte[] Text(int size)
    {
        var bytes = new byte[size];
        for (var i = 0; i < size; i++)
        {
            bytes[i] = i % 61 == 60 ? (byte)'\n' : (byte)('a' + (i % 26));
        }

        return bytes;
    }

    private static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
