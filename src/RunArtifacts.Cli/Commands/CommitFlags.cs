using System.CommandLine;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RunArtifacts.Cli.Commands;

/// <summary>
/// The flags of <c>artifacts commit</c> and how each lays itself over the run-spec document: a value replaces the
/// spec's field; a repeatable list (<c>--input</c>, <c>--output</c>, <c>--tag</c>, <c>--status-response</c>) replaces
/// the spec's list; keyed flags (<c>--log NAME=PATH</c>, <c>--option NAME=JSON</c>) replace that one key.
/// </summary>
internal sealed partial class CommitFlags
{
    public Option<string?> ModelKey { get; } = new("--model-key") { Description = "The model key (slugged into the run id); required without --spec." };

    private readonly Option<string?> slug = new("--slug") { Description = "Free text appended to the run id." };
    private readonly Option<string?> providerModel = new("--provider-model") { Description = "The provider's model name." };
    private readonly Option<string?> taskMode = new("--task-mode") { Description = "Task mode, e.g. text_to_image." };
    private readonly Option<string?> prompt = new("--prompt") { Description = "The prompt text." };
    private readonly Option<FileInfo?> promptFile = new("--prompt-file") { Description = "Read the prompt from a UTF-8 file." };
    private readonly Option<string?> enhanced = new("--enhanced-prompt") { Description = "The enhanced prompt." };
    private readonly Option<string[]> inputs = new("--input") { Description = "An input file, optionally with its role: PATH[=ROLE]; the last '=' splits. A path containing '=' ends with '=' (no role) or '=ROLE': 'a=b.png=' or 'a=b.png=reference'. Repeatable." };
    private readonly Option<string[]> outputs = new("--output") { Description = "An output file; the first is the hero. Repeatable." };
    private readonly Option<string[]> tags = new("--tag") { Description = "A tag. Repeatable." };
    private readonly Option<FileInfo?> requestFile = new("--request-file") { Description = "The request payload (JSON); written redacted to request.json." };
    private readonly Option<string[]> logs = new("--log") { Description = "A named log: NAME=PATH. Repeatable. Redacted and truncated by policy." };
    private readonly Option<string?> taskId = new("--task-id") { Description = "The provider's task id." };
    private readonly Option<FileInfo?> submitPayload = new("--submit-payload") { Description = "The payload submitted to the provider (logs/submit_payload.json)." };
    private readonly Option<FileInfo?> submitResponse = new("--submit-response") { Description = "The provider's answer to the submission (logs/submit_response.json)." };
    private readonly Option<FileInfo[]> statusResponses = new("--status-response") { Description = "A status (poll) response. Repeatable, in order; the last is the final status." };
    private readonly Option<string?> sourceType = new("--source-type") { Description = "Kind of caller (cli, test, bot, api, …)." };
    private readonly Option<string?> sourceUser = new("--source-user") { Description = "User who asked for the run." };
    private readonly Option<string?> sourceChannel = new("--source-channel") { Description = "Channel the request arrived on." };
    private readonly Option<string?> sourceAgent = new("--source-agent") { Description = "Agent or automation that made the run." };
    private readonly Option<string?> project = new("--project") { Description = "Project the run belongs to (project, and source_context.project_name); the top folder under the project layout." };
    private readonly Option<string?> notes = new("--notes") { Description = "Free-form notes (redacted), in run.json and notes.md." };
    private readonly Option<string[]> options = new("--option") { Description = "An option the run used: NAME=JSON (a string needs JSON quotes: 'style=\"vivid\"'). Repeatable." };
    private readonly Option<string?> status = new("--status") { Description = "The outcome (succeeded by default)." };
    private readonly Option<string?> error = new("--error") { Description = "The error message of a failed or cancelled run (redacted)." };
    private readonly Option<string?> errorKind = new("--error-kind") { Description = "The failure kind (timeout, rate_limited, provider_error, …); classified from the status, code and message when omitted." };
    private readonly Option<int?> httpStatus = new("--http-status") { Description = "The HTTP status of the failure." };
    private readonly Option<string?> errorCode = new("--error-code") { Description = "The provider's error code." };
    private readonly Option<string?> errorStage = new("--error-stage") { Description = "Where it failed (submit, poll, download, …)." };

