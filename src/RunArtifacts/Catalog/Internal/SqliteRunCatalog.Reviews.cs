using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using RunArtifacts.Reviews;
using RunArtifacts.Reviews.Internal;
using SQLitePCL;

namespace RunArtifacts.Catalog.Internal;

/// <summary>
/// Review events in the catalog (issue 13): table <c>review_events</c>, one row per line of <c>reviews.jsonl</c> keyed by the
/// line's byte offset, derived from the file like every other table. Each lookup first catches up with lines appended
/// since the last one (the file is append-only); a file that shrank or whose last indexed line changed is indexed again
/// from the start. <c>reindex</c> never touches <c>reviews.jsonl</c>; a rebuilt catalog simply indexes it again.
/// </summary>
internal sealed partial class SqliteRunCatalog
{
    private const string ReviewSchema = """
        CREATE TABLE review_events(offset INTEGER PRIMARY KEY, run_id TEXT NOT NULL, event TEXT NOT NULL);
        """;

    /// <summary>A catch-up that indexes at least this many events checkpoints the WAL afterwards.</summary>
    private const int CheckpointAfterRows = 1000;

    private const string ReviewIndexes = """
        CREATE INDEX review_events_by_run ON review_events(run_id, offset);
        """;

    public IReadOnlyList<ReviewEvent> ReviewEvents(string runId, string reviewsPath) => Write(connection =>
    {
        CatchUpReviews(connection, reviewsPath);
        using var command = Command(connection, "SELECT event FROM review_events WHERE run_id = $id ORDER BY offset");
        command.Parameters.AddWithValue("$id", runId);
        using var reader = command.ExecuteReader();
        var events = new List<ReviewEvent>();
        while (reader.Read())
        {
            if (ReviewsFile.TryParse(Encoding.UTF8.GetBytes(reader.GetString(0)), out var e))
            {
                events.Add(e);
            }
        }

        return (IReadOnlyList<ReviewEvent>)events;
    });

    private static void CatchUpReviews(SqliteConnection connection, string reviewsPath)
    {
        long fileLength;
        try
        {
            fileLength = new FileInfo(reviewsPath).Exists ? new FileInfo(reviewsPath).Length : 0;
        }
        catch (IOException)
        {
            return;
        }

        var (length, tailStart, tail) = ReadReviewMark(connection, null);
        if (length == fileLength && (length == 0 || TailHolds(reviewsPath, tailStart, length, tail)))
        {
            return;
        }

        using var transaction = connection.BeginTransaction();
        (length, tailStart, tail) = ReadReviewMark(connection, transaction);
        if (length > fileLength || (length > 0 && !TailHolds(reviewsPath, tailStart, length, tail)))
        {
            using var clear = Command(connection, "DELETE FROM review_events", transaction);
            clear.ExecuteNonQuery();
            length = 0;
        }

        var inserted = 0;
        using var insert = Command(connection, "INSERT OR IGNORE INTO review_events(offset, run_id, event) VALUES ($offset, $run, $event)", transaction);
        var pOffset = insert.Parameters.Add("$offset", SqliteType.Integer);
        var pRun = insert.Parameters.Add("$run", SqliteType.Text);
        var pEvent = insert.Parameters.Add("$event", SqliteType.Text);
        using (var stream = new FileStream(reviewsPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16))
        {
            stream.Position = length;
            var pending = new List<byte>(512);
            var position = length;
            var lineStart = length;
            var buffer = new byte[1 << 16];
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                for (var i = 0; i < read; i++)
                {
                    position++;
                    if (buffer[i] != (byte)'\n')
                    {
                        pending.Add(buffer[i]);
                        continue;
                    }

                    var bytes = pending.ToArray();
                    if (ReviewsFile.TryParse(bytes, out var e))
                    {
                        pOffset.Value = lineStart;
                        pRun.Value = e.RunId;
                        pEvent.Value = Encoding.UTF8.GetString(bytes);
                        insert.ExecuteNonQuery();
                        inserted++;
                    }

                    tailStart = lineStart;
                    tail = ReviewsFile.HashLine(bytes);
                    length = position;
                    lineStart = position;
                    pending.Clear();
                }
            }
        }

        using var mark = Command(connection, "INSERT OR REPLACE INTO meta(key, value) VALUES ('reviews_length', $length), ('reviews_tail_start', $start), ('reviews_tail', $tail)", transaction);
        mark.Parameters.AddWithValue("$length", length.ToString(CultureInfo.InvariantCulture));
        mark.Parameters.AddWithValue("$start", tailStart.ToString(CultureInfo.InvariantCulture));
        mark.Parameters.AddWithValue("$tail", tail);
        mark.ExecuteNonQuery();
        transaction.Commit();
        if (inserted >= CheckpointAfterRows)
        {
            // A large catch-up leaves a WAL of tens of MiB behind (connections close without a checkpoint), and every fresh
            // connection would replay all of it to rebuild the WAL index: fold it into the database once, now.
            TryCheckpoint(connection);
        }
    }

    /// <summary>Best effort: <c>PRAGMA wal_checkpoint(TRUNCATE)</c>; a reader that holds the WAL only delays it to a later catch-up.</summary>
    private static void TryCheckpoint(SqliteConnection connection)
    {
        try
        {
            Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE)");
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is raw.SQLITE_BUSY or raw.SQLITE_LOCKED)
        {
        }
    }

    private static (long Length, long TailStart, string Tail) ReadReviewMark(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using var command = Command(connection, "SELECT key, value FROM meta WHERE key IN ('reviews_length', 'reviews_tail_start', 'reviews_tail')", transaction);
        using var reader = command.ExecuteReader();
        long length = 0, start = 0;
        var tail = string.Empty;
        while (reader.Read())
        {
            switch (reader.GetString(0))
            {
                case "reviews_length":
                    length = long.Parse(reader.GetString(1), CultureInfo.InvariantCulture);
                    break;
                case "reviews_tail_start":
                    start = long.Parse(reader.GetString(1), CultureInfo.InvariantCulture);
                    break;
                default:
                    tail = reader.GetString(1);
                    break;
            }
        }

        return (length, start, tail);
    }

    /// <summary>Whether the last indexed line (from <paramref name="start"/> to the newline before <paramref name="length"/>) still hashes to <paramref name="tail"/>.</summary>
    private static bool TailHolds(string path, long start, long length, string tail)
    {
        if (length - 1 - start is < 0 or > 1 << 20)
        {
            return false;
        }

        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        if (RandomAccess.GetLength(handle) < length)
        {
            return false;
        }

        var bytes = new byte[length - 1 - start];
        RandomAccess.Read(handle, bytes, start);
        return ReviewsFile.HashLine(bytes) == tail;
    }
}
