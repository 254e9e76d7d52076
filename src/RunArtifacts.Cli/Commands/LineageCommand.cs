using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using RunArtifacts.Catalog;
using RunArtifacts.Cli.Internal;
using RunArtifacts.Records;
using RunArtifacts.Serialization;

namespace RunArtifacts.Cli.Commands;

/// <summary><c>artifacts lineage RUN_ID</c>: the runs a run came from and the runs that used its outputs, linked by SHA-256.</summary>
internal static class LineageCommand
{
    public static Command Create(CliContext context)
    {
        var root = CliContext.RootOption();
        var runId = new Argument<string>("RUN_ID") { Description = "The run id, as 'artifacts ls' prints it." };
        var depth = new Option<int>("--depth") { Description = "How many hops to follow (1 = direct neighbours).", DefaultValueFactory = _ => 3 };
        var up = new Option<bool>("--up") { Description = "Only upstream: the runs whose outputs this run consumed, and theirs." };
        var down = new Option<bool>("--down") { Description = "Only downstream: the runs that consumed this run's outputs, and theirs." };
        var json = new Option<bool>("--json") { Description = "Write the graph as one JSON object (nodes with their index entries, edges with the linking files)." };
        var dot = new Option<bool>("--dot") { Description = "Write a Graphviz digraph (render with: dot -Tsvg)." };
        var mermaid = new Option<bool>("--mermaid") { Description = "Write a Mermaid flowchart to paste into Markdown." };
        var command = new Command(
            "lineage",
            "Show where a run came from and where its outputs went: run B depends on run A when an input of B has the SHA-256 of an output or derivative of A. Text is an indented tree with the file that links each pair.")
        {
            runId, root, depth, up, down, json, dot, mermaid,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(up) && parse.GetValue(down))
            {
                throw new CliUsageException("Give --up or --down, not both (neither shows both sides).");
            }

            if (new[] { parse.GetValue(json), parse.GetValue(dot), parse.GetValue(mermaid) }.Count(b => b) > 1)
            {
                throw new CliUsageException("Give at most one of --json, --dot and --mermaid.");
            }

            if (parse.GetValue(depth) is < 0 or > 100)
            {
                throw new CliUsageException("--depth must be between 0 and 100.");
            }

            var store = CliContext.OpenStore(parse.GetRequiredValue(root));
            var id = RunIdArgument.Check(parse.GetRequiredValue(runId));
            var query = new LineageQuery
            {
                Depth = parse.GetValue(depth),
                Direction = parse.GetValue(up) ? LineageDirection.Upstream : parse.GetValue(down) ? LineageDirection.Downstream : LineageDirection.Both,
            };
            var lineage = await store.GetLineageAsync(id, query, cancellationToken).ConfigureAwait(false)
                ?? throw new CliUsageException($"No run '{id}' under '{store.RootPath}'.");
            var text = parse.GetValue(json) ? Json(lineage) + "\n" : parse.GetValue(dot) ? Dot(lineage) : parse.GetValue(mermaid) ? Mermaid(lineage) : Tree(lineage);
            await context.Out.WriteAsync(text).ConfigureAwait(false);
            if (lineage.Omitted > 0)
            {
                await context.Error.WriteLineAsync($"note: {lineage.Omitted} link(s) left out: a hash is shared by more than {query.MaxLinksPerHash} runs ('artifacts find --sha256' lists them)").ConfigureAwait(false);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>An indented tree: upstream runs under "upstream:", downstream under "downstream:"; a run met again is named, not expanded.</summary>
    internal static string Tree(RunLineage lineage)
    {
        var entries = lineage.Nodes.ToDictionary(n => n.Entry.RunId, n => n.Entry, StringComparer.Ordinal);
        var sb = new StringBuilder();
        sb.Append(Label(entries[lineage.RunId])).Append('\n');
        foreach (var upstream in new[] { true, false })
        {
            if (lineage.Direction == (upstream ? LineageDirection.Downstream : LineageDirection.Upstream))
            {
                continue;
            }

            sb.Append(upstream ? "upstream:\n" : "downstream:\n");
            var shown = new HashSet<string>(StringComparer.Ordinal) { lineage.RunId };
            var before = sb.Length;
            Walk(lineage.RunId, 1);
            if (sb.Length == before)
            {
                sb.Append("  (none)\n");
            }

            void Walk(string run, int level)
            {
                if (level > lineage.Depth)
                {
                    return;
                }

                var links = lineage.Edges
                    .Where(e => upstream ? e.DownstreamRunId == run : e.UpstreamRunId == run)
                    .GroupBy(e => upstream ? e.UpstreamRunId : e.DownstreamRunId, StringComparer.Ordinal)
                    .OrderBy(g => g.Key, StringComparer.Ordinal);
                foreach (var group in links)
                {
                    var indent = new string(' ', level * 2);
                    var via = string.Join("; ", group.Select(e => upstream ? $"{e.DownstreamPath} <- {e.UpstreamPath}" : $"{e.UpstreamPath} -> {e.DownstreamPath}"));
                    var again = !shown.Add(group.Key);
                    sb.Append(indent).Append(upstream ? "<- " : "-> ").Append(Label(entries[group.Key]))
                        .Append("  via ").Append(via).Append(again ? "  (shown above)" : string.Empty).Append('\n');
                    if (!again)
                    {
                        Walk(group.Key, level + 1);
                    }
                }
            }
        }

        return sb.ToString();
    }

    internal static string Json(RunLineage lineage) => new JsonObject
    {
        ["run_id"] = lineage.RunId,
        ["depth"] = lineage.Depth,
        ["direction"] = lineage.Direction.ToString().ToLowerInvariant(),
        ["nodes"] = new JsonArray(lineage.Nodes.Select(n => (JsonNode)new JsonObject
        {
            ["depth"] = n.Depth,
            ["side"] = n.Direction == LineageDirection.Both ? (n.Depth == 0 ? "self" : "both") : n.Direction.ToString().ToLowerInvariant(),
            ["entry"] = JsonNode.Parse(RecordJson.ToJsonLine(n.Entry)),
        }).ToArray()),
        ["edges"] = new JsonArray(lineage.Edges.Select(e => (JsonNode)new JsonObject
        {
            ["upstream"] = e.UpstreamRunId,
            ["downstream"] = e.DownstreamRunId,
            ["sha256"] = e.Sha256,
            ["upstream_path"] = e.UpstreamPath,
            ["upstream_role"] = e.UpstreamRole.ToString().ToLowerInvariant(),
            ["downstream_path"] = e.DownstreamPath,
        }).ToArray()),
        ["omitted"] = lineage.Omitted,
    }.ToJsonString();

    internal static string Dot(RunLineage lineage)
    {
        static string Q(string s) => "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
        var sb = new StringBuilder("digraph lineage {\n  rankdir=LR;\n  node [shape=box, fontname=\"Helvetica\", fontsize=10];\n  edge [fontname=\"Helvetica\", fontsize=9];\n");
        foreach (var node in lineage.Nodes)
        {
            var e = node.Entry;
            sb.Append("  ").Append(Q(e.RunId)).Append(" [label=").Append(Q($"{e.RunId}\n{e.ModelKey}\n{Time(e.CreatedAt)}"))
                .Append(node.Depth == 0 ? ", style=bold" : string.Empty).Append("];\n");
        }

        foreach (var edge in lineage.Edges)
        {
            sb.Append("  ").Append(Q(edge.UpstreamRunId)).Append(" -> ").Append(Q(edge.DownstreamRunId))
                .Append(" [label=").Append(Q($"{edge.UpstreamPath} -> {edge.DownstreamPath}")).Append("];\n");
        }

        return sb.Append("}\n").ToString();
    }

    internal static string Mermaid(RunLineage lineage)
    {
        static string Q(string s) => "\"" + s.Replace("\"", "#quot;", StringComparison.Ordinal) + "\"";
        var ids = lineage.Nodes.Select((n, i) => (n.Entry.RunId, Id: $"n{i}")).ToDictionary(p => p.RunId, p => p.Id, StringComparer.Ordinal);
        var sb = new StringBuilder("flowchart LR\n");
        foreach (var node in lineage.Nodes)
        {
            var e = node.Entry;
            sb.Append("  ").Append(ids[e.RunId]).Append('[').Append(Q($"{e.RunId}<br/>{e.ModelKey}<br/>{Time(e.CreatedAt)}")).Append("]\n");
        }

        foreach (var edge in lineage.Edges)
        {
            sb.Append("  ").Append(ids[edge.UpstreamRunId]).Append(" -->|").Append(Q($"{edge.UpstreamPath} → {edge.DownstreamPath}")).Append("| ").Append(ids[edge.DownstreamRunId]).Append('\n');
        }

        return sb.ToString();
    }

    private static string Label(IndexEntry e) => $"{e.RunId}  {e.ModelKey}  {Time(e.CreatedAt)}";

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
