using System.Diagnostics;
using System.Text;
using RunArtifacts.Builder.Internal;
using RunArtifacts.Internal;
using RunArtifacts.Records;

namespace RunArtifacts.Storage.Internal;

/// <summary>Turns a <see cref="RunDraft"/> into a published bundle: validate, stage, copy+hash, derive, record, flush, rename, index.</summary>
internal sealed partial class RunCommitter(RunArtifactStore store)
{
    private readonly RunArtifactsOptions options = store.Options;

    public async Task<CommittedRun> CommitAsync(RunDraft draft, CancellationToken cancellationToken)
    {
        using var activity = Telemetry.Source.StartActivity("RunArtifacts.Commit");
        var started = Stopwatch.GetTimestamp();
        var plan = Validate(draft);
        activity?.SetTag("run_artifacts.model_key", plan.ModelKeySlug);

        var root = store.RootPath;
        StagingArea staging;
        try
        {
            Directory.CreateDirectory(root);
            staging = StagingArea.Create(root, store.TimeProvider.GetUtcNow());
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ArtifactCommitException($"The root '{root}' is not writable: {ex.Message}", ex) { Stage = "stage" };
        }

        using (staging)
        {
            CommittedRun run;
            try
            {
                run = await StageAndPublishAsync(draft, plan, staging, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Log.CommitFailed(store.Logger, plan.ModelKeySlug, ex);
                throw new ArtifactCommitException($"Committing the run failed; nothing was published: {ex.Message}", ex) { Stage = "stage" };
            }

            try
            {
                await store.Index.AppendAsync(run.IndexEntry, options.FlushToDisk, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or OperationCanceledException or ArtifactCommitException)
            {
                throw new ArtifactCommitException($"Run '{run.RunPath}' was published but its index line could not be written ({ex.Message}); 'reindex' restores it.", ex) { Stage = "index", Published = true };
            }

            store.Catalog.RecordCommitted(run);

            Telemetry.RunsCommitted.Add(1, new KeyValuePair<string, object?>("status", run.Status.ToString().ToLowerInvariant()));
            Telemetry.CommitDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            Log.Committed(store.Logger, run.RunId, run.RunPath);
            return run;
        }
    }

    private sealed record Plan(string ModelKeySlug, string? Slug, List<WarningRecord> Warnings);

    private Plan Validate(RunDraft draft)
    {
        var problems = new List<string>();
        var warnings = new List<WarningRecord>(draft.Warnings);

        string CheckText(string what, string value)
        {
            if (value.Any(c => char.IsControl(c)))
            {
                problems.Add($"{what} '{Printable(value)}' contains control characters.");
            }

            return value;
        }

        var modelKey = Naming.Slug(CheckText("Model key", draft.ModelKey), options.MaxModelKeyLength);
        if (modelKey.Length == 0)
        {
            problems.Add($"Model key '{Printable(draft.ModelKey)}' has no letters or digits.");
        }

        string? slug = null;
        if (draft.Slug is not null)
        {
            slug = Naming.Slug(CheckText("Slug", draft.Slug), options.MaxSlugLength);
            if (slug.Length == 0)
            {
                problems.Add($"Slug '{Printable(draft.Slug)}' has no letters or digits.");
                slug = null;
            }
        }

        foreach (var (name, text) in new[] { ("Prompt", draft.PromptRaw), ("Enhanced prompt", draft.PromptEnhanced), ("Final prompt", draft.PromptFinal) })
        {
            if (text is null)
            {
                continue;
            }

            var bytes = Encoding.UTF8.GetByteCount(text);
            if (bytes > options.MaxPromptBytes)
            {
                problems.Add($"{name} is {bytes} bytes; the limit is {options.MaxPromptBytes} (RunArtifactsOptions.MaxPromptBytes).");
            }

            if (text.Contains('\0'))
            {
                problems.Add($"{name} contains a NUL character.");
            }
        }

        foreach (var tag in draft.Tags)
        {
            if (tag.Any(char.IsControl) || tag.Length > 100)
            {
                problems.Add($"Tag '{Printable(tag)}' contains control characters or is longer than 100 characters.");
            }
        }

        void CheckFile(PendingFile file, string what)
        {
            if (file.SourcePath is { } path)
            {
                if (path.Any(char.IsControl))
                {
                    problems.Add($"{what} path '{Printable(path)}' contains control characters.");
                    return;
                }

                var info = new FileInfo(path);
                if (Directory.Exists(path))
                {
                    problems.Add($"{what} '{path}' is a directory, not a file.");
                }
                else if (!info.Exists)
                {
                    problems.Add($"{what} '{path}' does not exist.");
                }
                else if (info.LinkTarget is not null)
                {
                    warnings.Add(new WarningRecord { Code = "symlink_followed", Message = $"{what} '{info.Name}' is a symbolic link; the content of its target was kept." });
                }
            }
            else if (Naming.ProblemWithFileName(file.OriginalFileName) is { } problem)
            {
                problems.Add($"{what} file name '{Printable(file.OriginalFileName)}' {problem}.");
            }
        }

        for (var i = 0; i < draft.Inputs.Count; i++)
        {
            CheckFile(draft.Inputs[i], $"Input {i + 1}");
        }

        for (var i = 0; i < draft.Outputs.Count; i++)
        {
            CheckFile(draft.Outputs[i], $"Output {i + 1}");
        }

        if (problems.Count > 0)
        {
            throw new ArtifactValidationException(problems);
        }

        if (draft.Status == RunStatus.Succeeded && draft.Outputs.Count == 0)
        {
            warnings.Add(new WarningRecord { Code = "no_outputs", Message = "The run succeeded but has no outputs." });
        }

        return new Plan(modelKey, slug, warnings);
    }

    private static string Printable(string text) => Builder.RunArtifactBuilder.Printable(text);
}
