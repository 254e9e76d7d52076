using System.Text;
using RunArtifacts.Internal;
using RunArtifacts.IO.Internal;
using RunArtifacts.Records;
using RunArtifacts.Specs;

namespace RunArtifacts.Builder;

public sealed partial class RunArtifactBuilder
{
    /// <summary>
    /// Tells the builder everything a <see cref="RunSpec"/> says, as the matching builder calls would (the one mapping
    /// from spec to builder; the <c>artifacts commit --spec</c> tool uses it too). Files named by log and trace
    /// documents are read now; input and output files are copied at commit.
    /// </summary>
    /// <param name="spec">The spec. Its <see cref="RunSpec.ModelKey"/> must be this builder's model key.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArtifactValidationException">The spec holds values the builder refuses; every problem is listed. The builder then holds part of the spec: discard it.</exception>
    public RunArtifactBuilder Apply(RunSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var problems = new List<string>();
        var steps = new List<Action>();

        // Each value goes through the builder method a C# caller would use; a refusal is collected, not thrown, so that
        // every problem of the spec is listed at once.
        void Step(string where, Action apply) => steps.Add(() =>
        {
            try
            {
                apply();
            }
            catch (ArgumentException ex)
            {
                problems.Add($"{where}: {ex.Message.Split(" (Parameter", 2)[0]}");
            }
        });

        if (!string.Equals(spec.ModelKey, draft.ModelKey, StringComparison.Ordinal))
        {
            problems.Add($"model_key: '{Guard.Printable(spec.ModelKey)}' is not this builder's model key '{Guard.Printable(draft.ModelKey)}'.");
        }

        Set(spec.Slug, "slug", v => WithSlug(v));
        Set(spec.ProviderModel, "provider_model", v => WithProviderModel(v));
        Set(spec.TaskMode, "task_mode", v => WithTaskMode(v));
        if (spec.CreatedAt is { } createdAt)
        {
            Step("created_at", () => WithCreatedAt(createdAt));
        }

        if (spec.Prompts is { } p)
        {
            if (p.Raw is not null)
            {
                Step("prompts.raw", () => WithPrompt(p.Raw, p.PromptProfile));
            }
            else if (p.PromptProfile is not null)
            {
                problems.Add("prompts.prompt_profile: needs prompts.raw.");
            }

            Set(p.Enhanced, "prompts.enhanced", v => WithEnhancedPrompt(v));
            Set(p.FinalUsed, "prompts.final_used", v => WithFinalPrompt(v));
        }

        if (spec.Request is { } request)
        {
            Step("request", () => WithRequest(request));
        }

        for (var i = 0; i < spec.Inputs?.Count; i++)
        {
            var f = spec.Inputs[i];
            Step($"inputs[{i}]", () => Draft.Inputs.Add(SpecFile(f, f.Role)));
        }

        for (var i = 0; i < spec.Outputs?.Count; i++)
        {
            var f = spec.Outputs[i];
            if (f.Role is not null)
            {
                problems.Add($"outputs[{i}].role: outputs have no role (every output's role is 'output').");
            }

            Step($"outputs[{i}]", () => Draft.Outputs.Add(SpecFile(f, "output")));
        }

        // Issue 13: external assets and initial review statuses.
        for (var i = 0; i < spec.ExternalInputs?.Count; i++)
        {
            var x = spec.ExternalInputs[i];
            Step($"external_inputs[{i}]", () => PolicyStep(() => AddExternalInput(x.ToAsset() with { ReviewStatus = null })));
        }

        for (var i = 0; i < spec.ExternalOutputs?.Count; i++)
        {
            var x = spec.ExternalOutputs[i];
            Step($"external_outputs[{i}]", () => PolicyStep(() => AddExternalOutput(x.ToAsset())));
        }

        if (spec.ReviewStatus is { } reviewStatus)
        {
            Step("review_status", () => WithReviewStatus(reviewStatus));
        }

        if (spec.ProviderTrace is { } t)
        {
            Set(t.TaskId, "provider_trace.task_id", v => WithTaskId(v));
            if (Document(t.SubmitPayload, "provider_trace.submit_payload") is { } payload)
            {
                Step("provider_trace.submit_payload", () => WithSubmitPayload(payload));
            }

            if (Document(t.SubmitResponse, "provider_trace.submit_response") is { } response)
            {
                Step("provider_trace.submit_response", () => WithSubmitResponse(response));
            }

            for (var i = 0; i < t.StatusResponses?.Count; i++)
            {
                if (Document(t.StatusResponses[i], $"provider_trace.status_responses[{i}]") is { } status)
                {
                    Step($"provider_trace.status_responses[{i}]", () => AddStatusResponse(status));
                }
            }

            foreach (var (key, value) in t.Metadata ?? [])
            {
                Step($"provider_trace.metadata.{key}", () => WithProviderMetadata(key, value));
            }
        }

        foreach (var (name, log) in spec.Logs ?? new Dictionary<string, RunSpecDocument>())
        {
            if (Document(log, $"logs.{name}") is { } text)
            {
                Step($"logs.{name}", () => AddLog(name, Encoding.UTF8.GetBytes(text)));
            }
        }

        if (spec.Tags is { } tags)
        {
            Step("tags", () => AddTags(tags));
        }

        if (spec.SourceContext is { } source)
        {
            Step("source_context", () => WithSource(source));
        }

        Set(spec.Notes, "notes", v => WithNotes(v));
        var defaults = spec.Defaults ?? [];
        foreach (var name in defaults.Where(d => spec.Options?.ContainsKey(d) != true))
        {
            problems.Add($"defaults: '{Guard.Printable(name)}' is not one of the options.");
        }

        foreach (var (name, value) in spec.Options ?? [])
        {
            Step($"options.{name}", () => WithOption(name, value, defaults.Contains(name)));
        }

        for (var i = 0; i < spec.Warnings?.Count; i++)
        {
            var w = spec.Warnings[i];
            Step($"warnings[{i}]", () => AddWarning(w.Code, w.Message));
        }

        ApplyExperiment(spec, Step, problems);
        ApplyOutcome(spec, Step);
        foreach (var step in steps)
        {
            step();
        }

        if (problems.Count > 0)
        {
            throw new ArtifactValidationException(problems);
        }

        return this;

        void Set(string? value, string where, Action<string> apply)
        {
            if (value is not null)
            {
                Step(where, () => apply(value));
            }
        }

        string? Document(RunSpecDocument? document, string where)
        {
            if (document is null)
            {
                return null;
            }

            var given = (document.Path is null ? 0 : 1) + (document.Text is null ? 0 : 1) + (document.Json is null ? 0 : 1);
            if (given != 1)
            {
                problems.Add($"{where}: give exactly one of path, text or json.");
                return null;
            }

            if (document.Text is not null)
            {
                return document.Text;
            }

            if (document.Json is not null)
            {
                return document.Json.ToJsonString();
            }

            try
            {
                return SourceFiles.ReadText(document.Path!);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                problems.Add($"{where}.path: '{Guard.Printable(document.Path!)}' could not be read: {ex.Message}");
                return null;
            }
        }
    }

    private void ApplyOutcome(RunSpec spec, Action<string, Action> step)
    {
        var errors = spec.Errors ?? [];
        var status = spec.Status ?? RunStatus.Succeeded;
        for (var i = 0; i < errors.Count; i++)
        {
            var e = errors[i];
            var kind = e.Kind ?? FailureKinds.Unknown;
            if (i == 0 && status == RunStatus.Failed)
            {
                step("errors[0]", () => Failed(kind, e.Message, e.HttpStatus, e.Code, e.Stage));
            }
            else
            {
                step($"errors[{i}]", () => AddError(kind, e.Message, e.HttpStatus, e.Code, e.Stage));
            }
        }

        switch (status)
        {
            case RunStatus.Failed when errors.Count == 0:
                step("status", () => Failed(FailureKinds.Unknown, "The run failed; no error was given."));
                break;
            case RunStatus.Cancelled:
                step("status", () => Cancelled());
                break;
            case RunStatus.Succeeded when spec.Status is not null:
                step("status", () => Succeeded());
                break;
        }
    }

    /// <summary>A storage-policy refusal, listed with the spec's other problems.</summary>
    private static void PolicyStep(Action apply)
    {
        try
        {
            apply();
        }
        catch (ArtifactStoragePolicyException ex)
        {
            throw new ArgumentException(ex.Message, ex);
        }
    }

    private Builder.Internal.PendingFile SpecFile(RunSpecFile file, string? role)
    {
        if (file.Role is { } r && (r.Length == 0 || r.AsSpan().IndexOfAnyExcept("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-") >= 0))
        {
            throw new ArgumentException($"role '{Guard.Printable(r)}' may hold only letters, digits, '_' and '-'.");
        }

        if (file.OriginalFilename is { } name && Storage.Internal.Naming.ProblemWithFileName(name) is { } problem)
        {
            throw new ArgumentException($"original_filename '{Guard.Printable(name)}' {problem}.");
        }

        if (!File.Exists(file.Path))
        {
            throw new ArgumentException(Directory.Exists(file.Path) ? $"'{Guard.Printable(file.Path)}' is a directory, not a file." : $"'{Guard.Printable(file.Path)}' does not exist.");
        }

        var pending = FromPath(file.Path, role, file.Kind, file.SourceUrl, file.Metadata) with { ReviewStatus = role == "output" ? file.ReviewStatus : null };
        return file.OriginalFilename is null ? pending : pending with { OriginalFileName = file.OriginalFilename };
    }
}
