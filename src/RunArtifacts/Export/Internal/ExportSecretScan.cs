using System.Text;
using RunArtifacts.Redaction.Internal;

namespace RunArtifacts.Export.Internal;

/// <summary>
/// The secret scan of an export file, with exactly the findings (rule, line, order) of
/// <see cref="TextFileSecretScan.Scan(SecretRedactor, string, CancellationToken)"/>, but faster on a large file: a file
/// over 16 MiB is scanned there in chunks of whole lines (each chunk closed by the first line that brings it to 16 MiB
/// characters), one after another. For a large file of plain ASCII text without a carriage return (what an export
/// writes), this cuts the same chunks from the bytes already in memory (one byte is one character then) and scans them
/// on all cores, in parallel, through the redactor's <see cref="SecretRedactor.FindSecrets"/>; the findings are put
/// back in chunk order. Any other content (a file up to 16 MiB, a NUL byte, non-ASCII bytes, a carriage return) takes
/// the same scan as before.
/// </summary>
internal static class ExportSecretScan
{
    private const int SniffBytes = 8192;
    private const int WholeTextLimit = 16 * 1024 * 1024;

    /// <summary>The rule and 1-based line of every secret pattern in <paramref name="content"/>, the bytes of the file at <paramref name="path"/>.</summary>
    public static List<(string Rule, int Line)> Scan(SecretRedactor redactor, string path, byte[] content, CancellationToken cancellationToken)
    {
        if (content.Length <= WholeTextLimit)
        {
            return TextFileSecretScan.Scan(redactor, content);
        }

        var all = content.AsSpan();
        if (all[..SniffBytes].Contains((byte)0))
        {
            return [];
        }

        if (!System.Text.Ascii.IsValid(all) || all.IndexOfAny((byte)0, (byte)'\r') >= 0)
        {
            return TextFileSecretScan.Scan(redactor, path, cancellationToken);
        }

        // The chunks of the line-by-line scan: whole lines, each chunk closed once it holds 16 MiB or more.
        var chunks = new List<(int Start, int Length, int LinesBefore)>();
        var start = 0;
        var lines = 0;
        var linesBefore = 0;
        var position = 0;
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
}
