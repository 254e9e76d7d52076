namespace RunArtifacts.Records;

/// <summary>Accounting of everything the redactor removed from a run.</summary>
public sealed record RedactionSummary
{
    /// <summary>The marker that replaced each secret.</summary>
    public required string Marker { get; init; }

    /// <summary>Total number of values replaced.</summary>
    public int Total { get; init; }

    /// <summary>Count per rule.</summary>
    public IReadOnlyDictionary<string, int> ByRule { get; init; } = new Dictionary<string, int>();

    /// <summary>Each redaction, in the order it was made.</summary>
    public IReadOnlyList<RedactionEntry> Entries { get; init; } = [];

    /// <summary>True when <see cref="Entries"/> was capped; <see cref="Total"/> still counts them all.</summary>
    public bool EntriesTruncated { get; init; }
}
