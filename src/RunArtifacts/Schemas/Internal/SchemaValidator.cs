using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;
using Json.Schema.Keywords;

namespace RunArtifacts.Schemas.Internal;

/// <summary>One way an instance fails its schema.</summary>
/// <param name="InstancePath">JSON pointer into the instance (<c>/outputs/0/sha256</c>; empty for the root).</param>
/// <param name="Keyword">The keyword that failed (<c>required</c>, <c>pattern</c>, …).</param>
/// <param name="Message">What is wrong.</param>
internal sealed record SchemaError(string InstancePath, string Keyword, string Message)
{
    public override string ToString() => $"{(InstancePath.Length == 0 ? "/" : InstancePath)}: {Message}";
}

/// <summary>
/// Validates records against their JSON Schema (draft 2020-12) through JsonSchema.Net, with <c>format</c> asserted
/// (<c>date-time</c>). A valid instance costs one short-circuiting evaluation; only an invalid one is evaluated again
/// for the list of errors. Tests check the verdicts against Python's <c>jsonschema</c> (Draft202012Validator).
/// </summary>
internal sealed class SchemaValidator
{
    private static readonly ConcurrentDictionary<RecordKind, SchemaValidator> Embedded = new();

    private static readonly EvaluationOptions Verdict;

    private static readonly EvaluationOptions Details;

    /// <summary>Draft 2020-12 with each <c>pattern</c>'s regular expression interpreted, not compiled (see <see cref="InterpretedPattern"/>).</summary>
    private static readonly Dialect Draft202012;

    /// <summary>The one dialect registry every schema is built with: <see cref="Draft202012"/> under the draft's own id.</summary>
    private static readonly DialectRegistry Dialects = new();

    private readonly JsonSchema strict;
    private readonly Lazy<JsonSchema> open;

    /// <summary>
    /// Loads JsonSchema.Net's dialects before the first use of the library, and only those. The library's module
    /// initializer builds its dialects and then every meta-schema it ships (drafts 6 to v1): meta-schemas serve to
    /// validate a schema itself or to resolve a <c>$ref</c> to one, and the records' schemas ask for neither (they name
    /// their dialect, which <see cref="Dialects"/> holds). The initializer is guarded by a flag: whichever of it and
    /// this code sets the flag first does the loading, so it happens once. Under the JIT the runtime usually runs the
    /// whole initializer first. The native <c>artifacts</c> tool empties the module constructor (see
    /// <c>AotStartup.Substitutions.xml</c>), because native AOT runs every module initializer at process start; there
    /// only the dialects are loaded, here, and the meta-schemas are never built (they cost every validating command
    /// ~15 ms and a garbage collection).
    /// This class is the only door to the library, so its static constructor is the place, before the evaluation options are made.
    /// </summary>
    static SchemaValidator()
    {
        if (Interlocked.Exchange(ref LibraryInitialized(null), 1) == 0)
        {
            LoadDialects(null);
        }

        Verdict = new() { OutputFormat = OutputFormat.Flag, RequireFormatValidation = true };
        Details = new() { OutputFormat = OutputFormat.Hierarchical, RequireFormatValidation = true };
        Draft202012 = Dialect.Draft202012.Without([PatternKeyword.Instance]).With([new InterpretedPattern()], Dialect.Draft202012.Id);
        Dialects.Register(Draft202012);
    }

    /// <summary>Loads a schema (its <c>$id</c> is registered in a registry of its own, never the global one).</summary>
    public SchemaValidator(string schemaJson)
    {
        strict = Build(schemaJson);
        open = new(() => Build(OpenUp(schemaJson)));
    }

    /// <summary>The validator of an embedded v1 schema.</summary>
    public static SchemaValidator For(RecordKind kind) => Embedded.GetOrAdd(kind, static k => new SchemaValidator(RecordSchemas.GetSchemaJson(k)));

    /// <summary>Every way the instance fails the schema; empty when it is valid.</summary>
    /// <param name="instance">The instance.</param>
    /// <param name="allowUnknownProperties">
    /// Treat <c>additionalProperties: false</c> as <c>true</c>: used for records of a newer minor version, which may
    /// carry fields this version of the schema does not know.
    /// </param>
    public IReadOnlyList<SchemaError> Validate(JsonElement instance, bool allowUnknownProperties = false)
    {
        var schema = allowUnknownProperties ? open.Value : strict;
        try
        {
            if (schema.Evaluate(instance, Verdict).IsValid)
            {
                return [];
            }

            var errors = new List<SchemaError>();
            Collect(schema.Evaluate(instance, Details), errors);
            return errors;
        }
        catch (InvalidOperationException) when (UnpairedSurrogate(instance, string.Empty) is { } at)
        {
            // A string escaping half of a surrogate pair ("\ud800") is JSON by syntax, but no text: .NET cannot read it as a
            // string, and a keyword that reads one (pattern, maxLength) throws. It is the error, at its place.
            return [new SchemaError(at, "type", "holds an unpaired UTF-16 surrogate escape (such as \\ud800 without its pair): it is not text")];
        }
    }

