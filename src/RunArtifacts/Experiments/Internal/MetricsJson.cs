using System.Globalization;
using System.Text.Json;
using RunArtifacts.Records;
using RunArtifacts.Serialization;

namespace RunArtifacts.Experiments.Internal;

/// <summary>
/// Writes <c>metrics.json</c> straight through a <see cref="Utf8JsonWriter"/>: byte for byte what the source-generated
/// context writes for a <see cref="MetricsRecord"/> (same property order, indentation, escaping, number and time formats;
/// a test compares them), without a record per point and without the serializer's metadata path (the context's time
/// converter keeps it off the fast path), so a 10,000-point series costs one buffer.
/// </summary>
internal static class MetricsJson
{
    private static readonly JsonEncodedText SchemaProperty = JsonEncodedText.Encode("$schema");
    private static readonly JsonEncodedText SchemaVersionProperty = JsonEncodedText.Encode("schema_version");
    private static readonly JsonEncodedText ScalarsProperty = JsonEncodedText.Encode("scalars");
    private static readonly JsonEncodedText SeriesProperty = JsonEncodedText.Encode("series");
    private static readonly JsonEncodedText ValueProperty = JsonEncodedText.Encode("value");
    private static readonly JsonEncodedText StepProperty = JsonEncodedText.Encode("step");
    private static readonly JsonEncodedText TimeProperty = JsonEncodedText.Encode("time");

    /// <summary>The UTF-8 bytes of <c>metrics.json</c>: scalars in ordinal name order, series in the order given (dispose the buffer).</summary>
    /// <param name="scalars">Scalar metrics by name.</param>
    /// <param name="series">Series by name; times are already UTC.</param>
    public static PooledBufferWriter Write(IReadOnlyDictionary<string, double> scalars, IReadOnlyDictionary<string, List<MetricPoint>> series)
    {
        var points = 0;
        foreach (var list in series.Values)
        {
            points += list.Count;
        }

        var buffer = new PooledBufferWriter(1024 + (points * 80));
        var options = RunArtifactsJsonContext.Default.Options;
        using var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions
        {
            Indented = options.WriteIndented,
            IndentSize = options.IndentSize,
            IndentCharacter = options.IndentCharacter,
            NewLine = options.NewLine,
            Encoder = options.Encoder,
            SkipValidation = true,
        });
        writer.WriteStartObject();
        writer.WriteString(SchemaProperty, SchemaIds.Metrics);
        writer.WriteString(SchemaVersionProperty, SchemaIds.Version);
        writer.WriteStartObject(ScalarsProperty);
        foreach (var name in scalars.Keys.Order(StringComparer.Ordinal))
        {
            writer.WriteNumber(name, scalars[name]);
        }

        writer.WriteEndObject();
        writer.WriteStartObject(SeriesProperty);
        Span<byte> time = stackalloc byte[40];
        foreach (var (name, list) in series)
        {
            writer.WriteStartArray(name);
            foreach (var p in list)
            {
                writer.WriteStartObject();
                writer.WriteNumber(ValueProperty, p.Value);
                if (p.Step is { } step)
                {
                    writer.WriteNumber(StepProperty, step);
                }

                if (p.Time is { } t)
                {
                    // Rfc3339UtcConverter's format; its characters need no escaping.
                    t.ToUniversalTime().TryFormat(time, out var length, Rfc3339UtcConverter.Format, CultureInfo.InvariantCulture);
                    writer.WriteString(TimeProperty, time[..length]);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.Flush();
        return buffer;
    }
}
