using System.Text;
using System.Text.Json;
using RunArtifacts.IO.Internal;
using RunArtifacts.Records;
using RunArtifacts.Serialization;

namespace RunArtifacts.Index.Internal;

/// <summary>One line of <c>index.jsonl</c> with its 1-based line number.</summary>
internal readonly record struct IndexLine(int LineNumber, string Text);

/// <summary>
/// The one reader of <c>index.jsonl</c> lines: forwards (oldest first, numbered), backwards (newest first) or from a
/// byte position (the catalog's catch-up), and the one parser of a line. Every index reader (<see cref="IndexFile"/>,
/// reindex, prune, verify, the catalog) goes through it.
/// </summary>
internal static class IndexLines
{
    /// <summary>Every non-empty line, oldest first; empty lines are skipped but counted in the numbers. None when there is no index.</summary>
    public static IEnumerable<IndexLine> Forward(string path)
    {
        if (!File.Exists(path))
        {
            yield break;
        }

        EnsureRegular(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (line.Length > 0)
            {
                yield return new IndexLine(number, line);
            }
        }
    }

    /// <summary>
    /// The index's length, and the (up to <paramref name="tailBytes"/>) bytes before <paramref name="position"/> (none
    /// past the end or at 0): how the catalog recognises the index it caught up with. (0, none) when there is no index.
    /// </summary>
    public static (long Length, byte[] Tail) LengthAndTail(string path, long position, int tailBytes)
    {
        if (!File.Exists(path))
        {
            return (0, []);
        }

        EnsureRegular(path);
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var length = RandomAccess.GetLength(handle);
        if (position > length || position <= 0)
        {
            return (length, []);
        }

        var buffer = new byte[(int)Math.Min(tailBytes, position)];
        var read = RandomAccess.Read(handle, buffer, position - buffer.Length);
        return (length, buffer[..read]);
    }

    /// <summary>
    /// The entries of the whole lines from byte <paramref name="from"/> on (a torn last line is left for later; bad
    /// lines are skipped), and the byte where the last whole line ends: the catalog's catch-up.
    /// </summary>
    public static (List<IndexEntry> Entries, long End) WholeLinesFrom(string path, long from)
    {
        var entries = new List<IndexEntry>();
        EnsureRegular(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16);
        var length = stream.Length;
        if (length <= from)
        {
            return (entries, from);
        }

        stream.Position = from;
        var data = new byte[length - from];
        stream.ReadExactly(data);
        var last = Array.LastIndexOf(data, (byte)'\n');
        if (last < 0)
        {
            return (entries, from);
        }

        var start = 0;
        for (var i = 0; i <= last; i++)
        {
            if (data[i] != (byte)'\n')
            {
                continue;
            }

            var line = data.AsSpan(start, i - start);
            if (!line.IsEmpty && TryParse(line, out var entry))
            {
                entries.Add(entry);
            }

            start = i + 1;
        }

        return (entries, from + last + 1);
    }

    private static void EnsureRegular(string path) => RegularFiles.EnsureReadable(path, "Remove it; 'reindex' rebuilds the index from the run folders.");

    /// <summary>Every line that is not blank, newest first, read in blocks from the end (stop enumerating once you have enough).</summary>
    public static IEnumerable<byte[]> Backward(string path)
    {
        if (!File.Exists(path))
        {
            yield break;
        }

        EnsureRegular(path);
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var position = RandomAccess.GetLength(handle);
        const int block = 64 * 1024;
        var carry = Array.Empty<byte>();
        var buffer = new byte[block];
        var lines = new List<byte[]>();
        while (position > 0)
        {
            var size = (int)Math.Min(block, position);
            position -= size;
            RandomAccess.Read(handle, buffer.AsSpan(0, size), position);
            var data = new byte[size + carry.Length];
            buffer.AsSpan(0, size).CopyTo(data);
            carry.CopyTo(data, size);

            lines.Clear();
            var end = data.Length;
            for (var i = data.Length - 1; i >= 0; i--)
            {
                if (data[i] == (byte)'\n')
                {
                    AddIfNotBlank(lines, data.AsSpan(i + 1, end - i - 1));
                    end = i;
                }
            }

            carry = data.AsSpan(0, end).ToArray();
            foreach (var line in lines)
            {
                yield return line;
            }
        }

        if (carry.Length > 0 && !IsBlank(carry))
        {
            yield return carry;
        }
    }

    /// <summary>Parses one line; false for a torn or foreign line (no run id or run path).</summary>
    public static bool TryParse(ReadOnlySpan<byte> line, out IndexEntry entry)
    {
        entry = null!;
        try
        {
            var parsed = JsonSerializer.Deserialize(line, RunArtifactsJsonContext.Default.IndexEntry);
            if (parsed is null || string.IsNullOrEmpty(parsed.RunId) || string.IsNullOrEmpty(parsed.RunPath))
            {
                return false;
            }

            entry = parsed;
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Parses one line held as text.</summary>
    public static bool TryParse(string line, out IndexEntry entry) => TryParse(Encoding.UTF8.GetBytes(line), out entry);

    /// <summary>The <c>run_id</c> of a line, read leniently (verify checks the rest); null for a torn or foreign line.</summary>
    public static string? RunIdOf(string line)
    {
        try
        {
            using var doc = JsonDocument.Parse(line);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("run_id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void AddIfNotBlank(List<byte[]> lines, ReadOnlySpan<byte> line)
    {
        if (!IsBlank(line))
        {
            lines.Add(line.ToArray());
        }
    }

    private static bool IsBlank(ReadOnlySpan<byte> span)
    {
        foreach (var b in span)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                return false;
            }
        }

        return true;
    }
}
