using System.Globalization;
using System.Text;
using RunArtifacts.Records;
using RunArtifacts.Reviews;
using RunArtifacts.Storage;

namespace RunArtifacts.Cli.Commands;

/// <summary>Issue 13 in <c>artifacts show</c>: external assets and the current review status of the run and each output.</summary>
internal static partial class ShowCommand
{
    private static void External(StringBuilder sb, string title, IReadOnlyList<ExternalAssetRecord>? assets, IReadOnlyList<ReviewState>? reviews)
    {
        if (assets is not { Count: > 0 })
        {
            return;
        }

        sb.Append(CultureInfo.InvariantCulture, $"\n{title} ({assets.Count})\n");
        foreach (var x in assets)
        {
            var facts = new List<string?>
            {
                x.Type, StoragePolicy.Name(x.Provider), x.Visibility.ToString().ToLowerInvariant(), x.ContentType,
                x.Bytes is { } b ? FormatBytes(b) : null, x.Sha256 is null ? null : "sha256 " + x.Sha256[..Math.Min(12, x.Sha256.Length)],
                ReviewOf(reviews, x.AssetId),
            };
            sb.Append(CultureInfo.InvariantCulture, $"  {x.AssetId}  {x.Uri}  {string.Join("  ", facts.Where(f => !string.IsNullOrEmpty(f)))}\n");
            if (x.Title is not null)
            {
                sb.Append(CultureInfo.InvariantCulture, $"    title  {ArtifactsCli.OneLine(x.Title)}\n");
            }

            if (x.Relationships is { Count: > 0 } rel)
            {
                sb.Append(CultureInfo.InvariantCulture, $"    links  {string.Join(", ", rel.Select(p => $"{p.Key}={p.Value}"))}\n");
            }
        }
    }

    private static void Review(StringBuilder sb, IReadOnlyList<ReviewState>? reviews)
    {
        if (reviews is not { Count: > 0 })
        {
            return;
        }

        var run = reviews.First(r => r.Target.Kind == ReviewTargetKind.Run);
        var proof = reviews.Any(r => r.IsAcceptedProof);
        sb.Append(CultureInfo.InvariantCulture, $"\nreview    run {ReviewStatuses.Name(run.Status)}; {(proof ? "accepted proof: yes (something approved)" : "accepted proof: no (nothing approved)")}\n");
        foreach (var r in reviews.Where(r => r.LastEvent is not null))
        {
            var e = r.LastEvent!;
            sb.Append(CultureInfo.InvariantCulture, $"  {r.Target}  {ReviewStatuses.Name(r.Status)} by {e.Reviewer} at {Time(e.Time)}{(e.Note is null ? string.Empty : " — " + ArtifactsCli.OneLine(e.Note))}\n");
        }
    }

    private static string? ReviewOf(IReadOnlyList<ReviewState>? reviews, string path)
        => reviews?.FirstOrDefault(r => r.Target.Kind == ReviewTargetKind.Output && r.Target.Path == path) is { } state ? "review " + ReviewStatuses.Name(state.Status) : null;
}
