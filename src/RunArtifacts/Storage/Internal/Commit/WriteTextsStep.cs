using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using RunArtifacts.Builder.Internal;
using RunArtifacts.Capture.Internal;
using RunArtifacts.IO.Internal;
using RunArtifacts.Records;
using RunArtifacts.Redaction.Internal;
using RunArtifacts.Serialization;

namespace RunArtifacts.Storage.Internal.Commit;

/// <summary>
/// Step 5, <see cref="CommitStage.WriteTexts"/>: the one place where text meets the redactor. Every text of the run that
/// reaches the disk (prompts, the request, logs and traces, errors, warnings, notes, source, options, provider metadata,
/// tags, the task id, file names, source URLs and file metadata) passes the redactor here and only here; the text files
/// are written, and the redacted values wait in <see cref="RunTexts"/> for the records. The ledger's order (and so the
/// redaction summary) follows the order of the calls below.
/// </summary>
internal static class WriteTextsStep
{
    private static readonly JsonSerializerOptions IndentedJson = new() { WriteIndented = true, TypeInfoResolver = RunArtifactsJsonContext.Default };

    public static void Run(CommitContext context, CommitWork work)
    {
        var draft = work.Draft;
        var dir = work.Directory;
        var options = context.Options;
        var flush = options.FlushToDisk;
        var redactor = context.Redactor;
        var ledger = new RedactionLedger();

        var prompts = WritePrompts(draft, dir, redactor, ledger, flush);
        string? requestPath = null;
        if (draft.Request is not null)
        {
            requestPath = "request.json";
            var redacted = redactor.RedactJson(draft.Request, requestPath, ledger);
            FileCopier.WriteSmallFile(Path.Combine(dir, requestPath), Encoding.UTF8.GetBytes(redacted!.ToJsonString(IndentedJson)), flush);
        }

        var captures = new List<CaptureRecord>();
        var logs = new SortedDictionary<string, string>(StringComparer.Ordinal);
        string? WriteLog(PendingLog? log, string? nameOverride = null)
        {
            if (log is null)
            {
                return null;
            }

            var name = nameOverride ?? log.Name;
            Directory.CreateDirectory(Path.Combine(dir, "logs"));
            using var captured = TextCapture.Capture(name, "logs/" + name, log.Content, options.Capture, redactor, ledger, log.PreferJson);
            FileCopier.WriteSmallFile(Path.Combine(dir, captured.Record.Path!), captured.Content.Span, flush);
            captures.Add(captured.Record);
            logs[name] = captured.Record.Path!;
            return captured.Record.Path;
        }

        var submitPayloadPath = WriteLog(draft.SubmitPayload);
        var submitResponsePath = WriteLog(draft.SubmitResponse);
        var statusPaths = new List<string>();
        for (var i = 0; i < draft.StatusResponses.Count; i++)
        {
            var last = i == draft.StatusResponses.Count - 1;
            statusPaths.Add(WriteLog(draft.StatusResponses[i], last ? "status_response_final" : null)!);
        }

        foreach (var log in draft.Logs)
        {
            WriteLog(log);
        }

        var errors = draft.Errors.Select(e => ShapeError(e, redactor, ledger, options)).ToList();
        var privacy = context.Privacy;
        var warnings = work.Warnings.Select((w, i) => w with { Message = privacy.Scrub(redactor.RedactText(Unstage(w.Message, work.Directory), "run.json#warnings", $"[{i}].message", ledger), "run.json#warnings", $"[{i}].message", ledger) }).ToList();
        var notes = draft.Notes is null ? null : redactor.RedactText(draft.Notes, "run.json#notes", ledger);
        var source = RedactSource(draft.Source, redactor, ledger);
        var runOptions = draft.Options.Count == 0 ? null : (JsonObject?)redactor.RedactJson(draft.Options, "run.json#options", ledger);
        var metadata = draft.ProviderMetadata.Count == 0 ? null : (JsonObject?)redactor.RedactJson(draft.ProviderMetadata, "run.json#provider_trace.metadata", ledger);
        var tags = draft.Tags.Select(t => redactor.RedactText(t, "run.json#tags", ledger)).Distinct(StringComparer.Ordinal).ToList();
        var taskId = draft.TaskId is null ? null : redactor.RedactText(draft.TaskId, "run.json#provider_trace.task_id", ledger);
        foreach (var asset in work.Assets)
        {
            asset.OriginalFilename = redactor.RedactText(asset.Source.OriginalFileName, "run.json#original_filename", ledger);
            asset.SourceUrl = asset.Source.SourceUrl is { } url ? redactor.RedactText(url, "run.json#source_url", ledger) : null;
            asset.Metadata = asset.Source.Metadata is null ? null : (JsonObject?)redactor.RedactJson(asset.Source.Metadata, "run.json#metadata", ledger);
        }

        var external = (ExternalAssets.Redact(draft.ExternalInputs, false, null, redactor, ledger), ExternalAssets.Redact(draft.ExternalOutputs, true, draft.ReviewStatus, redactor, ledger));
        ExperimentTexts.Write(context, work, redactor, ledger);
        work.Texts = new RunTexts
        {
            External = external,
            Prompts = prompts,
            RequestPath = requestPath,
            Captures = captures,
            Logs = logs,
            SubmitPayloadPath = submitPayloadPath,
            SubmitResponsePath = submitResponsePath,
            StatusPaths = statusPaths,
            Errors = errors,
            Warnings = warnings,
            Notes = notes,
            Source = source,
            Options = runOptions,
            ProviderMetadata = metadata,
            Tags = tags,
            TaskId = taskId,
            Redaction = ledger.ToSummary(redactor.Marker, options.Redaction.MaxEntries),
        };
    }

