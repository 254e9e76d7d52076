using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using RunArtifacts.Records;
using RunArtifacts.Redaction.Internal;

namespace RunArtifacts.Capture.Internal;

/// <summary>
/// What a capture keeps on disk, and the record that accounts for it. A redacted text or JSON log is held in a buffer
/// rented from the shared pool: write <see cref="Content"/>, then dispose, which returns the buffer (large logs reuse
/// memory already mapped instead of touching fresh pages each time).
/// </summary>
internal sealed class CapturedContent(ReadOnlyMemory<byte> content, string extension, CaptureRecord record, IDisposable? buffer = null) : IDisposable
{
    /// <summary>The bytes to write; valid until <see cref="Dispose"/>.</summary>
    public ReadOnlyMemory<byte> Content { get; private set; } = content;

    /// <summary>The file's extension: <c>txt</c>, <c>json</c> or <c>bin</c>.</summary>
    public string Extension { get; } = extension;

    /// <summary>The record that accounts for the content.</summary>
    public CaptureRecord Record { get; } = record;

    /// <summary>Returns the rented buffer, if any; <see cref="Content"/> is empty afterwards.</summary>
    public void Dispose()
    {
        Content = ReadOnlyMemory<byte>.Empty;
        buffer?.Dispose();
        buffer = null;
    }
}

/// <summary>
/// Captures one piece of content (a log, stdout/stderr, a response body). Binary content is kept byte for byte as a
/// <c>.bin</c> file (secrets found in it are masked in place with <c>*</c>, same length, so offsets hold). Text and JSON
/// are redacted first, then text longer than <see cref="TextCapturePolicy.MaxBytes"/> keeps its first
/// <see cref="TextCapturePolicy.HeadBytes"/> and last <see cref="TextCapturePolicy.TailBytes"/> (cut on UTF-8 boundaries)
/// with a one-line marker between them. The record always carries the original size and sha256, the kept bytes and the
/// truncated flag: nothing is dropped without a record saying so.
/// </summary>
internal static class TextCapture
{
    internal const string TruncationMarkerFormat = "\n[... {0} bytes truncated by RunArtifacts; original {1} bytes, sha256 {2} ...]\n";

    private const int BinarySample = 8192;

    /// <summary>Captures <paramref name="originalMemory"/>; the caller disposes the result once its content is written.</summary>
    public static CapturedContent Capture(string name, string relativePathWithoutExtension, ReadOnlyMemory<byte> originalMemory, TextCapturePolicy policy, SecretRedactor redactor, RedactionLedger ledger, bool preferJson)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(redactor);
        var original = originalMemory.Span;
        var sha = Convert.ToHexStringLower(SHA256.HashData(original));
        if (LooksBinary(original))
        {
            var path = relativePathWithoutExtension + ".bin";
            var masked = MaskBinary(original.ToArray(), path, redactor, ledger);
            return new CapturedContent(masked, "bin", new CaptureRecord
            {
                Name = name,
                Path = path,
                OriginalBytes = original.Length,
                OriginalSha256 = sha,
                KeptBytes = masked.Length,
                Truncated = false,
                Binary = true,
                ContentType = "binary",
            });
        }

        var isJson = false;
        // Redacted output is about the size of the original (JSON re-indented, text with markers a little longer).
        var buffer = new IO.Internal.PooledBufferWriter((int)Math.Min(Array.MaxLength, original.Length + (original.Length / 4L) + 256));
        try
        {
            if (preferJson && TryParseJson(originalMemory, out var document))
            {
                isJson = true;
                using (document)
                using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
                {
                    // Read once, written once: no node tree, unchanged values copied as they are.
                    redactor.WriteRedactedJson(document.RootElement, writer, relativePathWithoutExtension + ".json", ledger);
                }
            }
            else
            {
                var text = Encoding.UTF8.GetString(original);
                redactor.RedactTextToUtf8(text, relativePathWithoutExtension + ".txt", ledger, buffer);
            }
        }
        catch
        {
            buffer.Dispose();
            throw;
        }

        var redacted = buffer.WrittenMemory;
        var redactedLength = redacted.Length;
        var (kept, head, tail) = Truncate(redacted.Span, policy, original.Length, sha);
        var truncated = kept is not null;
        if (truncated)
        {
            // Head, marker and tail were copied out: the whole redacted text is no longer needed.
            buffer.Dispose();
        }

