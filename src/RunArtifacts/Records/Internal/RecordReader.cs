using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using RunArtifacts.IO.Internal;
using RunArtifacts.Schemas;
using RunArtifacts.Schemas.Internal;

namespace RunArtifacts.Records.Internal;

/// <summary>What kind of problem a record read found.</summary>
internal enum RecordProblemKind
{
    /// <summary>The record cannot be read: missing, not JSON, another kind, another major version, or does not fit its type.</summary>
    Read,

    /// <summary>The record does not match its JSON Schema.</summary>
    Schema,
}

/// <summary>One problem of a record read.</summary>
internal readonly record struct RecordProblem(RecordProblemKind Kind, string Message);

/// <summary>A record read that reports problems instead of throwing: the record (null when it could not be mapped) and every problem found.</summary>
internal sealed record RecordRead<T>(T? Record, IReadOnlyList<RecordProblem> Problems)
    where T : class;

/// <summary>
/// The one reader of records (<c>run.json</c>, <c>manifest.json</c>, sidecars, index lines): read, check the header
/// (kind and major version), optionally validate against the schema, map onto the type. Unknown fields are ignored (a
/// newer minor version may add them); a record of another major version or of another kind is refused with an
/// <see cref="ArtifactFormatException"/> naming the file, or reported as a problem by <see cref="TryRead"/>.
/// Used by <see cref="RunBundle"/>, verify, <c>show</c>, the gallery, reindex and prune.
/// </summary>
internal static class RecordReader
{
    private static readonly int CurrentMinor = ParseVersion(SchemaIds.Version)!.Value.Minor;

    /// <summary>The parts of a <c>schema_version</c>.</summary>
    internal readonly record struct SchemaVersion(int Major, int Minor, int Patch, string Text);

    /// <summary>Parses UTF-8 JSON, refusing anything that is not a JSON object.</summary>
    public static JsonDocument Parse(ReadOnlyMemory<byte> utf8, string file)
    {
        try
        {
            var doc = JsonDocument.Parse(utf8, new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 64 });
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                doc.Dispose();
                throw new ArtifactFormatException($"'{file}' is not a JSON object.") { FilePath = file };
            }

