using Microsoft.Data.Sqlite;
using RunArtifacts.Storage;

namespace RunArtifacts.Tests.Catalog;

/// <summary>The catalog keeps idle connections between operations; a rebuild elsewhere must retire them.</summary>
public class CatalogConnectionTests
{
    [Test]
    public async Task IdleConnection_AfterAnotherStoreReplacedTheCatalog_CommitWritesIntoTheNewFile()
    {
        using var root = new LineageRoot();
        await root.CommitAsync("first", [], [LineageRoot.Content("1")]);
        Assert.That(await root.Store.QueryRunsAsync(), Has.Property("Entries").Count.EqualTo(1));

        // A second store on the same root stands in for another process: its reindex renames a new catalog over the
        // file the first store still holds an idle connection to.
        var other = Some.Store(root.Root);
        await other.ReindexAsync();
        var run = await root.CommitAsync("second", [], [LineageRoot.Content("2")]);

        Assert.That(CountRuns(root.Store, run.RunId), Is.EqualTo(1), "the commit's row is in the live catalog file, not in the replaced one");
    }

    [Test]
    public async Task IdleConnection_AfterAnotherStoreDroppedTheCatalog_NextReaderRebuildsWithEveryRun()
    {
        using var root = new LineageRoot();
        var first = await root.CommitAsync("first", [], [LineageRoot.Content("1")]);
        Assert.That(await root.Store.FindRunAsync(first.RunId), Is.Not.Null);

        Some.Store(root.Root).Catalog.Catalog.Drop();
        var second = await root.CommitAsync("second", [], [LineageRoot.Content("2")]);

        Assert.That(File.Exists(root.Store.CatalogPath), Is.False, "a commit does not create the catalog");
        Assert.That(await root.Store.FindRunAsync(second.RunId), Is.Not.Null);
        Assert.That(CountRuns(root.Store, first.RunId) + CountRuns(root.Store, second.RunId), Is.EqualTo(2));
    }

    /// <summary>Reads the database directly, without the store's catch-up.</summary>
    private static long CountRuns(RunArtifactStore store, string runId)
    {
        using var connection = new SqliteConnection($"Data Source={store.CatalogPath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM runs WHERE run_id = $id";
        command.Parameters.AddWithValue("$id", runId);
        return (long)command.ExecuteScalar()!;
    }
}
