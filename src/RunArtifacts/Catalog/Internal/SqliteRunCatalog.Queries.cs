using System.Text;
using Microsoft.Data.Sqlite;
using RunArtifacts.Records;

namespace RunArtifacts.Catalog.Internal;

internal sealed partial class SqliteRunCatalog
{
    public RunQueryResult Query(RunQuery query) => Read(connection =>
    {
        using var command = connection.CreateCommand();
        var byTag = query.Tag is not null;
        var t = byTag ? "t" : "r";
        var sql = new StringBuilder("SELECT r.entry FROM ");
        sql.Append(byTag ? "tags t JOIN runs r ON r.id = t.run WHERE t.tag = $tag" : "runs r WHERE 1 = 1");
        if (byTag)
        {
            command.Parameters.AddWithValue("$tag", query.Tag);
        }

        if (query.ModelKey is not null)
        {
            sql.Append(" AND r.model_key = $model");
            command.Parameters.AddWithValue("$model", query.ModelKey);
        }

        if (query.Status is { } status)
        {
            sql.Append(" AND r.status = $status");
            command.Parameters.AddWithValue("$status", StatusName(status));
        }

        if (query.Since is { } since)
        {
            sql.Append($" AND {t}.created >= $since");
            command.Parameters.AddWithValue("$since", since.UtcTicks);
        }

        if (query.Until is { } until)
        {
            sql.Append($" AND {t}.created < $until");
            command.Parameters.AddWithValue("$until", until.UtcTicks);
        }

        if (!string.IsNullOrEmpty(query.Text))
        {
            sql.Append(" AND r.prompt_summary LIKE $text ESCAPE '\\'");
            command.Parameters.AddWithValue("$text", "%" + query.Text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%");
        }

        var orderByMetric = MetricFilter(query, sql, command);
        sql.Append($" ORDER BY {orderByMetric}{t}.created DESC, {t}.run_id DESC LIMIT $limit OFFSET $offset");
        command.Parameters.AddWithValue("$limit", query.Limit is { } limit ? (long)limit + 1 : -1L);
        command.Parameters.AddWithValue("$offset", Math.Max(0, query.Offset));
        command.CommandText = sql.ToString();

        var entries = new List<IndexEntry>(Math.Min(query.Limit ?? 256, 4096) + 1);
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                entries.Add(Deserialize(reader.GetString(0)));
            }
        }

        var hasMore = query.Limit is { } max && entries.Count > max;
        if (hasMore)
        {
            entries.RemoveAt(entries.Count - 1);
        }

        return new RunQueryResult(entries, hasMore);
    });

    public IndexEntry? FindRun(string runId) => Read(connection =>
    {
        using var command = Command(connection, "SELECT entry FROM runs WHERE run_id = $id");
        command.Parameters.AddWithValue("$id", runId);
        return command.ExecuteScalar() is string json ? Deserialize(json) : null;
    });

    public IReadOnlyList<RunFile> Files(string runId) => Read(connection =>
    {
        using var command = Command(connection, $"{FileColumns} WHERE r.run_id = $id ORDER BY f.path");
        command.Parameters.AddWithValue("$id", runId);
        return ReadFiles(command);
    });

    public HashLookup FindBySha256(string sha256, int limit) => Read(connection =>
    {
        (IReadOnlyList<RunFile> Files, int Omitted) Uses(string roles)
        {
            using var command = Command(connection, $"{FileColumns} WHERE f.sha256 = $sha AND f.role IN ({roles}) ORDER BY r.created DESC, r.run_id DESC, f.path LIMIT $limit");
            command.Parameters.AddWithValue("$sha", sha256);
            command.Parameters.AddWithValue("$limit", limit + 1L);
            var files = ReadFiles(command);
            if (files.Count <= limit)
            {
                return (files, 0);
            }

            using var count = Command(connection, $"SELECT count(*) FROM files WHERE sha256 = $sha AND role IN ({roles})");
            count.Parameters.AddWithValue("$sha", sha256);
            var total = (long)count.ExecuteScalar()!;
            return (files.Take(limit).ToList(), (int)(total - limit));
        }

        var produced = Uses("'output', 'derivative'");
        var consumed = Uses("'input'");
        var other = Uses("'record', 'log'");
        return new HashLookup(sha256, produced.Files, consumed.Files, other.Files, produced.Omitted + consumed.Omitted + other.Omitted);
    });

    public RunLineage? Lineage(string runId, LineageQuery query) => Read(connection =>
    {
        using var find = Command(connection, "SELECT id FROM runs WHERE run_id = $id");
        find.Parameters.AddWithValue("$id", runId);
        if (find.ExecuteScalar() is not long start)
        {
            return null;
        }

        var hops = new Hops(connection, query.MaxLinksPerHash);
        return LineageWalker.Walk(start, query, hops.Neighbours, hops.Entry);
    });

    private const string FileColumns = "SELECT r.run_id, r.run_path, f.role, f.path, f.sha256, f.bytes, f.mime, r.created, r.model_key FROM files f JOIN runs r ON r.id = f.run";

    private static List<RunFile> ReadFiles(SqliteCommand command)
    {
        var files = new List<RunFile>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            files.Add(new RunFile(
                reader.GetString(0),
                reader.GetString(1),
                ParseRole(reader.GetString(2)),
                reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.GetInt64(5),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                new DateTimeOffset(reader.GetInt64(7), TimeSpan.Zero),
                reader.GetString(8)));
        }

        return files;
    }

    /// <summary>One hop of the lineage walk: the links of one run to its neighbours through shared hashes, bounded per hash.</summary>
    private sealed class Hops(SqliteConnection connection, int maxPerHash)
    {
        public (IReadOnlyList<LineageWalker.Link> Links, int Omitted) Neighbours(long run, bool upstream)
        {
            var own = new List<(string Path, string Role, string Sha)>();
            using (var mine = Command(connection, upstream
                ? "SELECT path, role, sha256 FROM files WHERE run = $run AND role = 'input' AND sha256 IS NOT NULL ORDER BY path"
                : "SELECT path, role, sha256 FROM files WHERE run = $run AND role IN ('output', 'derivative') AND sha256 IS NOT NULL ORDER BY path"))
            {
                mine.Parameters.AddWithValue("$run", run);
                using var reader = mine.ExecuteReader();
                while (reader.Read())
                {
                    own.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
                }
            }

            var roles = upstream ? "'output', 'derivative'" : "'input'";
            using var others = Command(connection, $"SELECT f.run, f.path, f.role, r.run_id FROM files f JOIN runs r ON r.id = f.run WHERE f.sha256 = $sha AND f.role IN ({roles}) AND f.run <> $run ORDER BY r.created DESC, r.run_id DESC, f.path LIMIT $limit");
            var sha = others.Parameters.Add("$sha", SqliteType.Text);
            others.Parameters.AddWithValue("$run", run);
            others.Parameters.AddWithValue("$limit", maxPerHash + 1L);
            using var count = Command(connection, $"SELECT count(*) FROM files WHERE sha256 = $sha AND role IN ({roles}) AND run <> $run");
            var countSha = count.Parameters.Add("$sha", SqliteType.Text);
            count.Parameters.AddWithValue("$run", run);

            var links = new List<LineageWalker.Link>();
            var omitted = 0;
            foreach (var (path, role, hash) in own)
            {
                sha.Value = hash;
                var found = 0;
                using (var reader = others.ExecuteReader())
                {
                    while (reader.Read())
                    {
                        if (++found > maxPerHash)
                        {
                            break;
                        }

                        links.Add(new LineageWalker.Link(reader.GetInt64(0), hash, upstream ? reader.GetString(1) : path, ParseRole(upstream ? reader.GetString(2) : role), upstream ? path : reader.GetString(1)));
                    }
                }

                if (found > maxPerHash)
                {
                    countSha.Value = hash;
                    omitted += (int)((long)count.ExecuteScalar()! - maxPerHash);
                }
            }

            return (links, omitted);
        }

        public IndexEntry Entry(long run)
        {
            using var command = Command(connection, "SELECT entry FROM runs WHERE id = $id");
            command.Parameters.AddWithValue("$id", run);
            return Deserialize((string)command.ExecuteScalar()!);
        }
    }
}