    // Issue 13: external assets (metadata only) and the initial review status.
    private readonly Option<string[]> externalOutputs = new("--external-output") { Description = "An output that lives elsewhere, by its durable URI (s3://bucket/key, https://…); recorded as metadata only. A signed URL or one with user:pass@ is refused. Repeatable." };
    private readonly Option<string[]> externalInputs = new("--external-input") { Description = "An input that lives elsewhere, by its durable URI. Repeatable." };
    private readonly Option<string?> visibility = new("--visibility") { Description = "Visibility of the --external-output/--external-input assets: public, internal (default), private or sensitive." };
    private readonly Option<string?> externalType = new("--external-type") { Description = "Type of the --external-output/--external-input assets (report, transcript, recording, event-page, …; external-link by default)." };
    private readonly Option<string?> reviewStatus = new("--review-status") { Description = "Initial review status of the outputs: draft (default) or needs-review (or any other status)." };

    public CommitFlags()
    {
        status.AcceptOnlyFromAmong("succeeded", "failed", "cancelled");
        visibility.AcceptOnlyFromAmong("public", "internal", "private", "sensitive");
        reviewStatus.AcceptOnlyFromAmong("draft", "needs-review", "approved", "rejected", "archived", "superseded");
    }

    public IEnumerable<Option> All =>
    [
        ModelKey, slug, providerModel, taskMode, prompt, promptFile, enhanced, inputs, outputs, tags, requestFile, logs, taskId,
        submitPayload, submitResponse, statusResponses, sourceType, sourceUser, sourceChannel, sourceAgent, project, notes, options,
        status, error, errorKind, httpStatus, errorCode, errorStage,
        externalOutputs, externalInputs, visibility, externalType, reviewStatus, .. ExperimentFlags,
    ];

