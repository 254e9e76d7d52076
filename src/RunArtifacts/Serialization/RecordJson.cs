using System.Text.Json;
using RunArtifacts.Records;

namespace RunArtifacts.Serialization;

/// <summary>
/// Records written as the bundle writes them (snake_case names, RFC 3339 UTC times), for tools that print records:
/// one compact line of JSON per record, as in <c>index.jsonl</c>.
/// </summary>
public static class RecordJson
{
    /// <summary>A run record as one line of JSON (schema run v1).</summary>
    /// <param name="record">The record.</param>
    /// <returns>The JSON text, without a line break.</returns>
    public static string ToJsonLine(RunRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return JsonSerializer.Serialize(record, RunArtifactsJsonContext.Compact.RunRecord);
    }

    /// <summary>An index entry as one line of JSON (schema index-entry v1), as in <c>index.jsonl</c>.</summary>
    /// <param name="entry">The entry.</param>
    /// <returns>The JSON text, without a line break.</returns>
    public static string ToJsonLine(IndexEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return JsonSerializer.Serialize(entry, RunArtifactsJsonContext.Compact.IndexEntry);
    }

    /// <summary>A review event as one line of JSON (schema review-event v1), as in <c>reviews.jsonl</c>.</summary>
    /// <param name="reviewEvent">The event.</param>
    /// <returns>The JSON text, without a line break.</returns>
    public static string ToJsonLine(Reviews.ReviewEvent reviewEvent)
    {
        ArgumentNullException.ThrowIfNull(reviewEvent);
        return JsonSerializer.Serialize(reviewEvent, RunArtifactsJsonContext.Compact.ReviewEvent);
    }

    /// <summary>A time as the records write it: RFC 3339 in UTC with microseconds (<c>2026-03-26T21:45:12.123000Z</c>).</summary>
    /// <param name="time">The time.</param>
    /// <returns>The text.</returns>
    public static string FormatTimestamp(DateTimeOffset time) => Rfc3339UtcConverter.ToText(time);
}
