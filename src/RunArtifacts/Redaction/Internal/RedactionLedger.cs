using RunArtifacts.Records;

namespace RunArtifacts.Redaction.Internal;

/// <summary>Collects what was redacted in one run (where and by which rule, never the value). Thread-safe.</summary>
internal sealed class RedactionLedger
{
    private readonly List<RedactionEntry> entries = [];
    private readonly Dictionary<string, int> byRule = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private int total;

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

    public void Add(string file, string location, string rule, int count = 1)
    {
        lock (gate)
        {
            total += count;
            byRule[rule] = byRule.GetValueOrDefault(rule) + count;
            entries.Add(new RedactionEntry { File = file, Location = location, Rule = rule, Count = count });
        }
    }

    public RedactionSummary ToSummary(string marker, int maxEntries)
    {
        lock (gate)
        {
            return new RedactionSummary
            {
                Marker = marker,
                Total = total,
                ByRule = new SortedDictionary<string, int>(byRule, StringComparer.Ordinal),
                Entries = entries.Take(maxEntries).ToList(),
                EntriesTruncated = entries.Count > maxEntries,
            };
        }
    }
}