    /// <summary>Lays the given flags over <paramref name="spec"/> (field names of the run-spec schema).</summary>
    public async Task OverlayAsync(ParseResult parse, JsonObject spec, CancellationToken cancellationToken)
    {
        Set(spec, "model_key", parse.GetValue(ModelKey));
        Set(spec, "slug", parse.GetValue(slug));
        Set(spec, "provider_model", parse.GetValue(providerModel));
        Set(spec, "task_mode", parse.GetValue(taskMode));
        Set(spec, "notes", parse.GetValue(notes));

        var promptText = parse.GetValue(prompt);
        if (parse.GetValue(promptFile) is { } pf)
        {
            if (promptText is not null)
            {
                throw new CliUsageException("Give --prompt or --prompt-file, not both.");
            }

            promptText = await ReadTextAsync(pf, "--prompt-file", cancellationToken).ConfigureAwait(false);
        }

        Set(Child(spec, "prompts", promptText ?? parse.GetValue(enhanced)), "raw", promptText);
        Set(Child(spec, "prompts", parse.GetValue(enhanced)), "enhanced", parse.GetValue(enhanced));

        if (parse.GetValue(inputs) is { Length: > 0 } inputSpecs)
        {
            spec["inputs"] = new JsonArray(inputSpecs.Select(s =>
            {
                var (path, role) = SplitRole(s);
                var file = new JsonObject { ["path"] = path };
                Set(file, "role", role);
                return (JsonNode)file;
            }).ToArray());
        }

        if (parse.GetValue(outputs) is { Length: > 0 } outputPaths)
        {
            spec["outputs"] = new JsonArray(outputPaths.Select(p => (JsonNode)new JsonObject { ["path"] = p }).ToArray());
        }

        if (parse.GetValue(tags) is { Length: > 0 } tagList)
        {
            spec["tags"] = new JsonArray(tagList.Select(t => (JsonNode)t).ToArray());
        }

        if (parse.GetValue(requestFile) is { } rf)
        {
            var text = await ReadTextAsync(rf, "--request-file", cancellationToken).ConfigureAwait(false);
            spec["request"] = ParseJson(text, $"--request-file '{rf.FullName}'");
        }

        foreach (var log in parse.GetValue(logs) ?? [])
        {
            var (name, path) = SplitPair(log, "--log", "NAME=PATH");
            var file = new FileInfo(path);
            Exists(file, $"--log {name}");
            ((JsonObject)Child(spec, "logs", log)!)[name] = new JsonObject { ["path"] = file.FullName };
        }

        var traceGiven = parse.GetValue(taskId) is not null || parse.GetValue(submitPayload) is not null || parse.GetValue(submitResponse) is not null || parse.GetValue(statusResponses) is { Length: > 0 };
        var trace = Child(spec, "provider_trace", traceGiven ? "trace" : null);
        Set(trace, "task_id", parse.GetValue(taskId));
        SetDocument(trace, "submit_payload", parse.GetValue(submitPayload), "--submit-payload");
        SetDocument(trace, "submit_response", parse.GetValue(submitResponse), "--submit-response");
        if (parse.GetValue(statusResponses) is { Length: > 0 } polls)
        {
            foreach (var poll in polls)
            {
                Exists(poll, "--status-response");
            }

            trace!["status_responses"] = new JsonArray(polls.Select(p => (JsonNode)new JsonObject { ["path"] = p.FullName }).ToArray());
        }

        var sourceFlags = new[] { ("source_type", parse.GetValue(sourceType)), ("source_user", parse.GetValue(sourceUser)), ("source_channel", parse.GetValue(sourceChannel)), ("source_agent", parse.GetValue(sourceAgent)), ("project_name", parse.GetValue(project)) };
        var source = Child(spec, "source_context", sourceFlags.FirstOrDefault(f => f.Item2 is not null).Item2);
        foreach (var (name, value) in sourceFlags)
        {
            Set(source, name, value);
        }

        foreach (var option in parse.GetValue(options) ?? [])
        {
            var (name, value) = SplitPair(option, "--option", "NAME=JSON");
            ((JsonObject)Child(spec, "options", option)!)[name] = ParseJson(value, $"--option {name}", hint: $" (a string needs JSON quotes: {name}=\"{value}\")");
        }

        OverlayOutcome(parse, spec);
        OverlayExternal(parse, spec);
        await OverlayExperimentAsync(parse, spec, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Issue 13: <c>--external-output</c>/<c>--external-input</c> replace the spec's lists; <c>--visibility</c> and <c>--external-type</c> apply to them.</summary>
    private void OverlayExternal(ParseResult parse, JsonObject spec)
    {
        var vis = parse.GetValue(visibility);
        var type = parse.GetValue(externalType);
        JsonArray? List(string[]? uris) => uris is { Length: > 0 }
            ? new JsonArray(uris.Select(u =>
            {
                var asset = new JsonObject { ["uri"] = u };
                Set(asset, "type", type);
                Set(asset, "visibility", vis);
                return (JsonNode)asset;
            }).ToArray())
            : null;
        var outputsGiven = List(parse.GetValue(externalOutputs));
        var inputsGiven = List(parse.GetValue(externalInputs));
        if ((vis is not null || type is not null) && outputsGiven is null && inputsGiven is null)
        {
            throw new CliUsageException("--visibility and --external-type apply to --external-output or --external-input; give one.");
        }

        if (outputsGiven is not null)
        {
            spec["external_outputs"] = outputsGiven;
        }

        if (inputsGiven is not null)
        {
            spec["external_inputs"] = inputsGiven;
        }

        Set(spec, "review_status", parse.GetValue(reviewStatus));
    }

    private void OverlayOutcome(ParseResult parse, JsonObject spec)
    {
        Set(spec, "status", parse.GetValue(status));
        var given = new (string Name, JsonNode? Value)[]
        {
            ("message", parse.GetValue(error)), ("kind", parse.GetValue(errorKind)), ("http_status", parse.GetValue(httpStatus)),
            ("code", parse.GetValue(errorCode)), ("stage", parse.GetValue(errorStage)),
        };
        if (given.All(g => g.Value is null))
        {
            return;
        }

        var effective = (string?)spec["status"];
        if (effective is not ("failed" or "cancelled"))
        {
            throw new CliUsageException("--error, --error-kind, --http-status, --error-code and --error-stage need --status failed or --status cancelled.");
        }

        if (spec["errors"] is not JsonArray errors)
        {
            spec["errors"] = errors = [];
        }

        if (errors.Count == 0)
        {
            errors.Add((JsonNode)new JsonObject());
        }

        var first = errors[0] as JsonObject ?? throw new CliUsageException("The spec's errors[0] is not an object.");
        foreach (var (name, value) in given.Where(g => g.Value is not null))
        {
            first[name] = value;
        }

        if (first["message"] is null)
        {
            first["message"] = effective == "failed" ? "The run failed; no error message was given." : "The run was cancelled.";
        }
    }

    /// <summary><c>PATH[=ROLE]</c>: the last <c>=</c> splits; a path holding <c>=</c> is written <c>PATH=</c> or <c>PATH=ROLE</c>.</summary>
    internal static (string Path, string? Role) SplitRole(string value)
    {
        var eq = value.LastIndexOf('=');
        if (eq < 0)
        {
            return (value, null);
        }

        var path = value[..eq];
        var role = value[(eq + 1)..];
        if (path.Length == 0)
        {
            throw new CliUsageException($"--input '{value}' has no path before '='.");
        }

        if (role.Length == 0)
        {
            return (path, null);
        }

        if (!role.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
        {
            throw new CliUsageException(
                $"--input '{value}': the role '{role}' may hold only letters, digits, '_' and '-' (for example '{Suggest(role)}'). " +
                $"If '{value}' is a file name holding '=', end it with '=' for no role ('{value}=') or with '=ROLE'.");
        }

        return (path, role);
    }

    private static string Suggest(string role)
    {
        var chars = role.Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' ? c : '_').ToArray();
        var text = string.Join('_', new string(chars).Split('_', StringSplitOptions.RemoveEmptyEntries));
        return text.Length == 0 ? "reference" : text;
    }

    private static (string Name, string Value) SplitPair(string value, string flag, string shape)
    {
        var eq = value.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0 || eq == value.Length - 1)
        {
            throw new CliUsageException($"{flag} '{value}' must be {shape}.");
        }

        return (value[..eq], value[(eq + 1)..]);
    }

    /// <summary>
    /// JSON given to the tool, parsed strictly: a property given twice is refused (which one a reader keeps differs
    /// between parsers), and so is a string escaping half of a surrogate pair (<c>"\ud800"</c>: JSON by syntax, but no
    /// text; writing it out again threw). Either is a usage error naming <paramref name="what"/>.
    /// </summary>
    internal static JsonNode? ParseJson(string text, string what, string hint = "")
    {
        try
        {
            var node = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false });
            _ = node?.ToJsonString(); // reads every string once: an unpaired surrogate throws here, not later
            return node;
        }
        catch (JsonException ex)
        {
            throw new CliUsageException($"{what} is not valid JSON: {ex.Message}{hint}");
        }
        catch (InvalidOperationException ex)
        {
            throw new CliUsageException($"{what} holds a string that is not text: {ex.Message}");
        }
    }

