using System.Text;

namespace RunArtifacts.Redaction.Internal;

/// <summary>
/// Finds secret patterns in a file on disk when it is text (no NUL byte in its first 8 KiB), scanning large files in
/// whole-line chunks so line numbers hold. Used by the commit (originals: a warning) and by verify (every file).
/// </summary>
internal static class TextFileSecretScan
{
    private const int SniffBytes = 8192;
    private const int WholeTextLimit = 16 * 1024 * 1024;

    /// <summary>The same scan of a file already read whole (at most <c>16 MiB</c>): the same test for binary content, the same decoding.</summary>
    public static List<(string Rule, int Line)> Scan(SecretRedactor redactor, byte[] content)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(content.Length, WholeTextLimit);
        if (content.AsSpan(0, Math.Min(SniffBytes, content.Length)).Contains((byte)0))
        {
            return [];
        }

        using var reader = new StreamReader(new MemoryStream(content, writable: false), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return [.. redactor.FindSecrets(reader.ReadToEnd())];
    }

    /// <summary>The rule and 1-based line of every match; empty for a binary file. Never returns a value.</summary>
    public static List<(string Rule, int Line)> Scan(SecretRedactor redactor, string path, CancellationToken cancellationToken = default)
    {
        var found = new List<(string Rule, int Line)>();
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        var head = new byte[(int)Math.Min(SniffBytes, stream.Length)];
        stream.ReadExactly(head);
        if (head.AsSpan().Contains((byte)0))
        {
            return found;
        }

        stream.Position = 0;
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        if (stream.Length <= WholeTextLimit)
        {
            Report(reader.ReadToEnd(), 0);
            return found;
        }

        // Large text: scan whole lines in chunks, keeping line numbers.
        var chunk = new StringBuilder();
        var linesBefore = 0;
        var linesInChunk = 0;
        while (reader.ReadLine() is { } line)
        {
            chunk.Append(line).Append('\n');
            linesInChunk++;
            if (chunk.Length >= WholeTextLimit)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Report(chunk.ToString(), linesBefore);
                linesBefore += linesInChunk;
                linesInChunk = 0;
                chunk.Clear();
            }
        }

        Report(chunk.ToString(), linesBefore);
        return found;

        void Report(string text, int lineOffset)
        {
            foreach (var (rule, line) in redactor.FindSecrets(text))
            {
                found.Add((rule, line + lineOffset));
            }
        }
    }
}