    /// <summary>The JSON pointer of the first string or property name that cannot be read as text; null when there is none.</summary>
    private static string? UnpairedSurrogate(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return Readable(element.GetString) ? null : path;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (UnpairedSurrogate(item, path + "/" + i++.ToString(System.Globalization.CultureInfo.InvariantCulture)) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    string name = string.Empty;
                    if (!Readable(() => name = property.Name))
                    {
                        return path;
                    }

                    if (UnpairedSurrogate(property.Value, path + "/" + name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            default:
                return null;
        }

        static bool Readable(Func<string?> read)
        {
            try
            {
                read();
                return true;
            }
            catch (InvalidOperationException)
            {
                return false;
            }
        }
    }

    /// <summary>The errors of a failed node and of its failed children, depth first.</summary>
    private static void Collect(EvaluationResults node, List<SchemaError> errors)
    {
        if (node.IsValid)
        {
            return;
        }

        var before = errors.Count;
        var path = node.InstanceLocation.ToString();
        foreach (var (keyword, message) in node.Errors ?? new Dictionary<string, string>())
        {
            // A failed boolean subschema (additionalProperties: false) has no keyword of its own: name the one that applied it.
            errors.Add(new(path, keyword.Length > 0 ? keyword : LastSegment(node.EvaluationPath.ToString()), message));
        }

        foreach (var child in node.Details ?? [])
        {
            Collect(child, errors);
        }

        if (errors.Count == before)
        {
            // JsonSchema.Net 8 fails "oneOf" with two matching branches without a message: name the keyword from the branches.
            var branch = node.Details?.FirstOrDefault()?.EvaluationPath.ToString() ?? string.Empty;
            var keyword = branch.Length > 0 ? branch[(node.EvaluationPath.ToString().Length + 1)..].Split('/')[0] : "schema";
            errors.Add(new(path, keyword, keyword == "oneOf" ? "matches more than one of the allowed shapes" : "does not match the schema"));
        }
    }

    /// <summary>
    /// <c>pattern</c> as JsonSchema.Net's own keyword, with its regular expression interpreted instead of compiled.
    /// The library builds every <c>pattern</c> with <see cref="RegexOptions.Compiled"/>: under the JIT that is
    /// Reflection.Emit and an optimizing JIT of three methods per pattern, ~40 of them in the v1 schemas, paid by every
    /// process on its first validation. The patterns are short and anchored and match ids and hashes, where the
    /// interpreter is fast; native AOT interprets them anyway.
    /// </summary>
    private sealed class InterpretedPattern : PatternKeyword
    {
        public override object? ValidateKeywordValue(JsonElement value)
            => value.ValueKind == JsonValueKind.String
                ? new Regex(value.GetString()!, RegexOptions.ECMAScript)
                : base.ValidateKeywordValue(value);
    }

    /// <summary>The flag of JsonSchema.Net's module initializer: 1 once it has run (or been stood in for here).</summary>
    [UnsafeAccessor(UnsafeAccessorKind.StaticField, Name = "_initialized")]
    private static extern ref int LibraryInitialized([UnsafeAccessorType("Json.Schema.__ModuleInitialization, JsonSchema.Net")] object? library);

    /// <summary>The first half of JsonSchema.Net's module initializer: the vocabularies and dialects, no meta-schema.</summary>
    [UnsafeAccessor(UnsafeAccessorKind.StaticMethod, Name = "LoadDialects")]
    private static extern void LoadDialects([UnsafeAccessorType("Json.Schema.__ModuleInitialization, JsonSchema.Net")] object? library);

    private static string LastSegment(string pointer) => pointer[(pointer.LastIndexOf('/') + 1)..];

    private static JsonSchema Build(string schemaJson)
        => JsonSchema.FromText(schemaJson, new BuildOptions { SchemaRegistry = new SchemaRegistry(), DialectRegistry = Dialects, Dialect = Draft202012 });

    /// <summary>The same schema with every <c>additionalProperties: false</c> removed.</summary>
    private static string OpenUp(string schemaJson)
    {
        var node = JsonNode.Parse(schemaJson)!;
        Open(node);
        return node.ToJsonString();

        static void Open(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject o:
                    if (o["additionalProperties"] is JsonValue v && v.GetValueKind() == JsonValueKind.False)
                    {
                        o.Remove("additionalProperties");
                    }

                    foreach (var (_, child) in o)
                    {
                        Open(child);
                    }

                    break;
                case JsonArray a:
                    foreach (var child in a)
                    {
                        Open(child);
                    }

                    break;
            }
        }
    }
}
