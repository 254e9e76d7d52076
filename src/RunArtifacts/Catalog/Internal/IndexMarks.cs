using RunArtifacts.Index.Internal;
using RunArtifacts.Records;

namespace RunArtifacts.Catalog.Internal;

/// <summary>Reads marks and new lines of <c>index.jsonl</c> for the catalog's catch-up.</summary>
internal static class IndexMarks
{
    private const int TailBytes = 64;

    /// <summary>The index's length now, and the tail bytes before it.</summary>
    public static IndexMark Current(string indexPath)
    {
        var (length, _) = Read(indexPath, 0);
        return new IndexMark(length, Read(indexPath, length).Tail);
    }

    /// <summary>The index's length, and the hex of the (up to 64) bytes before <paramref name="position"/> (empty past the end).</summary>
    public static (long Length, string Tail) Read(string indexPath, long position)
    {
        if (!File.Exists(indexPath))
        {
            return (0, string.Empty);
        }

        IndexLines.EnsureRegular(indexPath);
        using var handle = File.OpenHandle(indexPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var length = RandomAccess.GetLength(handle);
        if (position > length || position <= 0)
        {
            return (length, string.Empty);
        }

        var size = (int)Math.Min(TailBytes, position);
        var buffer = new byte[size];
        var read = RandomAccess.Read(handle, buffer, position - size);
        return (length, Convert.ToHexStringLower(buffer.AsSpan(0, read)));
    }

    /// <summary>Parses the whole lines from <paramref name="from"/> on; returns them and where the last whole line ends.</summary>
    public static (List<IndexEntry> Entries, long End) ReadLines(string indexPath, long from)
    {
        var entries = new List<IndexEntry>();
        IndexLines.EnsureRegular(indexPath);
        using var stream = new FileStream(indexPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16);
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
            if (!line.IsEmpty && IndexLines.TryParse(line, out var entry))
            {
                entries.Add(entry);
            }

            start = i + 1;
        }

        return (entries, from + last + 1);
    }
}
