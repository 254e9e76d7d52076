using System.Text.Json;
using RunArtifacts.Records;
using RunArtifacts.Reviews;
using RunArtifacts.Reviews.Internal;
using RunArtifacts.Schemas;
using RunArtifacts.Schemas.Internal;
using RunArtifacts.Storage;

namespace RunArtifacts.Verification.Internal;

/// <summary>
/// Checks <c>reviews.jsonl</c> (issue 13): every line parses and validates against the <c>review-event</c> schema, carries
/// the SHA-256 of the line before it (so an edited, removed or inserted line breaks the chain where it happened), has a
/// unique event id, supersedes only an earlier event, and names a run and an output that exist.
/// </summary>
internal static class ReviewChecker
{
    public static List<VerificationProblem> Check(RunArtifactStore store, CancellationToken cancellationToken)
    {
        var problems = new List<VerificationProblem>();
        SchemaValidator? validator = null; // built on the first line: a root without reviews pays nothing for the schema
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var runs = new Dictionary<string, RunRecord?>(StringComparer.Ordinal);
        var previous = ReviewsFile.Genesis;
        foreach (var (number, bytes) in store.Reviews.Lines())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var hash = ReviewsFile.HashLine(bytes);
            void Problem(string runId, string message) => problems.Add(new VerificationProblem(runId, ReviewsFile.FileName, VerificationChecks.Review, $"line {number}: {message}"));
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(bytes);
            }
            catch (JsonException)
            {
                Problem("(reviews)", "not JSON (torn or edited)");
                previous = hash;
                continue;
            }

            using (document)
            {
                var errors = (validator ??= SchemaValidator.For(RecordKind.ReviewEvent)).Validate(document.RootElement);
                foreach (var error in errors.Take(5))
                {
                    Problem("(reviews)", $"{(error.InstancePath.Length == 0 ? "/" : error.InstancePath)}: {error.Message}");
                }

                if (errors.Count > 0 || !ReviewsFile.TryParse(bytes, out var e))
                {
                    previous = hash;
                    continue;
                }

                if (e.PrevSha256 != previous)
                {
                    Problem(e.RunId, $"prev_sha256 {e.PrevSha256[..12]}… is not the SHA-256 of the line before ({previous[..12]}…): a line before it was edited, removed or inserted");
                }

                if (!seen.Add(e.EventId))
                {
                    Problem(e.RunId, $"event id {e.EventId} is repeated");
                }

                if (e.Supersedes is { } s && !seen.Contains(s))
                {
                    Problem(e.RunId, $"supersedes {s}, which is no earlier event");
                }

                if (!runs.TryGetValue(e.RunId, out var run))
                {
                    run = runs[e.RunId] = ReadRun(store, e.RunId);
                }

                if (run is null)
                {
                    Problem(e.RunId, $"names run {e.RunId}, which does not exist under the root");
                }
                else if (e.Target.Kind != ReviewTargetKind.Run && !ReviewFold.TargetsOf(run).Any(t => ReviewFold.Matches(t, e.Target)))
                {
                    Problem(e.RunId, $"names {e.Target}, which is no output of run {e.RunId}");
                }
            }

            previous = hash;
        }

        return problems;
    }

    private static RunRecord? ReadRun(RunArtifactStore store, string runId)
    {
        var folder = store.FindRunFolder(runId);
        if (folder is null)
        {
            return null;
        }

        try
        {
            return RunArtifacts.Records.RunBundle.ReadRunAsync(Path.Combine(folder, "run.json")).GetAwaiter().GetResult();
        }
        catch (ArtifactFormatException)
        {
            return null;
        }
    }
}
