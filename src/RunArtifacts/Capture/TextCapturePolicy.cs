using System.ComponentModel.DataAnnotations;

namespace RunArtifacts.Capture;

/// <summary>How long text (logs, stdout/stderr, provider responses, error bodies) is kept: past <see cref="MaxBytes"/>, the head and the tail.</summary>
/// <remarks>
/// Text is redacted before it is cut, so no secret is ever half kept. A cut text keeps its first <see cref="HeadBytes"/> and
/// last <see cref="TailBytes"/> (on UTF-8 character boundaries) with a one-line marker between them, and its record in
/// <c>run.json</c> → <c>captures</c> gives the original size and sha256, the kept bytes, the head, tail and omitted bytes and
/// <c>truncated: true</c>. Binary content (a NUL byte, many control bytes, or bytes that are not UTF-8 in the first 8 KiB) is
/// kept whole as a <c>.bin</c> file, never as text; secrets found in it are masked in place with <c>*</c>. Error messages
/// are cut at <see cref="MaxMessageChars"/> the same way (three quarters head, one quarter tail) and the error's
/// <c>message_capture</c> accounts for the cut.
/// </remarks>
public sealed class TextCapturePolicy
{
    /// <summary>Largest text kept whole, in UTF-8 bytes.</summary>
    /// <value>Default 1 MiB.</value>
    [Range(0, int.MaxValue)]
    public int MaxBytes { get; set; } = 1024 * 1024;

    /// <summary>Bytes kept from the start of a longer text.</summary>
    /// <value>Default 256 KiB.</value>
    [Range(0, int.MaxValue)]
    public int HeadBytes { get; set; } = 256 * 1024;

    /// <summary>Bytes kept from the end of a longer text.</summary>
    /// <value>Default 256 KiB.</value>
    [Range(0, int.MaxValue)]
    public int TailBytes { get; set; } = 256 * 1024;

    /// <summary>Longest error message kept in a record, in characters.</summary>
    /// <value>Default 4000.</value>
    [Range(64, 1024 * 1024)]
    public int MaxMessageChars { get; set; } = 4000;

    /// <summary>A copy (the store's snapshot).</summary>
    internal TextCapturePolicy Copy() => new() { MaxBytes = MaxBytes, HeadBytes = HeadBytes, TailBytes = TailBytes, MaxMessageChars = MaxMessageChars };
}
