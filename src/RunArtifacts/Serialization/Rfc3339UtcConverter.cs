using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RunArtifacts.Serialization;

/// <summary>Writes times as RFC 3339 in UTC with microseconds (<c>2026-03-26T21:45:12.123456Z</c>); reads any RFC 3339 time.</summary>
internal sealed class Rfc3339UtcConverter : JsonConverter<DateTimeOffset>
{
    internal const string Format = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        if (text is null || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value))
        {
            throw new JsonException($"'{text}' is not an RFC 3339 time.");
        }

        return value.ToUniversalTime();
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
        => writer.WriteStringValue(ToText(value));

    internal static string ToText(DateTimeOffset value)
        => value.ToUniversalTime().ToString(Format, CultureInfo.InvariantCulture);
}