    private static void Exists(FileInfo file, string flag)
    {
        if (!file.Exists)
        {
            throw new CliUsageException($"{flag} '{file.FullName}' does not exist.");
        }
    }

    /// <summary>The most read from a file that reports no size (64 MiB).</summary>
    private const long UnsizedReadLimit = 64L << 20;

    /// <summary>
    /// The UTF-8 text of a file named by <paramref name="flag"/>. A regular file is read whole. What reports no length (a
    /// pipe, such as a shell's <c>&lt;(…)</c>, or a device) is read up to <see cref="UnsizedReadLimit"/>: <c>/dev/zero</c>
    /// never ends, and read whole it would exhaust the memory instead of getting an error.
    /// </summary>
    internal static async Task<string> ReadTextAsync(FileInfo file, string flag, CancellationToken cancellationToken)
    {
        Exists(file, flag);
        if (file.Length > 0)
        {
            return await File.ReadAllTextAsync(file.FullName, cancellationToken).ConfigureAwait(false);
        }

        await using var stream = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16, FileOptions.Asynchronous);
        using var bytes = new MemoryStream();
        var buffer = new byte[1 << 16];
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (bytes.Length + read > UnsizedReadLimit)
            {
                throw new CliUsageException($"{flag} '{file.FullName}' reports no size and did not end within {UnsizedReadLimit / (1 << 20)} MiB (a device such as /dev/zero?); give a regular file.");
            }

            bytes.Write(buffer, 0, read);
        }

        return new UTF8Encoding(false).GetString(bytes.GetBuffer(), 0, (int)bytes.Length).TrimStart('\uFEFF');
    }

    private static void SetDocument(JsonObject? parent, string name, FileInfo? file, string flag)
    {
        if (file is null)
        {
            return;
        }

        Exists(file, flag);
        parent![name] = new JsonObject { ["path"] = file.FullName };
    }

    private static void Set(JsonObject? target, string name, JsonNode? value)
    {
        if (value is not null)
        {
            target![name] = value;
        }
    }

    /// <summary>The nested object <paramref name="name"/>, made when a flag is about to write into it.</summary>
    private static JsonObject? Child(JsonObject spec, string name, object? flagValue)
    {
        if (flagValue is null)
        {
            return spec[name] as JsonObject;
        }

        if (spec[name] is not JsonObject child)
        {
            spec[name] = child = [];
        }

        return child;
    }
}
