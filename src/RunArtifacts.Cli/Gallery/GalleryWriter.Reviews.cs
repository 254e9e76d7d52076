using System.Text.Json;
using RunArtifacts.Records;
using RunArtifacts.Reviews;
using RunArtifacts.Storage;

namespace RunArtifacts.Cli.Gallery;

/// <summary>
/// Issue 13 in the gallery: on each card, the run's review statuses (<c>rv</c>, for the review filter) and whether it has
/// accepted proof (<c>pf</c>, the card's badge); in the run view, a badge per output (<c>rvo</c>: path or asset id to
/// status) and the external assets (<c>ext</c>).
/// </summary>
internal static partial class GalleryWriter
{
    private static void WriteReviewSummary(Utf8JsonWriter w, IReadOnlyList<ReviewState>? reviews)
    {
        if (reviews is null)
        {
            return;
        }

        w.WriteStartArray("rv");
        foreach (var status in reviews.Select(r => r.Status).Distinct().Order())
        {
            w.WriteStringValue(ReviewStatuses.Name(status));
        }

        w.WriteEndArray();
        if (reviews.Any(r => r.IsAcceptedProof))
        {
            w.WriteBoolean("pf", true);
        }
    }

    private static void WriteReviewDetails(Utf8JsonWriter w, RunRecord run, IReadOnlyList<ReviewState>? reviews)
    {
        if (reviews is not null)
        {
            w.WriteStartObject("rvo");
            foreach (var r in reviews)
            {
                w.WriteString(r.Target.Kind == ReviewTargetKind.Run ? "(run)" : r.Target.Path!, ReviewStatuses.Name(r.Status));
            }

            w.WriteEndObject();
        }

        if (run.ExternalOutputs is not { Count: > 0 } && run.ExternalInputs is not { Count: > 0 })
        {
            return;
        }

        w.WriteStartArray("ext");
        foreach (var (x, output) in (run.ExternalOutputs ?? []).Select(x => (x, true)).Concat((run.ExternalInputs ?? []).Select(x => (x, false))))
        {
            w.WriteStartObject();
            w.WriteString("id", x.AssetId);
            w.WriteBoolean("out", output);
            w.WriteString("uri", x.Uri);
            w.WriteString("prov", StoragePolicy.Name(x.Provider));
            w.WriteString("type", x.Type);
            w.WriteString("vis", x.Visibility.ToString().ToLowerInvariant());
            OptionalString(w, "title", Cap(x.Title, 300));
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }
}
