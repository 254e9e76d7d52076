using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace RunArtifacts.Catalog.Internal;

/// <summary>
/// Idle connections kept between operations. Opening a connection is what made a catalog update cost tens of
/// milliseconds: the first connection of a process to a WAL database rebuilds the WAL index from the whole WAL, and the
/// schema is parsed again. A connection is used only under the shared lock, and only if the lock file's generation is
/// the one it was opened under: a rebuild or a drop writes a new generation under the exclusive lock, so a connection to
/// a file that has since been replaced is closed, never used (closing it touches nothing by name: no checkpoint on
/// close, and SQLite leaves the WAL of a moved file alone).
/// </summary>
internal sealed partial class SqliteRunCatalog
{
    private const int MaxIdleConnections = 4;

    /// <summary>Windows refuses to rename a file over one another handle holds open: there each operation opens its own connection.</summary>
    private static readonly bool KeepConnections = !OperatingSystem.IsWindows();

    private readonly ConcurrentStack<IdleConnection> idle = new();

    /// <summary>An idle connection opened under <paramref name="generation"/>, or a new one (call with the shared lock held).</summary>
    private SqliteConnection Rent(long generation)
    {
        while (idle.TryPop(out var candidate))
        {
            if (candidate.Generation == generation)
            {
                return candidate.Connection;
            }

            candidate.Connection.Dispose();
        }

        return Open(Location, create: false);
    }

    /// <summary>Keeps a connection that finished its work cleanly for the next operation; closes any other.</summary>
    private void Return(SqliteConnection connection, long generation, bool clean)
    {
        if (clean && KeepConnections && idle.Count < MaxIdleConnections)
        {
            idle.Push(new IdleConnection(connection, generation));
            return;
        }

        connection.Dispose();
    }

    /// <summary>Closes every idle connection (before this process replaces or deletes the file).</summary>
    private void CloseIdle()
    {
        while (idle.TryPop(out var candidate))
        {
            candidate.Connection.Dispose();
        }
    }

    private readonly record struct IdleConnection(SqliteConnection Connection, long Generation);
}
