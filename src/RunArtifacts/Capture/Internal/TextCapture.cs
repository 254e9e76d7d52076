using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using RunArtifacts.Records;
using RunArtifacts.Redaction.Internal;

namespace RunArtifacts.Capture.Internal;

/// <summary>What a capture keeps on disk, and the record that accounts for it.</summary>
internal sealed record CapturedContent(byte[] Content, string Extension, CaptureRecord Record);

/// <summary>Captures one piece of content (a log, a response body): binary kept as is, JSON and text redacted, long text cut to head + tail.</summary>
internal static class TextCapture
{
    internal const string TruncationMarkerFormat = "\n[... {0} bytes truncated by RunArtifacts; original {1} bytes, sha256 {2} ...]\n";

    public static CapturedContent Capture(string name, string relativePathWithoutExtension, ReadOnlySpan<byte> original, TextCapturePolicy policy, SecretRedactor redactor, RedactionLedger ledger, bool preferJson)
    {
        var sha = Convert.ToHexStringLower(SHA256.HashData(original));
        if (LooksBinary(original))
        {
            return new CapturedContent(original.ToArray(), "bin", new CaptureRecord
            {
                Name = name, Path = relativePathWithoutExtension + ".bin", OriginalBytes = original.Length, OriginalSha256 = sha,
                KeptBytes = original.Length, Truncated = false, Binary = true, ContentType = "binary",
            });
        }

        var text = Encoding.UTF8.GetString(original);
        string redacted;
        var isJson = false;
        if (preferJson && TryParseJson(text, out var node))
        {
            isJson = true;
            redacted = redactor.RedactJson(node, relativePathWithoutExtension + ".json", ledger)?.ToJsonString(JsonOptions) ?? "null";
        }
        else
        {
            redacted = redactor.RedactText(text, relativePathWithoutExtension + ".txt", ledger);
        }

        var bytes = Encoding.UTF8.GetBytes(redacted);
        var truncated = bytes.Length > policy.MaxBytes;
        long? head = null, tail = null;
        if (truncated)
        {
            var h = Utf8Boundary(bytes, policy.HeadBytes);
            var t = bytes.Length - Utf8Boundary(bytes, bytes.Length - policy.TailBytes);
            var marker = Encoding.UTF8.GetBytes(string.Format(System.Globalization.CultureInfo.InvariantCulture, TruncationMarkerFormat, bytes.Length - h - t, original.Length, sha));
            var kept = new byte[h + marker.Length + t];
            bytes.AsSpan(0, h).CopyTo(kept);
            marker.CopyTo(kept.AsSpan(h));
            bytes.AsSpan(bytes.Length - t).CopyTo(kept.AsSpan(h + marker.Length));
            bytes = kept;
            head = h;
            tail = t;
        }

        // Truncated JSON is no longer JSON: keep it as text so no reader is misled.
        var extension = isJson && !truncated ? "json" : "txt";
        return new CapturedContent(bytes, extension, new CaptureRecord
        {
            Name = name, Path = relativePathWithoutExtension + "." + extension, OriginalBytes = original.Length, OriginalSha256 = sha,
            KeptBytes = bytes.Length, Truncated = truncated, HeadBytes = head, TailBytes = tail, Binary = false, ContentType = isJson ? "json" : "text",
        });
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, TypeInfoResolver = Serialization.RunArtifactsJsonContext.Default };

    internal static bool LooksBinary(ReadOnlySpan<byte> content)
    {
        var sample = content[..Math.Min(content.Length, 8192)];
        if (sample.IndexOf((byte)0) >= 0)
        {
            return true;
        }

        return !Utf8.IsValid(content) && !Utf8.IsValid(sample[..Utf8Boundary(sample.ToArray(), sample.Length)]);
    }

    private static bool TryParseJson(string text, out JsonNode? node)
    {
        node = null;
        var trimmed = text.AsSpan().TrimStart();
        if (trimmed.IsEmpty || (trimmed[0] != '{' && trimmed[0] != '['))
        {
            return false;
        }

        try
        {
            node = JsonNode.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Largest index ≤ <paramref name="index"/> that does not split a UTF-8 sequence.</summary>
    internal static int Utf8Boundary(byte[] bytes, int index)
    {
        index = Math.Clamp(index, 0, bytes.Length);
        while (index > 0 && index < bytes.Length && (bytes[index] & 0xC0) == 0x80)
        {
            index--;
        }

        return index;
    }
}
