using System.CommandLine;
using System.Text.Json.Nodes;
using RunArtifacts.Cli.Internal;
using RunArtifacts.Derivatives;
using RunArtifacts.Specs;
using RunArtifacts.Storage;

namespace RunArtifacts.Cli.Commands;

/// <summary>
/// <c>artifacts commit</c>: one run from the shell, from a JSON run spec (<c>--spec FILE|-</c>), from flags, or both.
/// Flags are laid over the spec (<see cref="CommitFlags"/>), the result is validated against the run-spec schema and
/// applied through <see cref="RunArtifactStore.CreateRun(RunSpec)"/>, the one mapping C# callers use too.
/// </summary>
internal static class CommitCommand
{
    public static Command Create(CliContext context)
    {
        var root = CliContext.RootOption();
        var spec = new Option<string?>("--spec") { Description = "A JSON run spec (schema run-spec v1) from FILE, or '-' for standard input. Flags given beside it override it." };
        var flags = new CommitFlags();
        var noDerivatives = new Option<bool>("--no-derivatives") { Description = "Do not make web copies, thumbnails or posters." };
        var json = CliContext.JsonOption();

        var command = new Command("commit", "Commit one run as a bundle: copy and hash the files, redact the texts, make derivatives, publish atomically, append the index line.")
        {
            root, spec,
        };
        foreach (var option in flags.All)
        {
            command.Options.Add(option);
        }

        command.Options.Add(noDerivatives);
        command.Options.Add(json);

        command.SetAction(async (parse, cancellationToken) =>
        {
            var document = parse.GetValue(spec) is { } source
                ? await ReadSpecAsync(context, source, cancellationToken).ConfigureAwait(false)
                : new JsonObject();
            if (parse.GetValue(spec) is null && parse.GetValue(flags.ModelKey) is null)
            {
                throw new CliUsageException("Give --model-key, or a run spec with --spec FILE|- (its model_key).");
            }

            await flags.OverlayAsync(parse, document, cancellationToken).ConfigureAwait(false);
            CliExtensions.WarmUpImages(document);
            var runSpec = RunSpec.Parse(document.ToJsonString());
            var store = CliContext.OpenStore(parse.GetRequiredValue(root), options => flags.ConfigureStore(parse, options));
            var builder = store.CreateRun(runSpec);
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
        ["warnings"] = new JsonArray(run.Warnings.Select(w => (JsonNode)new JsonObject { ["code"] = w.Code, ["message"] = w.Message, ["path"] = w.Path }).ToArray()),
    };

    /// <summary>The spec document from a file or standard input; it must be one JSON object.</summary>
    private static async Task<JsonObject> ReadSpecAsync(CliContext context, string source, CancellationToken cancellationToken)
    {
        string text;
        if (source == "-")
        {
            text = await context.In.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            text = await CommitFlags.ReadTextAsync(new FileInfo(source), "--spec", cancellationToken).ConfigureAwait(false);
        }

        var what = $"--spec {(source == "-" ? "(standard input)" : $"'{source}'")}";
        return CommitFlags.ParseJson(text, what) as JsonObject ?? throw new CliUsageException($"{what} is not a JSON object.");
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
