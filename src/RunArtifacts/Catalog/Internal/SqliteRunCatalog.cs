using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using RunArtifacts.Records;
using RunArtifacts.Serialization;

namespace RunArtifacts.Catalog.Internal;

/// <summary>
/// The catalog in one SQLite file (<c>&lt;root&gt;/catalog.sqlite</c>, WAL, bundled native SQLite). Each operation runs
/// under a shared lock on <c>.catalog.lock</c>, on a connection kept from an earlier operation of the same generation
/// (see <c>SqliteRunCatalog.Connections.cs</c>), so that a rebuild can take that lock exclusively, know that no
/// connection is in use anywhere, rename a freshly built file over the old one and retire every idle connection.
/// </summary>
internal sealed partial class SqliteRunCatalog : IRunCatalog
{
    /// <summary>The schema version, kept in <c>PRAGMA user_version</c>; any other version is rebuilt (migrations are drop-and-rebuild).</summary>
    public const int SchemaVersion = 2;

    public const string FileName = "catalog.sqlite";

    private const string LockFileName = ".catalog.lock";

    private static readonly string[] Companions = ["-wal", "-shm", "-journal"];

    private readonly string stagingDir;
    private readonly TimeSpan lockTimeout;
    private readonly bool flush;
    private readonly string lockPath;

    public SqliteRunCatalog(string root, string stagingDir, TimeSpan lockTimeout, bool flush)
    {
        Location = Path.Combine(root, FileName);
        lockPath = Path.Combine(root, LockFileName);
        this.stagingDir = stagingDir;
        this.lockTimeout = lockTimeout;
        this.flush = flush;
    }

    public string Location { get; }

    public bool Exists => File.Exists(Location);

