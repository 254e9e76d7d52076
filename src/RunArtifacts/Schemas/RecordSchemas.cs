using System.Collections.Concurrent;
using RunArtifacts.Records;

namespace RunArtifacts.Schemas;

/// <summary>
/// The published JSON Schemas (draft 2020-12) of every record, as embedded in this assembly. The same files live in
/// the repository's <c>schemas/v1/</c> folder; a test regenerates them from the record types and fails on drift.
/// </summary>
public static class RecordSchemas
{
    private static readonly ConcurrentDictionary<RecordKind, string> Cache = new();

    /// <summary>The <c>schema_version</c> every record written by this library carries.</summary>
    public static string Version => SchemaIds.Version;

    /// <summary>The major schema version this library reads; records of another major version are refused.</summary>
    public static int MajorVersion => SchemaIds.Major;

    /// <summary>Every record kind with a schema, in a stable order: the five records of a bundle, the run spec, the review event, the three records of a portable export, then the experiment records (metrics, run manifest).</summary>
    public static IReadOnlyList<RecordKind> Kinds { get; } = [RecordKind.Run, RecordKind.Manifest, RecordKind.IndexEntry, RecordKind.Clip, RecordKind.View, RecordKind.RunSpec, RecordKind.ReviewEvent, RecordKind.ExportRun, RecordKind.ExportAsset, RecordKind.ExportManifest, RecordKind.Metrics, RecordKind.RunManifest];

    /// <summary>The schema's <c>$id</c>, which records carry in their <c>$schema</c> field.</summary>
    /// <param name="kind">The record kind.</param>
    /// <returns>For example <c>https://runartifacts.dev/schemas/v1/run.schema.json</c>.</returns>
    public static string GetId(RecordKind kind) => kind switch
    {
        RecordKind.Run => SchemaIds.Run,
        RecordKind.Manifest => SchemaIds.Manifest,
        RecordKind.IndexEntry => SchemaIds.IndexEntry,
        RecordKind.Clip => SchemaIds.Clip,
        RecordKind.View => SchemaIds.View,
        RecordKind.RunSpec => SchemaIds.RunSpec,
        RecordKind.ReviewEvent => SchemaIds.ReviewEvent,
        RecordKind.ExportRun => SchemaIds.ExportRun,
        RecordKind.ExportAsset => SchemaIds.ExportAsset,
        RecordKind.ExportManifest => SchemaIds.ExportManifest,
        RecordKind.Metrics => SchemaIds.Metrics,
        RecordKind.RunManifest => SchemaIds.RunManifest,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown record kind."),
    };

    /// <summary>The schema's file name in <c>schemas/v1/</c>.</summary>
    /// <param name="kind">The record kind.</param>
    /// <returns>For example <c>index-entry.schema.json</c>.</returns>
    public static string GetFileName(RecordKind kind) => GetId(kind)[SchemaIds.Base.Length..];

    /// <summary>The schema itself, as the UTF-8 JSON text embedded in the assembly.</summary>
    /// <param name="kind">The record kind.</param>
    /// <returns>The schema document.</returns>
    public static string GetSchemaJson(RecordKind kind) => Cache.GetOrAdd(kind, static k =>
    {
        var name = "RunArtifacts.Schemas.v1." + GetFileName(k);
        using var stream = typeof(RecordSchemas).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The schema resource '{name}' is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    /// <summary>The record kind whose schema has the given <c>$id</c>.</summary>
    /// <param name="schemaId">A <c>$schema</c> value read from a record.</param>
    /// <param name="kind">The kind, when the id is one of the v1 ids.</param>
    /// <returns>Whether the id is known.</returns>
    public static bool TryGetKind(string? schemaId, out RecordKind kind)
    {
        foreach (var k in Kinds)
        {
            if (string.Equals(GetId(k), schemaId, StringComparison.Ordinal))
            {
                kind = k;
                return true;
            }
        }

        kind = default;
        return false;
    }
}