    private static ErrorRecord ShapeError(PendingError error, SecretRedactor redactor, RedactionLedger ledger, RunArtifactsOptions options)
    {
        if (error.Exception is not { } exception)
        {
            return ErrorShaper.FromMessage(error.Kind!, error.Message!, error.HttpStatus, error.Code, error.Stage, redactor, ledger, options);
        }

        // A kind decided by the builder (a timeout told apart from the caller's own cancellation) wins over the classifier's.
        var shaped = ErrorShaper.FromException(exception, redactor, ledger, options) with { Stage = error.Stage };
        return error.Kind is { } kind ? shaped with { Kind = kind } : shaped;
    }

    private static PromptRecord? WritePrompts(RunDraft draft, string dir, SecretRedactor redactor, RedactionLedger ledger, bool flush)
    {
        if (draft.PromptRaw is null && draft.PromptEnhanced is null && draft.PromptFinal is null)
        {
            return null;
        }

        // Each distinct prompt is scanned once; its redactions are then accounted at every place it is written.
        var scanned = new Dictionary<string, (string Text, IReadOnlyList<RedactionEntry> Entries)>(StringComparer.Ordinal);
        string? Redact(string? text, string place)
        {
            if (text is null)
            {
                return null;
            }

            if (!scanned.TryGetValue(text, out var done))
            {
                var scratch = new RedactionLedger();
                done = (redactor.RedactText(text, place, scratch), scratch.ToSummary(redactor.Marker, int.MaxValue).Entries);
                scanned[text] = done;
            }

            foreach (var e in done.Entries)
            {
                ledger.Add(place, e.Location, e.Rule, e.Count);
            }

            return done.Text;
        }

        string? Write(string? text, string file)
        {
            if (Redact(text, file) is not { } redacted)
            {
                return null;
            }

            FileCopier.WriteSmallFile(Path.Combine(dir, file), Encoding.UTF8.GetBytes(redacted), flush);
            return file;
        }

        var finalUsed = draft.PromptFinal ?? draft.PromptEnhanced ?? draft.PromptRaw;
        var finalDiffers = draft.PromptFinal is not null && draft.PromptFinal != draft.PromptRaw && draft.PromptFinal != draft.PromptEnhanced;
        var raw = Redact(draft.PromptRaw, "run.json#prompts.raw");
        var enhanced = Redact(draft.PromptEnhanced, "run.json#prompts.enhanced");
        return new PromptRecord
        {
            Raw = raw,
            Enhanced = enhanced,
            FinalUsed = Redact(finalUsed, "run.json#prompts.final_used"),
            PromptProfile = draft.PromptProfile,
            RawPath = Write(draft.PromptRaw, "prompt.txt"),
            EnhancedPath = Write(draft.PromptEnhanced, "prompt_enhanced.txt"),
            FinalUsedPath = finalDiffers ? Write(draft.PromptFinal, "prompt_final.txt") : null,
        };
    }

    private static SourceContextRecord? RedactSource(SourceContextRecord? source, SecretRedactor redactor, RedactionLedger ledger)
    {
        if (source is null)
        {
            return null;
        }

        string? R(string? s, string field) => s is null ? null : redactor.RedactText(s, "run.json#source_context." + field, ledger);
        return new SourceContextRecord
        {
            SourceType = R(source.SourceType, "source_type"),
            SourceUser = R(source.SourceUser, "source_user"),
            SourceChannel = R(source.SourceChannel, "source_channel"),
            SourceAgent = R(source.SourceAgent, "source_agent"),
            ProjectName = R(source.ProjectName, "project_name"),
            Notes = R(source.Notes, "notes"),
        };
    }

    /// <summary>
    /// A probe's or generator's message quotes the file it was given, which lives in the staging folder until publish;
    /// the record names the file relative to the run folder instead (<c>original/output_01.png</c>), as every path in a
    /// record does.
    /// </summary>
    private static string Unstage(string message, string runDirectory)
    {
        var dir = Path.TrimEndingDirectorySeparator(runDirectory);
        return message.Contains(dir, StringComparison.Ordinal)
            ? message.Replace(dir + Path.DirectorySeparatorChar, string.Empty, StringComparison.Ordinal).Replace(dir, ".", StringComparison.Ordinal)
            : message;
    }
}
