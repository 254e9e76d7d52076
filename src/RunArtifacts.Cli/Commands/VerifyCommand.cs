using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using RunArtifacts.Cli.Internal;
using RunArtifacts.Verification;

namespace RunArtifacts.Cli.Commands;

/// <summary><c>artifacts verify</c>: check run bundles after the fact (schemas, hashes, paths, joins, index, secrets).</summary>
internal static class VerifyCommand
{
    public static Command Create(CliContext context)
    {
        var root = CliContext.RootOption();
        var runIds = new Argument<string[]>("RUN_ID") { Description = "Runs to verify (run id or DATE/RUN_ID); every run under the root when none is given.", Arity = ArgumentArity.ZeroOrMore };
        var json = new Option<bool>("--json") { Description = "One JSON object per run, per line, then a summary object." };
        var parallel = new Option<int?>("--parallel") { Description = "Files hashed and runs checked at once (default: the number of processors)." };
        var command = new Command(
            "verify",
            "Check that every record validates against its schema, every named file has its recorded size and sha256, no file is unaccounted for, "
            + "paths stay inside the run, join keys agree, the index line agrees with the manifest, and no secret appears in a text file. "
            + "A secret pattern inside an original (an input or output, kept byte for byte) is a warning, not a failure. "
            + "Exit 0 when all hold, 1 when a problem was found.")
        {
            root, runIds, json, parallel,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var rootDir = parse.GetRequiredValue(root);
            if (!rootDir.Exists)
            {
                throw new CliUsageException($"The root '{rootDir.FullName}' does not exist.");
            }

            var options = new VerifyOptions();
            if (parse.GetValue(parallel) is { } p)
            {
                options.MaxParallelism = p >= 1 ? p : throw new CliUsageException("--parallel must be at least 1.");
            }

            var store = CliContext.OpenStore(rootDir);
            var verifier = new RunVerifier(store, options);
            var asJson = parse.GetValue(json);
            using var progress = ProgressLine.ForStandardError(context.Error);
            var watch = Stopwatch.StartNew();
            int runs = 0, failed = 0, problems = 0, warnings = 0;
            long files = 0, bytes = 0;
            await foreach (var result in verifier.VerifyRunsAsync(RunIdArgument.CheckNotBlank(parse.GetValue(runIds)), progress, cancellationToken).ConfigureAwait(false))
            {
                runs++;
                files += result.FilesHashed;
                bytes += result.BytesHashed;
                problems += result.Problems.Count;
                warnings += result.Warnings.Count;
                failed += result.Passed ? 0 : 1;
                if (asJson)
                {
                    progress?.Clear();
                    await context.Out.WriteLineAsync(ToJson(result).ToJsonString()).ConfigureAwait(false);
                }
                else if (!result.Passed || result.Warnings.Count > 0)
                {
                    progress?.Clear();
                    foreach (var problem in result.Problems)
                    {
                        await context.Out.WriteLineAsync($"FAIL  {result.RunPath}  {problem.File}  {problem.Check}: {CliOneLine(problem.Message)}").ConfigureAwait(false);
                    }

                    foreach (var warning in result.Warnings)
                    {
                        await context.Out.WriteLineAsync($"WARN  {result.RunPath}  {warning.File}  {warning.Check}: {CliOneLine(warning.Message)}").ConfigureAwait(false);
                    }
                }
            }

            progress?.Clear();

            // Issue 13: the whole root's reviews.jsonl (hash chain, ids, targets) when no run ids narrow the check.
            IReadOnlyList<VerificationProblem> reviewProblems = parse.GetValue(runIds) is { Length: > 0 } ? [] : await verifier.VerifyReviewsAsync(cancellationToken).ConfigureAwait(false);
            problems += reviewProblems.Count;
            foreach (var problem in reviewProblems)
            {
                await context.Out.WriteLineAsync(asJson
                    ? new JsonObject { ["type"] = "reviews", ["run_id"] = problem.RunId, ["file"] = problem.File, ["check"] = problem.Check, ["message"] = problem.Message }.ToJsonString()
                    : $"FAIL  {problem.File}  {problem.Check}: {CliOneLine(problem.Message)}").ConfigureAwait(false);
            }

            var seconds = Math.Max(watch.Elapsed.TotalSeconds, 1e-6);
            if (asJson)
            {
                await context.Out.WriteLineAsync(new JsonObject
                {
                    ["type"] = "summary",
                    ["runs"] = runs,
                    ["runs_failed"] = failed,
                    ["problems"] = problems,
                    ["warnings"] = warnings,
                    ["files_hashed"] = files,
                    ["bytes_hashed"] = bytes,
                    ["seconds"] = Math.Round(seconds, 3),
                    ["reviews_problems"] = reviewProblems.Count,
                    ["passed"] = failed == 0 && reviewProblems.Count == 0,
                }.ToJsonString()).ConfigureAwait(false);
            }
            else
            {
                var summary = string.Create(
                    CultureInfo.InvariantCulture,
                    $"verified {runs} run(s): {runs - failed} passed, {failed} failed ({problems} problem(s){(reviewProblems.Count > 0 ? $", {reviewProblems.Count} in reviews.jsonl" : string.Empty)}, {warnings} warning(s)); hashed {files} file(s), {bytes / 1e6:0.0} MB in {seconds:0.00} s ({bytes / 1e6 / seconds:0.0} MB/s, {runs / seconds:0.0} runs/s)");
                await (failed == 0 && reviewProblems.Count == 0 ? context.Out : context.Error).WriteLineAsync(summary).ConfigureAwait(false);
            }

            return failed == 0 && reviewProblems.Count == 0 ? ExitCodes.Ok : ExitCodes.CheckFailed;
        });
        return command;
    }

    private static JsonObject ToJson(RunVerificationResult result) => new()
    {
        ["type"] = "run",
        ["run_id"] = result.RunId,
        ["run_path"] = result.RunPath,
        ["passed"] = result.Passed,
        ["files_hashed"] = result.FilesHashed,
        ["bytes_hashed"] = result.BytesHashed,
        ["problems"] = Findings(result.Problems),
        ["warnings"] = Findings(result.Warnings),
    };

    private static JsonArray Findings(IReadOnlyList<VerificationProblem> findings) => new(findings.Select(p => (JsonNode)new JsonObject
    {
        ["file"] = p.File,
        ["check"] = p.Check,
        ["message"] = p.Message,
    }).ToArray());

    private static string CliOneLine(string text) => ArtifactsCli.OneLine(text);

    /// <summary>A one-line progress display on stderr, shown only when stderr is a terminal; redrawn at most ten times a second.</summary>
    private sealed class ProgressLine(TextWriter error) : IProgress<VerifyProgress>, IDisposable
    {
        private readonly Lock sync = new();
        private long lastDraw;
        private int width;

        public static ProgressLine? ForStandardError(TextWriter error)
            => ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected ? new ProgressLine(error) : null;

        public void Report(VerifyProgress value)
        {
            var now = Environment.TickCount64;
            lock (sync)
            {
                if (now - lastDraw < 100 && value.RunsDone != value.RunsTotal)
                {
                    return;
                }

                lastDraw = now;
                var text = string.Create(CultureInfo.InvariantCulture, $"verifying {value.RunsDone}/{value.RunsTotal} runs, {value.BytesHashed / 1e6:0.0} MB hashed, {value.RunsFailed} failed");
                error.Write("\r" + text.PadRight(width));
                width = text.Length;
            }
        }

        public void Clear()
        {
            lock (sync)
            {
                if (width > 0)
                {
                    error.Write("\r" + new string(' ', width) + "\r");
                    width = 0;
                }
            }
        }

        public void Dispose() => Clear();
    }
}
