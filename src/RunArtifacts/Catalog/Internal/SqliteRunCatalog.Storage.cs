using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace RunArtifacts.Catalog.Internal;

internal sealed partial class SqliteRunCatalog
{
    private const string Schema = """
        CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE runs(
            id INTEGER PRIMARY KEY,
            run_id TEXT NOT NULL UNIQUE,
            run_path TEXT NOT NULL UNIQUE,
            created INTEGER NOT NULL,
            status TEXT NOT NULL,
            model_key TEXT NOT NULL,
            task_mode TEXT,
            prompt_summary TEXT,
            entry TEXT NOT NULL);
        CREATE TABLE tags(tag TEXT NOT NULL, created INTEGER NOT NULL, run_id TEXT NOT NULL, run INTEGER NOT NULL, PRIMARY KEY(tag, created, run_id)) WITHOUT ROWID;
        CREATE TABLE files(run INTEGER NOT NULL, path TEXT NOT NULL, role TEXT NOT NULL, sha256 TEXT, bytes INTEGER NOT NULL, mime TEXT, PRIMARY KEY(run, path)) WITHOUT ROWID;
        CREATE VIEW lineage_edges AS
            SELECT p.run AS upstream, c.run AS downstream, c.sha256 AS sha256, p.path AS upstream_path, p.role AS upstream_role, c.path AS downstream_path
            FROM files c JOIN files p ON p.sha256 = c.sha256 AND p.role IN ('output', 'derivative', 'artifact') AND p.run <> c.run
            WHERE c.role = 'input';
        """;

    private const string Indexes = """
        CREATE INDEX runs_by_created ON runs(created, run_id);
        CREATE INDEX runs_by_model ON runs(model_key, created, run_id);
        CREATE INDEX runs_by_status ON runs(status, created, run_id);
        CREATE INDEX tags_by_run ON tags(run);
        CREATE INDEX files_by_sha ON files(sha256, role) WHERE sha256 IS NOT NULL;
        """;

    public ICatalogReplacement BeginReplace(IEnumerable<CatalogRun> runs, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(stagingDir);
        var temp = Path.Combine(stagingDir, $"catalog.{Guid.NewGuid():N}.sqlite");
        try
        {
            using var connection = Open(temp, create: true);
            Execute(connection, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;");
            Execute(connection, Schema + ReviewSchema);
            using (var transaction = connection.BeginTransaction())
            {
                var writer = new RowWriter(connection, transaction);
                foreach (var run in runs)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    writer.Insert(run);
                }

                transaction.Commit();
            }

            Execute(connection, Indexes + ReviewIndexes);
            Execute(connection, "ANALYZE; INSERT INTO meta(key, value) VALUES ('complete', '0');");
            Execute(connection, $"PRAGMA user_version = {SchemaVersion}; PRAGMA journal_mode = WAL;");
        }
        catch
        {
            DeleteWithCompanions(temp);
            throw;
        }

        return new Replacement(this, temp);
    }

    /// <summary>Runs a read under the shared lock, mapping damage to <see cref="CatalogCorruptException"/>.</summary>
    private T Read<T>(Func<SqliteConnection, T> work) => Write(work);

    /// <summary>
    /// Runs work on a kept or new connection under the shared lock (SQLite's own locks order the writers), mapping
    /// damage to <see cref="CatalogCorruptException"/>.
    /// </summary>
    private T Write<T>(Func<SqliteConnection, T> work)
    {
        using var gate = CatalogLock.Acquire(lockPath, exclusive: false, lockTimeout);
        var generation = CatalogLock.ReadGeneration(gate);
        SqliteConnection? connection = null;
        var clean = false;
        try
        {
            connection = Rent(generation);
            var result = work(connection);
            clean = true;
            return result;
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is raw.SQLITE_CORRUPT or raw.SQLITE_NOTADB or raw.SQLITE_CANTOPEN or raw.SQLITE_EMPTY or raw.SQLITE_FORMAT)
        {
            throw new CatalogCorruptException($"The catalog '{Location}' is damaged ({ex.Message}).", ex);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is raw.SQLITE_ERROR && ex.Message.Contains("no such", StringComparison.Ordinal))
        {
            throw new CatalogCorruptException($"The catalog '{Location}' lacks part of its schema ({ex.Message}).", ex);
        }
        finally
        {
            if (connection is not null)
            {
                Return(connection, generation, clean);
            }
        }
    }

