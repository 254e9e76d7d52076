using System.ComponentModel.DataAnnotations;

namespace RunArtifacts.Capture;

/// <summary>How long text (logs, stdout/stderr, error bodies) is kept: past <see cref="MaxBytes"/>, the head and the tail.</summary>
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
}
