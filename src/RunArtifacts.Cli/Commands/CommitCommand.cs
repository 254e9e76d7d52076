using System.CommandLine;
using System.Text.Json.Nodes;
using RunArtifacts.Cli.Internal;
using RunArtifacts.Derivatives;
using RunArtifacts.Storage;

namespace RunArtifacts.Cli.Commands;

/// <summary><c>artifacts commit</c>: one run from the shell.</summary>
internal static class CommitCommand
{
    public static Command Create(CliContext context)
    {
        var root = CliContext.RootOption();
        var modelKey = new Option<string>("--model-key") { Description = "The model key (slugged into the run id).", Required = true };
        var slug = new Option<string?>("--slug") { Description = "Free text appended to the run id." };
        var providerModel = new Option<string?>("--provider-model") { Description = "The provider's model name." };
        var taskMode = new Option<string?>("--task-mode") { Description = "Task mode, e.g. text_to_image." };
        var prompt = new Option<string?>("--prompt") { Description = "The prompt text." };
        var promptFile = new Option<FileInfo?>("--prompt-file") { Description = "Read the prompt from a UTF-8 file." };
        var enhanced = new Option<string?>("--enhanced-prompt") { Description = "The enhanced prompt." };
        var inputs = new Option<string[]>("--input") { Description = "An input file, optionally with its role: PATH[=ROLE]. Repeatable.", AllowMultipleArgumentsPerToken = false };
        var outputs = new Option<string[]>("--output") { Description = "An output file; the first is the hero. Repeatable." };
        var tags = new Option<string[]>("--tag") { Description = "A tag. Repeatable." };
        var requestFile = new Option<FileInfo?>("--request-file") { Description = "The request payload (JSON); written redacted to request.json." };
        var logs = new Option<string[]>("--log") { Description = "A named log: NAME=PATH. Repeatable. Redacted and truncated by policy." };
        var taskId = new Option<string?>("--task-id") { Description = "The provider's task id." };
        var status = new Option<string>("--status") { Description = "The outcome.", DefaultValueFactory = _ => "succeeded" };
        status.AcceptOnlyFromAmong("succeeded", "failed", "cancelled");
        var error = new Option<string?>("--error") { Description = "The error message of a failed or cancelled run (redacted)." };
        var errorKind = new Option<string?>("--error-kind") { Description = "The failure kind (timeout, rate_limited, provider_error, …); classified from the message when omitted." };
        var noDerivatives = new Option<bool>("--no-derivatives") { Description = "Do not make web copies, thumbnails or posters." };
        var json = CliContext.JsonOption();

        var command = new Command("commit", "Commit one run as a bundle: copy and hash the files, redact the texts, make derivatives, publish atomically, append the index line.")
        {
            root, modelKey, slug, providerModel, taskMode, prompt, promptFile, enhanced, inputs, outputs, tags, requestFile, logs, taskId, status, error, errorKind, noDerivatives, json,
        };

        command.SetAction(async (parse, cancellationToken) =>
        {
            var store = CliContext.OpenStore(parse.GetRequiredValue(root));
            var builder = store.CreateRun(parse.GetRequiredValue(modelKey));
            Apply(parse.GetValue(slug), v => builder.WithSlug(v));
            Apply(parse.GetValue(providerModel), v => builder.WithProviderModel(v));
            Apply(parse.GetValue(taskMode), v => builder.WithTaskMode(v));
            Apply(parse.GetValue(taskId), v => builder.WithTaskId(v));
            Apply(parse.GetValue(enhanced), v => builder.WithEnhancedPrompt(v));
            var promptText = parse.GetValue(prompt);
            if (parse.GetValue(promptFile) is { } pf)
            {
                if (promptText is not null)
                {
                    throw new CliUsageException("Give --prompt or --prompt-file, not both.");
                }

                promptText = await ReadTextAsync(pf, "--prompt-file", cancellationToken).ConfigureAwait(false);
            }

            Apply(promptText, v => builder.WithPrompt(v));
            foreach (var spec in parse.GetValue(inputs) ?? [])
            {
                var (path, role) = SplitRole(spec);
                builder.AddInput(path, role);
            }

            foreach (var path in parse.GetValue(outputs) ?? [])
            {
                builder.AddOutput(path);
            }

            builder.AddTags(parse.GetValue(tags) ?? []);
            if (parse.GetValue(requestFile) is { } rf)
            {
                var text = await ReadTextAsync(rf, "--request-file", cancellationToken).ConfigureAwait(false);
                try
                {
                    builder.WithRequest(text);
                }
                catch (ArgumentException)
                {
                    throw new CliUsageException($"--request-file '{rf.FullName}' is not valid JSON.");
                }
            }

            foreach (var spec in parse.GetValue(logs) ?? [])
            {
                var eq = spec.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0 || eq == spec.Length - 1)
                {
                    throw new CliUsageException($"--log '{spec}' must be NAME=PATH.");
                }

                var file = new FileInfo(spec[(eq + 1)..]);
                if (!file.Exists)
                {
                    throw new CliUsageException($"--log file '{file.FullName}' does not exist.");
                }

                try
                {
                    builder.AddLog(spec[..eq], await File.ReadAllBytesAsync(file.FullName, cancellationToken).ConfigureAwait(false));
                }
                catch (ArgumentException ex)
                {
                    throw new CliUsageException(ex.Message);
                }
            }

            var message = parse.GetValue(error);
            var kind = parse.GetValue(errorKind);
            switch (parse.GetValue(status))
            {
                case "failed":
                    message ??= "The run failed; no error message was given.";
                    _ = kind is null ? builder.Failed(message) : builder.Failed(kind, message);
                    break;
                case "cancelled":
                    builder.Cancelled(message);
                    break;
                default:
                    if (message is not null)
                    {
                        throw new CliUsageException("--error needs --status failed or --status cancelled.");
                    }

                    break;
            }

            if (parse.GetValue(noDerivatives))
            {
                builder.WithoutDerivatives();
            }

            // A bar on stderr in a terminal (bytes copied, then derivatives made); nothing when piped.
            var run = await ProgressDisplay.RunAsync(context, "commit", progress =>
            {
                builder.WithProgress(new Relay(progress));
                return builder.CommitAsync(cancellationToken);
            }).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                await context.Out.WriteLineAsync(ToJson(run).ToJsonString()).ConfigureAwait(false);
            }
            else
            {
                await context.Out.WriteLineAsync(run.FullPath).ConfigureAwait(false);
                foreach (var w in run.Warnings)
                {
                    await context.Error.WriteLineAsync($"warning: {w.Code}: {w.Message}").ConfigureAwait(false);
                }
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    internal static JsonObject ToJson(CommittedRun run) => new()
    {
        ["run_id"] = run.RunId,
        ["run_path"] = run.RunPath,
        ["full_path"] = run.FullPath,
        ["status"] = run.Status.ToString().ToLowerInvariant(),
        ["outputs"] = new JsonArray(run.Run.Outputs.Select(o => (JsonNode)o.RelativePath).ToArray()),
        ["warnings"] = new JsonArray(run.Warnings.Select(w => (JsonNode)new JsonObject { ["code"] = w.Code, ["message"] = w.Message }).ToArray()),
    };

    private static (string Path, string? Role) SplitRole(string spec)
    {
        var eq = spec.LastIndexOf('=');
        if (eq > 0 && eq < spec.Length - 1)
        {
            var role = spec[(eq + 1)..];
            if (role.All(c => char.IsAsciiLetterOrDigit(c) || c == '_' || c == '-'))
            {
                return (spec[..eq], role);
            }
        }

        return (spec, null);
    }

    private static async Task<string> ReadTextAsync(FileInfo file, string option, CancellationToken cancellationToken)
    {
        if (!file.Exists)
        {
            throw new CliUsageException($"{option} '{file.FullName}' does not exist.");
        }

        return await File.ReadAllTextAsync(file.FullName, cancellationToken).ConfigureAwait(false);
    }

    private static void Apply(string? value, Action<string> apply)
    {
        if (value is not null)
        {
            try
            {
                apply(value);
            }
            catch (ArgumentException ex)
            {
                throw new CliUsageException(ex.Message);
            }
        }
    }

    private sealed class Relay(IProgress<ProgressTick> target) : IProgress<CommitProgress>
    {
        public void Report(CommitProgress value) => target.Report(new ProgressTick(StageLabel(value.Stage), value.Completed, value.Total ?? 0));

        private static string StageLabel(CommitStage stage) => stage switch
        {
            CommitStage.Freeze => "check",
            CommitStage.StageFiles => "copy",
            CommitStage.Probe => "probe",
            CommitStage.Derive => "derivatives",
            CommitStage.WriteTexts => "texts",
            CommitStage.AssembleRecords => "records",
            CommitStage.Publish => "publish",
            _ => "index",
        };
    }
}
