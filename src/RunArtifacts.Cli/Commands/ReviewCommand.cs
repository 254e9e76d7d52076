using System.CommandLine;
using System.Text.Json.Nodes;
using RunArtifacts.Cli.Internal;
using RunArtifacts.Records;
using RunArtifacts.Reviews;
using RunArtifacts.Serialization;

namespace RunArtifacts.Cli.Commands;

/// <summary>
/// <c>artifacts review RUN_ID [--output PATH | --sha256 HEX] --status STATUS --by NAME [--note TEXT]</c>: appends one
/// review event to the root's hash-chained <c>reviews.jsonl</c> (issue 13). Without a target, the run itself is reviewed.
/// </summary>
internal static class ReviewCommand
{
    public static Command Create(CliContext context)
    {
        var root = CliContext.RootOption();
        var json = CliContext.JsonOption();
        var runId = new Argument<string>("RUN_ID") { Description = "The run reviewed." };
        var output = new Option<string?>("--output") { Description = "An output: a file output's path in the run (original/output_01.png) or an external output's asset id (ext_output_01)." };
        var sha = new Option<string?>("--sha256") { Description = "The output(s) of the run with this content hash." };
        var status = new Option<string>("--status") { Description = "The decision: draft, needs-review, approved, rejected, archived or superseded. Only approved counts as proof.", Required = true };
        status.AcceptOnlyFromAmong("draft", "needs-review", "approved", "rejected", "archived", "superseded");
        var by = new Option<string>("--by") { Description = "Who decided.", Required = true };
        var note = new Option<string?>("--note") { Description = "Why (redacted)." };
        var command = new Command("review", "Record a review decision on a run or one of its outputs (append-only, hash-chained reviews.jsonl).") { runId, root, output, sha, status, by, note, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var outputPath = parse.GetValue(output);
            var hash = parse.GetValue(sha);
            if (outputPath is not null && hash is not null)
            {
                throw new CliUsageException("Give --output or --sha256, not both.");
            }

            var reviewer = parse.GetRequiredValue(by);

            // Blank values (an unset shell variable) are usage errors here, not the library's ArgumentException.
            foreach (var (name, value) in new[] { ("--output", outputPath), ("--sha256", hash), ("--by", reviewer) })
            {
                if (value is not null && string.IsNullOrWhiteSpace(value))
                {
                    throw new CliUsageException($"{name} must not be blank.");
                }
            }

            var target = outputPath is not null ? ReviewTarget.Output(outputPath) : hash is not null ? ReviewTarget.Content(hash) : ReviewTarget.ForRun;
            ReviewStatuses.TryParse(parse.GetRequiredValue(status), out var decided);
            var store = CliContext.OpenStore(parse.GetRequiredValue(root));
            var e = await store.ReviewAsync(RunIdArgument.Check(parse.GetRequiredValue(runId)), target, decided, reviewer, parse.GetValue(note), cancellationToken).ConfigureAwait(false);
            var proof = await store.HasAcceptedProofAsync(e.RunId, cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                var line = JsonNode.Parse(RecordJson.ToJsonLine(e))!.AsObject();
                line["run_has_accepted_proof"] = proof;
                await context.Out.WriteLineAsync(line.ToJsonString()).ConfigureAwait(false);
            }
            else
            {
                await context.Out.WriteLineAsync($"{e.EventId}  {e.RunId}  {e.Target}  {ReviewStatuses.Name(e.Status)}  by {e.Reviewer}{(e.Supersedes is null ? string.Empty : "  supersedes " + e.Supersedes)}").ConfigureAwait(false);
                await context.Out.WriteLineAsync(proof ? "the run has accepted proof (something approved)" : "the run has no accepted proof yet (nothing approved)").ConfigureAwait(false);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The status name for display (<c>needs-review</c>).</summary>
    internal static string Name(ReviewStatus status) => ReviewStatuses.Name(status);
}
