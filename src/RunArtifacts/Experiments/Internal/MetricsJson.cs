using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;
using RunArtifacts.IO.Internal;
using RunArtifacts.Records;
using RunArtifacts.Serialization;

namespace RunArtifacts.Experiments.Internal;

/// <summary>
/// Writes <c>metrics.json</c> straight through a <see cref="Utf8JsonWriter"/>: byte for byte what the source-generated
/// context writes for a <see cref="MetricsRecord"/> (same property order, indentation, escaping, number and time formats;
/// a test compares them), without a record per point and without the serializer's metadata path (the context's time
/// converter keeps it off the fast path), so a 10,000-point series costs one buffer. The points themselves (names need
/// no escaping, numbers and times a formatter each) are laid out by hand in the writer's indented form.
/// </summary>
internal static class MetricsJson
{
    /// <summary>Room for one point: its fixed parts (indentation of at most 4 levels) and at most 32 + 20 + 40 bytes of values.</summary>
    private const int MaxPointBytes = 512;

    private static readonly JsonEncodedText SchemaProperty = JsonEncodedText.Encode("$schema");
    private static readonly JsonEncodedText SchemaVersionProperty = JsonEncodedText.Encode("schema_version");
    private static readonly JsonEncodedText ScalarsProperty = JsonEncodedText.Encode("scalars");
    private static readonly JsonEncodedText SeriesProperty = JsonEncodedText.Encode("series");

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
        var layout = PointLayout.For(options);
        foreach (var (name, list) in series)
        {
            writer.WriteStartArray(name);
            if (list.Count > 0)
            {
                // The points go straight into the buffer: the writer sees an empty array, and an empty array's "]" follows
                // its "[" with no new line, so the points and the new line and indentation before "]" are written here.
                writer.Flush();
                WritePoints(buffer, list, layout);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.Flush();
        return buffer;
    }

    /// <summary>
    /// The points of one series as the indented writer lays them out at depth 3 (root, "series", the array): one object per
    /// point, <c>value</c>, then <c>step</c> and <c>time</c> when present, numbers through <see cref="Utf8Formatter"/> as
    /// <see cref="Utf8JsonWriter"/> formats them, so the bytes are the writer's (a test compares them) at a fraction of its
    /// per-token cost.
    /// </summary>
    private static void WritePoints(PooledBufferWriter buffer, List<MetricPoint> points, PointLayout layout)
    {
        for (var i = 0; i < points.Count; i++)
        {
            var p = points[i];
            var span = buffer.GetSpan(MaxPointBytes);
            var n = 0;
            if (i > 0)
            {
                span[n++] = (byte)',';
            }

            layout.Open.CopyTo(span[n..]);
            n += layout.Open.Length;
            Utf8Formatter.TryFormat(p.Value, span[n..], out var written);
            n += written;
            if (p.Step is { } step)
            {
                layout.Step.CopyTo(span[n..]);
                n += layout.Step.Length;
                Utf8Formatter.TryFormat(step, span[n..], out written);
                n += written;
            }

            if (p.Time is { } t)
            {
                // Rfc3339UtcConverter's format; its characters need no escaping.
                layout.Time.CopyTo(span[n..]);
                n += layout.Time.Length;
                t.ToUniversalTime().TryFormat(span[n..], out written, Rfc3339UtcConverter.Format, CultureInfo.InvariantCulture);
                n += written;
                span[n++] = (byte)'"';
            }

            layout.Close.CopyTo(span[n..]);
            n += layout.Close.Length;
            buffer.Advance(n);
        }

        var end = buffer.GetSpan(layout.End.Length);
        layout.End.CopyTo(end);
        buffer.Advance(layout.End.Length);
    }

    /// <summary>The fixed bytes around a point's values for the context's indentation and new line.</summary>
    private sealed class PointLayout
    {
        private static PointLayout? cached;

        private PointLayout(JsonSerializerOptions options)
        {
            var nl = options.NewLine;
            string Indent(int depth) => new(options.IndentCharacter, depth * options.IndentSize);
            Open = Encoding.UTF8.GetBytes($"{nl}{Indent(3)}{{{nl}{Indent(4)}\"value\": ");
            Step = Encoding.UTF8.GetBytes($",{nl}{Indent(4)}\"step\": ");
            Time = Encoding.UTF8.GetBytes($",{nl}{Indent(4)}\"time\": \"");
            Close = Encoding.UTF8.GetBytes($"{nl}{Indent(3)}}}");
            End = Encoding.UTF8.GetBytes($"{nl}{Indent(2)}");
        }

        public byte[] Open { get; }

        public byte[] Step { get; }

        public byte[] Time { get; }

        public byte[] Close { get; }

        public byte[] End { get; }

        public static PointLayout For(JsonSerializerOptions options) => cached ??= new PointLayout(options);
    }
}