        // Truncated JSON is no longer JSON: keep it as text so no reader is misled.
        var extension = isJson && !truncated ? "json" : "txt";
        return new CapturedContent(truncated ? kept : redacted, extension, new CaptureRecord
        {
            Name = name,
            Path = relativePathWithoutExtension + "." + extension,
            OriginalBytes = original.Length,
            OriginalSha256 = sha,
            KeptBytes = truncated ? kept!.Length : redactedLength,
            Truncated = truncated,
            HeadBytes = head,
            TailBytes = tail,
            OmittedBytes = truncated ? redactedLength - head!.Value - tail!.Value : null,
            Binary = false,
            ContentType = isJson ? "json" : "text",
        }, truncated ? null : buffer);
    }

    /// <summary>
    /// Null when <paramref name="bytes"/> fits and is kept whole; else a new array of head + marker + tail, cut on UTF-8
    /// boundaries, with the head's and the tail's lengths.
    /// </summary>
    internal static (byte[]? Kept, long? Head, long? Tail) Truncate(ReadOnlySpan<byte> bytes, TextCapturePolicy policy, long originalBytes, string originalSha256)
    {
        if (bytes.Length <= policy.MaxBytes)
        {
            return (null, null, null);
        }

        var h = Utf8BoundaryDown(bytes, Math.Min(policy.HeadBytes, bytes.Length));
        var tailStart = Utf8BoundaryUp(bytes, Math.Max(h, bytes.Length - policy.TailBytes));
        var t = bytes.Length - tailStart;
        var marker = Encoding.UTF8.GetBytes(string.Format(CultureInfo.InvariantCulture, TruncationMarkerFormat, bytes.Length - h - t, originalBytes, originalSha256));
        var kept = new byte[h + marker.Length + t];
        bytes[..h].CopyTo(kept);
        marker.CopyTo(kept.AsSpan(h));
        bytes[tailStart..].CopyTo(kept.AsSpan(h + marker.Length));
        return (kept, h, t);
    }

    /// <summary>
    /// Binary when the first 8 KiB hold a NUL byte or many control bytes, or when the content is not UTF-8 and most of its
    /// high bytes do not form UTF-8 sequences.
    /// </summary>
    internal static bool LooksBinary(ReadOnlySpan<byte> content)
    {
        if (content.IsEmpty)
        {
            return false;
        }

        var sample = content[..Math.Min(content.Length, BinarySample)];
        if (sample.IndexOf((byte)0) >= 0)
        {
            return true;
        }

        var control = 0;
        foreach (var b in sample)
        {
            if (b < 0x20 && b is not (byte)'\n' and not (byte)'\r' and not (byte)'\t' and not 0x0c and not 0x1b)
            {
                control++;
            }
        }

        if (control * 10 > sample.Length)
        {
            return true;
        }

        // A cut in the middle of a sequence at the end of the sample is not evidence of binary.
        var complete = sample.Length == content.Length ? sample : sample[..Utf8BoundaryDown(sample, sample.Length)];
        return !Utf8.IsValid(complete);
    }

    private static byte[] MaskBinary(byte[] bytes, string path, SecretRedactor redactor, RedactionLedger ledger)
    {
        // Latin-1 maps each byte to one char, so character ranges are byte ranges.
        var view = Encoding.Latin1.GetString(bytes);
        foreach (var found in redactor.FindSecretRanges(view))
        {
            bytes.AsSpan(found.Start, found.Length).Fill((byte)'*');
            ledger.Add(path, "offset " + found.Start.ToString(CultureInfo.InvariantCulture), found.Rule);
        }

        return bytes;
    }

    /// <summary>Parses <paramref name="utf8"/> in place (the document reads the caller's memory; nothing is copied).</summary>
    private static bool TryParseJson(ReadOnlyMemory<byte> utf8, out JsonDocument document)
    {
        document = null!;
        var span = utf8.Span;
        var start = span.IndexOfAnyExcept(" \t\r\n"u8);
        if (start < 0 || (span[start] != (byte)'{' && span[start] != (byte)'['))
        {
            return false;
        }

        try
        {
            document = JsonDocument.Parse(utf8, new JsonDocumentOptions { MaxDepth = 256 });
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Largest index ≤ <paramref name="index"/> that does not split a UTF-8 sequence.</summary>
    internal static int Utf8BoundaryDown(ReadOnlySpan<byte> bytes, int index)
    {
        index = Math.Clamp(index, 0, bytes.Length);
        while (index > 0 && index < bytes.Length && (bytes[index] & 0xC0) == 0x80)
        {
            index--;
        }

        return index;
    }

    /// <summary>Smallest index ≥ <paramref name="index"/> that does not split a UTF-8 sequence.</summary>
    internal static int Utf8BoundaryUp(ReadOnlySpan<byte> bytes, int index)
    {
        index = Math.Clamp(index, 0, bytes.Length);
        while (index < bytes.Length && (bytes[index] & 0xC0) == 0x80)
        {
            index++;
        }

        return index;
    }
}
