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
        var (length, tail) = IndexLines.LengthAndTail(indexPath, position, TailBytes);
        return (length, Convert.ToHexStringLower(tail));
    }

    /// <summary>Parses the whole lines from <paramref name="from"/> on; returns them and where the last whole line ends.</summary>
    public static (List<IndexEntry> Entries, long End) ReadLines(string indexPath, long from) => IndexLines.WholeLinesFrom(indexPath, from);
}