            return doc;
        }
        catch (JsonException ex)
        {
            throw new ArtifactFormatException($"'{file}' is not valid JSON: {ex.Message}", ex) { FilePath = file };
        }
    }

    /// <summary>Checks <c>schema_version</c> (major 1 only) and <c>$schema</c> (the expected kind).</summary>
    public static SchemaVersion CheckHeader(JsonElement record, string file, RecordKind kind)
    {
        string? text = record.TryGetProperty("schema_version", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        if (text is null)
        {
            throw new ArtifactFormatException($"'{file}' has no schema_version string; it is not a RunArtifacts {Name(kind)} record.") { FilePath = file };
        }

        var version = ParseVersion(text)
            ?? throw new ArtifactFormatException($"'{file}' has schema_version '{text}', which is not a semantic version (MAJOR.MINOR.PATCH).") { FilePath = file, SchemaVersion = text };
        if (version.Major != RecordSchemas.MajorVersion)
        {
            throw new ArtifactFormatException(
                $"'{file}' is a {Name(kind)} record of schema_version {text} (major {version.Major}); this library reads major {RecordSchemas.MajorVersion} only. Use a library version that supports schemas/v{version.Major}/.")
            {
                FilePath = file,
                SchemaVersion = text,
            };
        }

        if (record.TryGetProperty("$schema", out var id) && id.ValueKind == JsonValueKind.String && id.GetString() != RecordSchemas.GetId(kind))
        {
            var other = RecordSchemas.TryGetKind(id.GetString(), out var otherKind) ? $"a {Name(otherKind)} record" : $"a record of schema '{id.GetString()}'";
            throw new ArtifactFormatException($"'{file}' is {other}, not a {Name(kind)} record.") { FilePath = file, SchemaVersion = text };
        }

        return version;
    }

    /// <summary>Maps a checked record onto its type.</summary>
    public static T Deserialize<T>(JsonElement record, string file, JsonTypeInfo<T> typeInfo, string? schemaVersion)
    {
        try
        {
            return record.Deserialize(typeInfo) ?? throw new ArtifactFormatException($"'{file}' is null.") { FilePath = file, SchemaVersion = schemaVersion };
        }
        catch (JsonException ex)
        {
            throw new ArtifactFormatException($"'{file}' does not fit the record type: {ex.Message}", ex) { FilePath = file, SchemaVersion = schemaVersion };
        }
    }

    /// <summary>
    /// Parses, checks and maps one record held in memory. The ordinary record takes a direct path (one pass of the reader
    /// over the top level for the header, then the source-generated deserializer, no document); any record that path
    /// does not accept outright takes the document path, which gives the exact error.
    /// </summary>
    public static T Read<T>(ReadOnlyMemory<byte> utf8, string file, RecordKind kind, JsonTypeInfo<T> typeInfo)
    {
        if (TryReadDirect(utf8.Span, kind, typeInfo) is { } record)
        {
            return record;
        }

        using var doc = Parse(utf8, file);
        var version = CheckHeader(doc.RootElement, file, kind);
        return Deserialize(doc.RootElement, file, typeInfo, version.Text);
    }

    /// <summary>
    /// The direct path of <see cref="Read"/>: null unless the bytes are one JSON object whose last top-level
    /// <c>schema_version</c> is a string of major <see cref="RecordSchemas.MajorVersion"/>, whose last top-level
    /// <c>$schema</c> (if any) is a string naming <paramref name="kind"/>, and which maps onto the type (the checks of
    /// <see cref="CheckHeader"/> on the same values <see cref="JsonElement.TryGetProperty(string, out JsonElement)"/> would find).
    /// </summary>
    private static T? TryReadDirect<T>(ReadOnlySpan<byte> utf8, RecordKind kind, JsonTypeInfo<T> typeInfo)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 64 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return default;
            }

            string? version = null;
            var versionIsString = false;
            string? schema = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isVersion = reader.ValueTextEquals("schema_version"u8);
                var isSchema = !isVersion && reader.ValueTextEquals("$schema"u8);
                reader.Read();
                if (isVersion)
                {
                    versionIsString = reader.TokenType == JsonTokenType.String;
                    version = versionIsString ? reader.GetString() : null;
                }
                else if (isSchema)
                {
                    schema = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }

                reader.Skip();
            }

            if (!versionIsString || ParseVersion(version!) is not { } parsed || parsed.Major != RecordSchemas.MajorVersion
                || (schema is not null && schema != RecordSchemas.GetId(kind)))
            {
                return default;
            }

            return JsonSerializer.Deserialize(utf8, typeInfo);
        }
        catch (JsonException)
        {
            return default;
        }
    }

    /// <summary>Reads, checks and maps one record file.</summary>
    public static async Task<T> ReadFileAsync<T>(string path, RecordKind kind, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        RegularFiles.EnsureReadable(path);
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ArtifactFormatException($"'{path}' is missing.", ex) { FilePath = path };
        }

        return Read(bytes, path, kind, typeInfo);
    }

    /// <summary>The bytes of one record file, for a caller that keeps them (the catalog's scan hashes them too).</summary>
    public static byte[] ReadBytes(string path)
    {
        RegularFiles.EnsureReadable(path);
        return File.ReadAllBytes(path);
    }

    /// <summary>
    /// Parses, checks, optionally validates and maps one record, reporting every problem instead of throwing. A record of a
    /// newer minor version may carry fields this library does not know; the schema check allows them then.
    /// </summary>
    public static RecordRead<T> TryRead<T>(ReadOnlyMemory<byte> utf8, string file, RecordKind kind, JsonTypeInfo<T> typeInfo, bool validate, int maxSchemaErrors)
        where T : class
    {
        var problems = new List<RecordProblem>();
        JsonDocument doc;
        try
        {
            doc = Parse(utf8, file);
        }
        catch (ArtifactFormatException ex)
        {
            problems.Add(new RecordProblem(RecordProblemKind.Read, ex.Message));
            return new RecordRead<T>(null, problems);
        }

        using (doc)
        {
            SchemaVersion version;
            try
            {
                version = CheckHeader(doc.RootElement, file, kind);
            }
            catch (ArtifactFormatException ex)
            {
                problems.Add(new RecordProblem(RecordProblemKind.Read, ex.Message));
                return new RecordRead<T>(null, problems);
            }

            var schemaErrors = 0;
            if (validate)
            {
                var errors = SchemaValidator.For(kind).Validate(doc.RootElement, allowUnknownProperties: version.Minor > CurrentMinor);
                schemaErrors = errors.Count;
                foreach (var error in errors.Take(maxSchemaErrors))
                {
                    problems.Add(new RecordProblem(RecordProblemKind.Schema, $"{Name(kind)} schema: {error}"));
                }

                if (errors.Count > maxSchemaErrors)
                {
                    problems.Add(new RecordProblem(RecordProblemKind.Schema, $"{errors.Count - maxSchemaErrors} more schema errors"));
                }
            }

            try
            {
                return new RecordRead<T>(Deserialize(doc.RootElement, file, typeInfo, version.Text), problems);
            }
            catch (ArtifactFormatException ex)
            {
                if (schemaErrors == 0)
                {
                    problems.Add(new RecordProblem(RecordProblemKind.Read, ex.Message));
                }

                return new RecordRead<T>(null, problems);
            }
        }
    }

    public static SchemaVersion? ParseVersion(string text)
    {
        var parts = text.Split('.');
        if (parts.Length != 3)
        {
            return null;
        }

        var numbers = new int[3];
        for (var i = 0; i < 3; i++)
        {
            if (parts[i].Length == 0 || parts[i].Length > 9 || !parts[i].All(char.IsAsciiDigit) || (parts[i].Length > 1 && parts[i][0] == '0'))
            {
                return null;
            }

            numbers[i] = int.Parse(parts[i], CultureInfo.InvariantCulture);
        }

        return new SchemaVersion(numbers[0], numbers[1], numbers[2], text);
    }

    internal static string Name(RecordKind kind) => kind switch
    {
        RecordKind.IndexEntry => "index entry",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