    /// <summary>Runs <c>PRAGMA quick_check</c> on a catalog that failed to open; its first line, or the failure.</summary>
    public string QuickCheck()
    {
        try
        {
            using var gate = CatalogLock.Acquire(lockPath, exclusive: false, lockTimeout);
            using var connection = Open(Location, create: false);
            using var command = Command(connection, "PRAGMA quick_check(1)");
            return command.ExecuteScalar() as string ?? "no answer";
        }
        catch (Exception ex) when (ex is SqliteException or IOException)
        {
            return ex.Message;
        }
    }

    private SqliteConnection Open(string path, bool create)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = create ? SqliteOpenMode.ReadWriteCreate : SqliteOpenMode.ReadWrite,
            Pooling = false,
            DefaultTimeout = (int)Math.Max(1, lockTimeout.TotalSeconds),
        };
        var connection = new SqliteConnection(builder.ToString());
        connection.Open();
        try
        {
            // The WAL stays behind when a connection closes: a checkpoint per commit would cost an fsync each time.
            raw.sqlite3_db_config(connection.Handle, raw.SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, out _);
            Execute(connection, $"PRAGMA busy_timeout = {(int)lockTimeout.TotalMilliseconds}; PRAGMA synchronous = {(flush ? "NORMAL" : "OFF")}; PRAGMA foreign_keys = OFF;");
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = Command(connection, sql);
        command.ExecuteNonQuery();
    }

    private static void DeleteWithCompanions(string path)
    {
        foreach (var suffix in Companions)
        {
            File.Delete(path + suffix);
        }

        File.Delete(path);
    }

    /// <summary>Deletes catalogs that a crashed rebuild left in the staging folder (called while holding the rebuild lock).</summary>
    public void DeleteAbandonedBuilds()
    {
        if (!Directory.Exists(stagingDir))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(stagingDir, "catalog.*.sqlite*"))
        {
            File.Delete(file);
        }
    }

    private sealed class Replacement(SqliteRunCatalog owner, string temp) : ICatalogReplacement
    {
        private bool committed;

        public void Commit(IndexMark mark)
        {
            using (var connection = owner.Open(temp, create: false))
            using (var transaction = connection.BeginTransaction())
            {
                SetMark(connection, transaction, mark);
                using var complete = Command(connection, "UPDATE meta SET value = '1' WHERE key = 'complete'", transaction);
                complete.ExecuteNonQuery();
                transaction.Commit();
                Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE)");
            }

            DeleteWithCompanionsExceptDb(temp);
            if (owner.flush)
            {
                using var stream = new FileStream(temp, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
                stream.Flush(flushToDisk: true);
            }

            // No connection is in use anywhere while this lock is held, and the new generation retires the idle ones: the old
            // WAL and shared memory go with the old file.
            using (var gate = CatalogLock.Acquire(owner.lockPath, exclusive: true, owner.lockTimeout))
            {
                CatalogLock.NewGeneration(gate);
                owner.CloseIdle();
                foreach (var suffix in Companions)
                {
                    File.Delete(owner.Location + suffix);
                }

                File.Move(temp, owner.Location, overwrite: true);
            }

            committed = true;
        }

        public void Dispose()
        {
            if (!committed)
            {
                DeleteWithCompanions(temp);
            }
        }

        private static void DeleteWithCompanionsExceptDb(string path)
        {
            foreach (var suffix in Companions)
            {
                File.Delete(path + suffix);
            }
        }
    }
}
