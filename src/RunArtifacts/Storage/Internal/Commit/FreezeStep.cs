using System.Diagnostics;
using System.Text;
using RunArtifacts.Builder.Internal;
using RunArtifacts.Internal;
using RunArtifacts.IO.Internal;
using RunArtifacts.Records;

namespace RunArtifacts.Storage.Internal.Commit;

/// <summary>
/// Step 1, <see cref="CommitStage.Freeze"/>: the draft is frozen (the builder did it as <c>CommitAsync</c> started) and the
/// whole-run rules are checked; a broken rule throws <see cref="ArtifactValidationException"/> before anything touches the root.
/// </summary>
internal static class FreezeStep
{
    public static CommitWork Run(CommitContext context, RunDraft draft)
    {
        Debug.Assert(draft.IsFrozen, "The builder freezes the draft before the commit starts.");
        var options = context.Options;
        var problems = new List<string>();
        var warnings = new List<WarningRecord>(draft.Warnings);

        string CheckText(string what, string value)
        {
            if (value.Any(c => char.IsControl(c)))
            {
                problems.Add($"{what} '{Guard.Printable(value)}' contains control characters.");
            }

            return value;
        }

        var modelKey = Naming.Slug(CheckText("Model key", draft.ModelKey), options.MaxModelKeyLength);
        if (modelKey.Length == 0)
        {
            problems.Add($"Model key '{Guard.Printable(draft.ModelKey)}' has no letters or digits.");
        }

        string? slug = null;
        if (draft.Slug is not null)
        {
            slug = Naming.Slug(CheckText("Slug", draft.Slug), options.MaxSlugLength);
            if (slug.Length == 0)
            {
                problems.Add($"Slug '{Guard.Printable(draft.Slug)}' has no letters or digits.");
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
                problems.Add($"Tag '{Guard.Printable(tag)}' contains control characters or is longer than 100 characters.");
            }
        }

        void CheckFile(PendingFile file, string what)
        {
            if (file.SourcePath is { } path)
            {
                if (path.Any(char.IsControl))
                {
                    problems.Add($"{what} path '{Guard.Printable(path)}' contains control characters.");
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
                else if (SourceFiles.NotAnOriginal(path) is { } notAFile)
                {
                    problems.Add($"{what} '{path}' {notAFile}.");
                }
                else if (info.LinkTarget is not null)
                {
                    warnings.Add(new WarningRecord { Code = "symlink_followed", Message = $"{what} '{info.Name}' is a symbolic link; the content of its target was kept." });
                }
            }
            else if (Naming.ProblemWithFileName(file.OriginalFileName) is { } problem)
            {
                problems.Add($"{what} file name '{Guard.Printable(file.OriginalFileName)}' {problem}.");
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

        ExperimentChecks.Check(context, draft, problems);
        if (problems.Count > 0)
        {
            throw new ArtifactValidationException(problems);
        }

        if (draft.Status == RunStatus.Succeeded && draft.Outputs.Count == 0 && draft.ExternalOutputs.Count == 0)
        {
            warnings.Add(new WarningRecord { Code = "no_outputs", Message = "The run succeeded but has no outputs." });
        }

        return new CommitWork { Draft = draft, ModelKeySlug = modelKey, Slug = slug, Warnings = warnings };
    }
}