    public CatalogState ReadState()
    {
        if (!File.Exists(Location))
        {
            return new CatalogState(false, IndexMark.Empty);
        }

        return Read(connection =>
        {
            CheckHeader();
            if (Scalar<long>(connection, "PRAGMA user_version") != SchemaVersion)
            {
                return new CatalogState(false, IndexMark.Empty);
            }

            var meta = new Dictionary<string, string>(StringComparer.Ordinal);
            using (var command = Command(connection, "SELECT key, value FROM meta"))
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    meta[reader.GetString(0)] = reader.GetString(1);
                }
            }

            var usable = meta.GetValueOrDefault("complete") == "1"
                && long.TryParse(meta.GetValueOrDefault("index_length"), NumberStyles.None, CultureInfo.InvariantCulture, out var length);
            return usable
                ? new CatalogState(true, new IndexMark(long.Parse(meta["index_length"], CultureInfo.InvariantCulture), meta.GetValueOrDefault("index_tail") ?? string.Empty))
                : new CatalogState(false, IndexMark.Empty);
        });
    }

    public bool Upsert(IReadOnlyList<CatalogRun> runs)
    {
        if (!File.Exists(Location))
        {
            return false;
        }

        return Write(connection =>
        {
            if (Scalar<long>(connection, "PRAGMA user_version") != SchemaVersion)
            {
                return false;
            }

            using var transaction = connection.BeginTransaction();
            var writer = new RowWriter(connection, transaction);
            foreach (var run in runs)
            {
                writer.Delete(run.Entry.RunId, run.Entry.RunPath);
                writer.Insert(run);
            }

            transaction.Commit();
            return true;
        });
    }

    public IReadOnlySet<string> Contains(IReadOnlyCollection<string> runIds)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        if (runIds.Count == 0)
        {
            return found;
        }

        return Read(connection =>
        {
            using var command = Command(connection, "SELECT 1 FROM runs WHERE run_id = $id");
            var id = command.Parameters.Add("$id", SqliteType.Text);
            foreach (var runId in runIds)
            {
                id.Value = runId;
                if (command.ExecuteScalar() is not null)
                {
                    found.Add(runId);
                }
            }

            return found;
        });
    }

    public void CatchUp(IReadOnlyList<CatalogRun> runs, IndexMark from, IndexMark to) => Write(connection =>
    {
        using var transaction = connection.BeginTransaction();
        var writer = new RowWriter(connection, transaction);
        foreach (var run in runs)
        {
            writer.Delete(run.Entry.RunId, run.Entry.RunPath);
            writer.Insert(run);
        }

        using (var current = Command(connection, "SELECT value FROM meta WHERE key = 'index_length'", transaction))
        {
            if (current.ExecuteScalar() as string == from.Length.ToString(CultureInfo.InvariantCulture))
            {
                SetMark(connection, transaction, to);
            }
        }

        transaction.Commit();
        return 0;
    });

    public void Remove(IReadOnlyCollection<string> runPaths, IndexMark mark) => Write(connection =>
    {
        using var transaction = connection.BeginTransaction();
        var writer = new RowWriter(connection, transaction);
        foreach (var path in runPaths)
        {
            writer.Delete(null, path);
        }

        SetMark(connection, transaction, mark);
        transaction.Commit();
        return 0;
    });

    public void Drop()
    {
        using var gate = CatalogLock.Acquire(lockPath, exclusive: true, lockTimeout);
        CatalogLock.NewGeneration(gate);
        CloseIdle();
        foreach (var suffix in Companions)
        {
            File.Delete(Location + suffix);
        }

        File.Delete(Location);
    }

    private static void SetMark(SqliteConnection connection, SqliteTransaction transaction, IndexMark mark)
    {
        using var command = Command(connection, "INSERT OR REPLACE INTO meta(key, value) VALUES ('index_length', $length), ('index_tail', $tail)", transaction);
        command.Parameters.AddWithValue("$length", mark.Length.ToString(CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$tail", mark.Tail);
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// Refuses a file whose header says it is longer than it is (a truncated copy) while no WAL could hold the missing
    /// pages; SQLite itself would only notice when a query reaches a missing page.
    /// </summary>
    private void CheckHeader()
    {
        using var file = new FileStream(Location, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1);
        if (file.Length == 0)
        {
            return;
        }

        Span<byte> header = stackalloc byte[100];
        if (file.Length < header.Length || file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) < header.Length
            || !header[..16].SequenceEqual("SQLite format 3\0"u8))
        {
            throw new CatalogCorruptException($"'{Location}' is not a whole SQLite database.", null);
        }

        var pageSize = BinaryPrimitives.ReadUInt16BigEndian(header[16..]) is var p && p == 1 ? 65536 : p;
        var pages = BinaryPrimitives.ReadUInt32BigEndian(header[28..]);
        var wal = new FileInfo(Location + "-wal");
        if ((long)pageSize * pages > file.Length && (!wal.Exists || wal.Length == 0))
        {
            throw new CatalogCorruptException($"'{Location}' is truncated: its header counts {pages} pages of {pageSize} bytes, the file has {file.Length} bytes.", null);
        }
    }

    private static T Scalar<T>(SqliteConnection connection, string sql)
    {
        using var command = Command(connection, sql);
        return (T)Convert.ChangeType(command.ExecuteScalar()!, typeof(T), CultureInfo.InvariantCulture);
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    private static string Serialize(IndexEntry entry) => JsonSerializer.Serialize(entry, RunArtifactsJsonContext.Compact.IndexEntry);

    private static IndexEntry Deserialize(string json)
        => JsonSerializer.Deserialize(json, RunArtifactsJsonContext.Default.IndexEntry) ?? throw new CatalogCorruptException("A catalog row holds no index entry.", null);

    internal static string RoleName(RunFileRole role) => role switch
    {
        RunFileRole.Input => "input",
        RunFileRole.Output => "output",
        RunFileRole.Derivative => "derivative",
        RunFileRole.Log => "log",
        RunFileRole.Artifact => "artifact",
        _ => "record",
    };

    internal static RunFileRole ParseRole(string role) => role switch
    {
        "input" => RunFileRole.Input,
        "output" => RunFileRole.Output,
        "derivative" => RunFileRole.Derivative,
        "log" => RunFileRole.Log,
        "artifact" => RunFileRole.Artifact,
        _ => RunFileRole.Record,
    };

    internal static string StatusName(RunStatus status) => status switch
    {
        RunStatus.Succeeded => "succeeded",
        RunStatus.Failed => "failed",
        _ => "cancelled",
    };

    /// <summary>Prepared statements that insert and delete whole runs inside one transaction.</summary>
    private sealed class RowWriter
    {
        private readonly SqliteConnection connection;
        private readonly SqliteTransaction transaction;
        private readonly SqliteCommand insertRun;
        private readonly SqliteCommand insertTag;
        private readonly SqliteCommand insertFile;

        public RowWriter(SqliteConnection connection, SqliteTransaction transaction)
        {
            this.connection = connection;
            this.transaction = transaction;
            insertRun = Command(connection, "INSERT INTO runs(run_id, run_path, created, status, model_key, task_mode, prompt_summary, entry) VALUES ($id, $path, $created, $status, $model, $mode, $summary, $entry) RETURNING id", transaction);
            foreach (var name in new[] { "$id", "$path", "$created", "$status", "$model", "$mode", "$summary", "$entry" })
            {
                insertRun.Parameters.Add(new SqliteParameter { ParameterName = name });
            }

            insertTag = Command(connection, "INSERT OR IGNORE INTO tags(tag, created, run_id, run) VALUES ($tag, $created, $id, $run)", transaction);
            foreach (var name in new[] { "$tag", "$created", "$id", "$run" })
            {
                insertTag.Parameters.Add(new SqliteParameter { ParameterName = name });
            }

            insertFile = Command(connection, "INSERT OR REPLACE INTO files(run, path, role, sha256, bytes, mime) VALUES ($run, $path, $role, $sha, $bytes, $mime)", transaction);
            foreach (var name in new[] { "$run", "$path", "$role", "$sha", "$bytes", "$mime" })
            {
                insertFile.Parameters.Add(new SqliteParameter { ParameterName = name });
            }

            insertRun.Prepare();
            insertTag.Prepare();
            insertFile.Prepare();
        }

        public void Insert(CatalogRun run)
        {
            var e = run.Entry;
            var created = e.CreatedAt.UtcTicks;
            var p = insertRun.Parameters;
            p[0].Value = e.RunId;
            p[1].Value = e.RunPath;
            p[2].Value = created;
            p[3].Value = StatusName(e.Status);
            p[4].Value = e.ModelKey;
            p[5].Value = (object?)e.TaskMode ?? DBNull.Value;
            p[6].Value = (object?)e.PromptSummary ?? DBNull.Value;
            p[7].Value = Serialize(e);
            var id = (long)insertRun.ExecuteScalar()!;

            foreach (var tag in e.Tags)
            {
                var t = insertTag.Parameters;
                t[0].Value = tag;
                t[1].Value = created;
                t[2].Value = e.RunId;
                t[3].Value = id;
                insertTag.ExecuteNonQuery();
            }

            foreach (var file in run.Files)
            {
                var f = insertFile.Parameters;
                f[0].Value = id;
                f[1].Value = file.Path;
                f[2].Value = RoleName(file.Role);
                f[3].Value = (object?)file.Sha256 ?? DBNull.Value;
                f[4].Value = file.Bytes;
                f[5].Value = (object?)file.MimeType ?? DBNull.Value;
                insertFile.ExecuteNonQuery();
            }
        }

        /// <summary>Deletes the run with this id or this folder (a folder reused after a prune, or an id seen again).</summary>
        public void Delete(string? runId, string runPath)
        {
            var ids = new List<long>();
            using (var find = Command(connection, "SELECT id FROM runs WHERE run_path = $path OR run_id = $id", transaction))
            {
                find.Parameters.AddWithValue("$path", runPath);
                find.Parameters.AddWithValue("$id", (object?)runId ?? DBNull.Value);
                using var reader = find.ExecuteReader();
                while (reader.Read())
                {
                    ids.Add(reader.GetInt64(0));
                }
            }

            foreach (var id in ids)
            {
                using var delete = Command(connection, "DELETE FROM files WHERE run = $run; DELETE FROM tags WHERE run = $run; DELETE FROM runs WHERE id = $run", transaction);
                delete.Parameters.AddWithValue("$run", id);
                delete.ExecuteNonQuery();
            }
        }
    }
}
