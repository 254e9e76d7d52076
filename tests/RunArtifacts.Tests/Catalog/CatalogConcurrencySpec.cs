using RunArtifacts.Catalog;

namespace RunArtifacts.Tests.Catalog;

/// <summary>Real writer processes commit while this process queries the catalog; one writer is killed midway.</summary>
[NonParallelizable]
[Category("Slow")]
public class CatalogConcurrencySpec
{
    [Test]
    [CancelAfter(300_000)]
    public async Task ThreeWritersAndAKilledOne_WhileAReaderQueries_NoErrorNoTornAnswerThenEqualToTheFolders(CancellationToken cancellationToken)
    {
        using var temp = new TempRoot();
        var root = temp.Combine("root");
        var store = Some.Store(root);

        // The first commit and a query make the catalog, so the writers below go through the commit hook.
        using (var first = DummyProcess.Start(root, "first", "1"))
        {
            await first.WaitForExitAsync(cancellationToken);
        }

        Assert.That((await store.QueryRunsAsync(cancellationToken: cancellationToken)).Entries, Has.Count.EqualTo(1));

        var writers = Enumerable.Range(0, 3).Select(i => DummyProcess.Start(root, $"writer {i}", "15", "--bytes", "4096")).ToList();
        var killed = DummyProcess.Start(root, "killed", "1000", "--bytes", "4096");
        var queries = 0;
        var seen = 0;
        var killedYet = false;
        while (writers.Any(w => !w.HasExited))
        {
            var page = await store.QueryRunsAsync(cancellationToken: cancellationToken);
            Assert.That(page.Entries.Count, Is.GreaterThanOrEqualTo(seen), "a run once seen stays");
            seen = page.Entries.Count;
            foreach (var entry in page.Entries.Take(5))
            {
                // Every answer is a whole run: its folder is there and its files are listed.
                Assert.That(Directory.Exists(Path.Combine(root, entry.RunPath)), Is.True, entry.RunPath);
                var files = await store.GetRunFilesAsync(entry.RunId, cancellationToken);
                Assert.That(files.Select(f => f.Path), Does.Contain("run.json").And.Contain("manifest.json"), entry.RunId);
            }

            queries++;
            if (!killedYet && seen > 20)
            {
                await killed.KillAsync();
                killedYet = true;
            }
        }

        if (!killedYet)
        {
            await killed.KillAsync();
        }

        foreach (var w in writers)
        {
            Assert.That(await w.WaitForExitAsync(cancellationToken), Is.Zero, w.Error);
        }

        Assert.That(queries, Is.GreaterThan(1));
        var folders = BundleAssert.RunFolders(root).Select(f => Path.GetRelativePath(root, f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToList();
        var indexed = store.ReadIndex().Entries.Select(e => e.RunPath).ToHashSet(StringComparer.Ordinal);
        var final = (await store.QueryRunsAsync(cancellationToken: cancellationToken)).Entries.Select(e => e.RunPath).Order(StringComparer.Ordinal).ToList();

        // The catalog follows the index (a killed writer may have published a run without its index line: reindex adds both).
        Assert.That(final, Is.EqualTo(folders.Where(indexed.Contains).ToList()));
        await store.ReindexAsync(cancellationToken);
        Assert.That((await store.QueryRunsAsync(cancellationToken: cancellationToken)).Entries.Select(e => e.RunPath).Order(StringComparer.Ordinal), Is.EqualTo(folders));
        Assert.That(Directory.GetFiles(root, "catalog.sqlite*"), Is.Not.Empty);
        var any = (await store.QueryRunsAsync(new RunQuery { ModelKey = "writer 1" }, cancellationToken)).Entries;
        Assert.That(any, Has.Count.EqualTo(15));
    }
}
