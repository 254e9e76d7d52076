using RunArtifacts.Records;

namespace RunArtifacts.Catalog.Internal;

/// <summary>
/// Breadth-first walk of the lineage graph, the same for any catalog behind <see cref="IRunCatalog"/>: each run is
/// expanded once per direction (so cycles end and diamonds meet), each link is kept once.
/// </summary>
internal static class LineageWalker
{
    /// <summary>A link from the run being expanded to a neighbour (<see cref="Other"/>), with the files at both ends.</summary>
    public sealed record Link(long Other, string Sha256, string UpstreamPath, RunFileRole UpstreamRole, string DownstreamPath);

    public static RunLineage Walk(long start, LineageQuery query, Func<long, bool, (IReadOnlyList<Link> Links, int Omitted)> neighbours, Func<long, IndexEntry> entry)
    {
        var nodes = new Dictionary<long, (int Depth, LineageDirection Direction)> { [start] = (0, LineageDirection.Both) };
        var edges = new HashSet<(long Up, long Down, string Sha, string UpPath, RunFileRole Role, string DownPath)>();
        var omitted = 0;
        foreach (var upstream in new[] { true, false })
        {
            if (query.Direction == (upstream ? LineageDirection.Downstream : LineageDirection.Upstream))
            {
                continue;
            }

            var side = upstream ? LineageDirection.Upstream : LineageDirection.Downstream;
            var visited = new HashSet<long> { start };
            var frontier = new List<long> { start };
            for (var depth = 1; depth <= query.Depth && frontier.Count > 0; depth++)
            {
                var next = new List<long>();
                foreach (var run in frontier)
                {
                    var (links, left) = neighbours(run, upstream);
                    omitted += left;
                    foreach (var link in links)
                    {
                        edges.Add(upstream
                            ? (link.Other, run, link.Sha256, link.UpstreamPath, link.UpstreamRole, link.DownstreamPath)
                            : (run, link.Other, link.Sha256, link.UpstreamPath, link.UpstreamRole, link.DownstreamPath));
                        if (!visited.Add(link.Other))
                        {
                            continue;
                        }

                        next.Add(link.Other);
                        nodes[link.Other] = nodes.TryGetValue(link.Other, out var seen)
                            ? (Math.Min(seen.Depth, depth), seen.Direction == side ? side : LineageDirection.Both)
                            : (depth, side);
                    }
                }

                frontier = next;
            }
        }

        var entries = nodes.Keys.ToDictionary(id => id, entry);
        var list = nodes
            .Select(n => new LineageNode(entries[n.Key], n.Value.Depth, n.Value.Direction))
            .OrderBy(n => n.Depth)
            .ThenBy(n => n.Entry.RunId, StringComparer.Ordinal)
            .ToList();
        var lineageEdges = edges
            .Select(e => new LineageEdge(entries[e.Up].RunId, entries[e.Down].RunId, e.Sha, e.UpPath, e.Role, e.DownPath))
            .OrderBy(e => e.UpstreamRunId, StringComparer.Ordinal)
            .ThenBy(e => e.DownstreamRunId, StringComparer.Ordinal)
            .ThenBy(e => e.DownstreamPath, StringComparer.Ordinal)
            .ThenBy(e => e.UpstreamPath, StringComparer.Ordinal)
            .ToList();
        return new RunLineage(entries[start].RunId, query.Depth, query.Direction, list, lineageEdges, omitted);
    }
}
