using System.Text.Json;
using RunArtifacts.Records;

namespace RunArtifacts.Cli.Gallery;

/// <summary>
/// The run view's upstream and downstream links, joined by SHA-256 in memory from the run records the page already
/// read: the catalog's definition (an input of B with the hash of an output or derivative of A links A to B), without a
/// query per run. At most <see cref="MaxLinks"/> runs each way.
/// </summary>
internal static class GalleryLineage
{
    public const int MaxLinks = 20;

    public static (List<string>[] Up, List<string>[] Down) Compute(IndexEntry[] entries, RunRecord?[] records)
    {
        var producers = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < records.Length; i++)
        {
            foreach (var output in records[i]?.Outputs ?? [])
            {
                foreach (var sha in output.Derivatives.Select(d => d.Sha256).Prepend(output.Sha256).OfType<string>())
                {
                    (producers.TryGetValue(sha, out var list) ? list : producers[sha] = []).Add(i);
                }
            }
        }

        var up = new HashSet<int>[records.Length];
        var down = new HashSet<int>[records.Length];
        for (var i = 0; i < records.Length; i++)
        {
            up[i] ??= [];
            foreach (var sha in (records[i]?.Inputs ?? []).Select(a => a.Sha256).OfType<string>())
            {
                foreach (var p in producers.GetValueOrDefault(sha) ?? [])
                {
                    if (p != i)
                    {
                        up[i].Add(p);
                        (down[p] ??= []).Add(i);
                    }
                }
            }
        }

        List<string> Ids(HashSet<int>? set) => (set ?? []).OrderByDescending(j => entries[j].CreatedAt).Take(MaxLinks).Select(j => entries[j].RunId).ToList();
        return (up.Select(Ids).ToArray(), down.Select(Ids).ToArray());
    }

    public static void Write(Utf8JsonWriter w, List<string> up, List<string> down)
    {
        foreach (var (name, ids) in new[] { ("up", up), ("down", down) })
        {
            if (ids.Count == 0)
            {
                continue;
            }

            w.WriteStartArray(name);
            foreach (var id in ids)
            {
                w.WriteStringValue(id);
            }

            w.WriteEndArray();
        }
    }
}
