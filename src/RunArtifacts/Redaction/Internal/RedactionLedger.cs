using RunArtifacts.Records;

namespace RunArtifacts.Redaction.Internal;

/// <summary>
/// Collects what was redacted in one run: where (file and JSON path or line) and by which rule, never the value.
/// Consecutive redactions at the same place by the same rule are merged into one entry with a count. Thread-safe.
/// </summary>
internal sealed class RedactionLedger
{
    private readonly List<Entry> entries = [];
    private readonly Dictionary<string, int> byRule = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private int total;

    /// <summary>Total number of values redacted.</summary>
    public int Total
    {
        get
        {
            lock (gate)
            {
                return total;
            }
        }
    }

    /// <summary>Records <paramref name="count"/> redactions by <paramref name="rule"/> at <paramref name="location"/> in <paramref name="file"/>.</summary>
    public void Add(string file, string location, string rule, int count = 1)
    {
        if (count <= 0)
        {
            return;
        }

        lock (gate)
        {
            total += count;
            byRule[rule] = byRule.GetValueOrDefault(rule) + count;
            if (entries.Count > 0)
            {
                var last = entries[^1];
                if (last.File == file && last.Location == location && last.Rule == rule)
                {
                    last.Count += count;
                    return;
                }
            }

            entries.Add(new Entry(file, location, rule) { Count = count });
        }
    }

    /// <summary>Adds everything another ledger recorded.</summary>
    public void AddRange(RedactionLedger other)
    {
        ArgumentNullException.ThrowIfNull(other);
        List<Entry> copy;
        lock (other.gate)
        {
            copy = other.entries.Select(e => new Entry(e.File, e.Location, e.Rule) { Count = e.Count }).ToList();
        }

        foreach (var e in copy)
        {
            Add(e.File, e.Location, e.Rule, e.Count);
        }
    }

    /// <summary>The accounting written to <c>run.json</c>: exact totals, and at most <paramref name="maxEntries"/> entries.</summary>
    public RedactionSummary ToSummary(string marker, int maxEntries)
    {
        lock (gate)
        {
            return new RedactionSummary
            {
                Marker = marker,
                Total = total,
                ByRule = new SortedDictionary<string, int>(byRule, StringComparer.Ordinal),
                Entries = entries.Take(maxEntries).Select(e => new RedactionEntry { File = e.File, Location = e.Location, Rule = e.Rule, Count = e.Count }).ToList(),
                EntriesTruncated = entries.Count > maxEntries,
            };
        }
    }

    private sealed record Entry(string File, string Location, string Rule)
    {
        public int Count { get; set; }
    }
}
