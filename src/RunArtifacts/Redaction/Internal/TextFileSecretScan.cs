using System.Text;

namespace RunArtifacts.Redaction.Internal;

/// <summary>
/// Finds secret patterns in a file on disk when it is text (no NUL byte in its first 8 KiB), scanning large files in
/// whole-line chunks so line numbers hold. Used by the commit (originals: a warning), by verify (every file) and by
/// export and validate-export (their data files, already in memory: <see cref="ScanWhole"/>).
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
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        var head = new byte[(int)Math.Min(SniffBytes, stream.Length)];
        stream.ReadExactly(head);
        if (head.AsSpan().Contains((byte)0))
        {
            return [];
        }

        stream.Position = 0;
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return ScanText(redactor, reader, stream.Length, cancellationToken);
    }

    /// <summary>
    /// The same scan of a file already read whole, of any size, with exactly the findings (rule, line, order) of the scan
    /// from its path. Large plain ASCII text without a carriage return (an export's data files) is cut into the very
    /// chunks of the line-by-line scan, straight from the bytes (one byte is one character then), and the chunks are
    /// scanned on all cores; any other large content takes the line-by-line scan over the bytes in memory.
    /// </summary>
    public static List<(string Rule, int Line)> ScanWhole(SecretRedactor redactor, byte[] content, CancellationToken cancellationToken)
    {
        if (content.Length <= WholeTextLimit)
        {
            return Scan(redactor, content);
        }

        var all = content.AsSpan();
        if (all[..SniffBytes].Contains((byte)0))
        {
            return [];
        }

        if (!Ascii.IsValid(all) || all.IndexOfAny((byte)0, (byte)'\r') >= 0)
        {
            using var reader = new StreamReader(new MemoryStream(content, writable: false), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            return ScanText(redactor, reader, content.Length, cancellationToken);
        }

        // The chunks of the line-by-line scan: whole lines, each chunk closed once it holds 16 MiB or more.
        var chunks = new List<(int Start, int Length, int LinesBefore)>();
        int start = 0, lines = 0, linesBefore = 0, position = 0;
        while (position < content.Length)
        {
            var nl = all[position..].IndexOf((byte)'\n');
            position = nl < 0 ? content.Length : position + nl + 1;
            lines++;
            if (position - start >= WholeTextLimit)
            {
                chunks.Add((start, position - start, linesBefore));
                linesBefore += lines;
                lines = 0;
                start = position;
            }
        }

        chunks.Add((start, position - start, linesBefore));
        var found = new List<(string Rule, int Line)>[chunks.Count];
        Parallel.For(0, chunks.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            var (offset, length, before) = chunks[i];

            // The line-by-line scan gives every line a closing newline, the last one too.
            var text = Encoding.ASCII.GetString(content, offset, length);
            if (length > 0 && content[offset + length - 1] != (byte)'\n')
            {
                text += "\n";
            }

            found[i] = [.. redactor.FindSecrets(text).Select(f => (f.Rule, f.Line + before))];
        });
        return [.. found.SelectMany(f => f)];
    }

    /// <summary>Text of <paramref name="length"/> bytes: scanned whole up to 16 MiB, else in whole-line chunks keeping line numbers.</summary>
    private static List<(string Rule, int Line)> ScanText(SecretRedactor redactor, StreamReader reader, long length, CancellationToken cancellationToken)
    {
        var found = new List<(string Rule, int Line)>();
        if (length <= WholeTextLimit)
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
