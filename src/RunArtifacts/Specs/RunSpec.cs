using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using RunArtifacts.Records;
using RunArtifacts.Schemas;
using RunArtifacts.Schemas.Internal;
using RunArtifacts.Serialization;

namespace RunArtifacts.Specs;

/// <summary>
/// One run described as data (schema <c>run-spec</c> v1): everything <see cref="Builder.RunArtifactBuilder"/> can be told,
/// under the snake_case names <c>run.json</c> uses wherever one exists. It is how callers in other languages give the
/// <c>artifacts commit --spec</c> tool a whole run, and C# callers can use it too:
/// <c>store.CreateRun(RunSpec.Parse(json)).CommitAsync()</c>. Every field but <c>model_key</c> is optional.
/// </summary>
/// <remarks>
/// One record type mapped to the builder by one method (<see cref="Builder.RunArtifactBuilder.Apply(RunSpec)"/>): a new
/// field is a new property here plus one line there, and the schema follows from the type. Paths (<see cref="RunSpecFile.Path"/>,
/// <see cref="RunSpecDocument.Path"/>) are read as the builder reads them: relative ones against the current directory.
/// </remarks>
public sealed record RunSpec
{
    /// <summary>The schema's <c>$id</c>, when the document names it.</summary>
    [JsonPropertyName("$schema")]
    [JsonPropertyOrder(-10)]
    public string? Schema { get; init; }

    /// <summary>The version of the spec schema the document follows, when it says so.</summary>
    [JsonPropertyOrder(-9)]
    public string? SchemaVersion { get; init; }

    /// <summary>The caller's key for the model (<c>nano_banana_pro</c>); it is slugged into the run id.</summary>
    public required string ModelKey { get; init; }

    /// <summary>Free text appended to the run id (slugged).</summary>
    public string? Slug { get; init; }

    /// <summary>The provider's own model name.</summary>
    public string? ProviderModel { get; init; }

    /// <summary>Task mode (<c>text_to_image</c>, <c>image_to_video</c>, …).</summary>
    public string? TaskMode { get; init; }

    /// <summary>When the run was created (RFC 3339; any offset, stored in UTC). By default, when the spec is applied.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>The prompts.</summary>
    public RunSpecPrompts? Prompts { get; init; }

    /// <summary>The request payload, any JSON; written redacted to <c>request.json</c>.</summary>
    public JsonNode? Request { get; init; }

    /// <summary>Input files, in order; each is copied into <c>inputs/</c>.</summary>
    public IReadOnlyList<RunSpecFile>? Inputs { get; init; }

    /// <summary>Output files, in order, kept byte for byte in <c>original/</c>; the first is the hero.</summary>
    public IReadOnlyList<RunSpecFile>? Outputs { get; init; }

    /// <summary>Inputs that live elsewhere (issue 13), recorded as metadata only.</summary>
    public IReadOnlyList<RunSpecExternalAsset>? ExternalInputs { get; init; }

    /// <summary>Outputs that live elsewhere (issue 13), recorded as metadata only.</summary>
    public IReadOnlyList<RunSpecExternalAsset>? ExternalOutputs { get; init; }

    /// <summary>Initial review status of every output without its own (issue 13); <c>draft</c> by default.</summary>
    public ReviewStatus? ReviewStatus { get; init; }

    /// <summary>The provider's trace: task id, submit payload and response, status responses, metadata.</summary>
    public RunSpecTrace? ProviderTrace { get; init; }

    /// <summary>Named logs (<c>logs/NAME.json</c> or <c>.txt</c>), redacted and captured under the truncation policy.</summary>
    public IReadOnlyDictionary<string, RunSpecDocument>? Logs { get; init; }

    /// <summary>Tags, in order; duplicates and blank tags are ignored.</summary>
    public IReadOnlyList<string>? Tags { get; init; }

    /// <summary>Where the run came from.</summary>
    public SourceContextRecord? SourceContext { get; init; }

    /// <summary>Free-form notes (redacted), kept in <c>run.json</c> and <c>notes.md</c>.</summary>
    public string? Notes { get; init; }

    /// <summary>The options the run used, by name (redacted when a name or value looks secret).</summary>
    public JsonObject? Options { get; init; }

    /// <summary>Names of the <c>options</c> whose values are defaults the caller did not choose.</summary>
    public IReadOnlyList<string>? Defaults { get; init; }

    /// <summary>Warnings to record: something went wrong, but the run is kept.</summary>
    public IReadOnlyList<RunSpecWarning>? Warnings { get; init; }

    /// <summary>The outcome; <c>succeeded</c> by default.</summary>
    public RunStatus? Status { get; init; }

    /// <summary>Shaped failures. With status <c>failed</c> the first is the failure and the others are recorded beside it.</summary>
    public IReadOnlyList<RunSpecError>? Errors { get; init; }

    // Issue 14: experiment runs.

    /// <summary>The configuration as composed (may hold <c>${…}</c>): YAML or JSON, as a file, text or a JSON value; written as <c>config.yaml</c>.</summary>
    public RunSpecDocument? Config { get; init; }

    /// <summary>The fully resolved configuration, written as <c>config_resolved.yaml</c>; an interpolation left in it is refused.</summary>
    public RunSpecDocument? ConfigResolved { get; init; }

    /// <summary>Scalar metrics and metric series, written to <c>metrics.json</c>.</summary>
    public RunSpecMetrics? Metrics { get; init; }

    /// <summary>Files beyond the outputs, kept under <c>artifacts/</c>.</summary>
    public IReadOnlyList<RunSpecArtifactFile>? ArtifactFiles { get; init; }

    /// <summary>The project the run belongs to.</summary>
    public string? Project { get; init; }

    /// <summary>A folder inside a git working tree whose state (commit, branch, dirty, redacted diff) is captured.</summary>
    public string? CaptureCode { get; init; }

    /// <summary>
    /// Reads a spec from JSON text, checking it against the embedded <c>run-spec</c> schema first.
    /// </summary>
    /// <param name="json">The document.</param>
    /// <returns>The spec.</returns>
    /// <exception cref="ArtifactValidationException">The document is not JSON or does not validate; every problem is listed.</exception>
    public static RunSpec Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            // A property given twice is refused, not resolved: which one a reader keeps differs between parsers.
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowDuplicateProperties = false });
        }
        catch (JsonException ex)
        {
            throw new ArtifactValidationException([$"The run spec is not JSON: {ex.Message}"]);
        }

        using (document)
        {
            var errors = SchemaValidator.For(RecordKind.RunSpec).Validate(document.RootElement);
            if (errors.Count > 0)
            {
                throw new ArtifactValidationException(errors.Select(e => $"run spec {(e.InstancePath.Length == 0 ? "/" : e.InstancePath)}: {e.Message}").ToList());
            }

            try
            {
                return document.RootElement.Deserialize(RunArtifactsJsonContext.Default.RunSpec)
                    ?? throw new ArtifactValidationException("The run spec is the literal null.");
            }
            catch (JsonException ex)
            {
                // A string escaping half of a surrogate pair ("\ud800") is JSON by syntax but no text: say that, not "could not be converted".
                throw new ArtifactValidationException([$"run spec {ex.Path}: {(ex.InnerException is InvalidOperationException inner ? inner.Message : ex.Message)}"]);
            }
        }
    }

    /// <summary>The spec as indented JSON text (snake_case, as <see cref="Parse"/> reads it).</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson() => JsonSerializer.Serialize(this, RunArtifactsJsonContext.Default.RunSpec);
}
