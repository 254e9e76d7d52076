using Microsoft.Data.Sqlite;
using RunArtifacts.Catalog;
using RunArtifacts.Records;
using RunArtifacts.Storage;

namespace RunArtifacts.Tests.Catalog;

/// <summary>The catalog is derived: kept in step by commit, prune and reindex; rebuilt when missing, damaged or stale.</summary>
public class CatalogMaintenanceTests
{
    [Test]
    public async Task Commit_AfterTheCatalogExists_WritesItsRowsAtOnce()
    {
        using var root = new LineageRoot();
        await root.CommitAsync("first", [], [LineageRoot.Content("1")]);
        Assert.That(await root.Store.QueryRunsAsync(), Has.Property("Entries").Count.EqualTo(1));

        var run = await root.CommitAsync("second", [LineageRoot.Content("1")], [LineageRoot.Content("2")], tags: ["t"]);

        // Read the database directly, without the store's catch-up: the commit itself wrote the rows.
        using var connection = new SqliteConnection($"Data Source={root.Store.CatalogPath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM files f JOIN runs r ON r.id = f.run WHERE r.run_id = $id";
        command.Parameters.AddWithValue("$id", run.RunId);
        var files = (long)command.ExecuteScalar()!;
        Assert.That(files, Is.EqualTo(Directory.GetFiles(run.FullPath, "*", SearchOption.AllDirectories).Length));

        var listed = await root.Store.GetRunFilesAsync(run.RunId);
        Assert.That(listed.Select(f => f.Role), Is.SupersetOf(new[] { RunFileRole.Input, RunFileRole.Output, RunFileRole.Derivative, RunFileRole.Record }));
        Assert.That(listed.Where(f => f.Role == RunFileRole.Record).Select(f => f.Path), Is.SupersetOf(new[] { "run.json", "manifest.json", "notes.md" }));
        foreach (var file in listed)
        {
            Assert.That(file.Sha256, Has.Length.EqualTo(64), file.Path);
            Assert.That(file.Bytes, Is.EqualTo(new FileInfo(Path.Combine(run.FullPath, file.Path)).Length), file.Path);
        }
    }

    [Test]
    public async Task Rebuild_FifosInRunFolders_NeverOpenedAndTheQueryAnswers()
    {
        // The rebuild reads every run folder's records and hashes its other files: opening a FIFO would block it (and every
        // query) until a writer came. A run whose run.json is one is left out; a stray one in a run is not a file of it.
        Assume.That(OperatingSystem.IsLinux(), "mkfifo");
        using var temp = new TempRoot();
        var store = Some.Store(temp.Combine("root"));
        var kept = await store.CreateRun("m").WithSlug("kept").WithPrompt("p").CommitAsync();
        var broken = await store.CreateRun("m").WithSlug("broken").WithPrompt("p").CommitAsync();
        File.Delete(Path.Combine(broken.FullPath, "run.json"));
        await ChildProcess.RunCheckedAsync("mkfifo", [Path.Combine(broken.FullPath, "run.json"), Path.Combine(kept.FullPath, "stray.txt")]);
        foreach (var file in Directory.EnumerateFiles(temp.Combine("root"), "catalog.sqlite*"))
        {
            File.Delete(file);
        }

        var entries = (await store.QueryRunsAsync().WaitAsync(TimeSpan.FromMinutes(2))).Entries;

        Assert.That(entries.Select(e => e.RunId), Is.EqualTo(new[] { kept.RunId }));
        var files = (await store.GetRunFilesAsync(kept.RunId)).Select(f => f.Path).ToList();
        Assert.That(files, Does.Contain("run.json").And.Not.Contain("stray.txt"));
    }

    [Test]
    public async Task RowLostBetweenIndexAndCatalog_NextReaderCatchesUpFromTheIndex()
    {
        using var root = new LineageRoot();
        await root.CommitAsync("first", [], [LineageRoot.Content("1")]);
        await root.Store.QueryRunsAsync();
        var run = await root.CommitAsync("second", [], [LineageRoot.Content("2")]);
        Execute(root.Store.CatalogPath, $"DELETE FROM files WHERE run = (SELECT id FROM runs WHERE run_id = '{run.RunId}'); DELETE FROM runs WHERE run_id = '{run.RunId}'");

        var found = await root.Store.FindRunAsync(run.RunId);

        Assert.That(found, Is.EqualTo(run.IndexEntry).Using<IndexEntry>(SameEntry));
        Assert.That(await root.Store.GetRunFilesAsync(run.RunId), Is.Not.Empty);
    }

    [TestCase("deleted")]
    [TestCase("truncated")]
    [TestCase("garbage")]
    [TestCase("empty")]
    [TestCase("old schema")]
    [TestCase("index rewritten")]
    public async Task DamagedOrStaleCatalog_RebuiltWithTheSameAnswers(string damage)
    {
        using var root = new LineageRoot();
        var (a, b, c) = await LineageTests.ChainAsync(root);
        var before = await Answers(root.Store, a, b, c);
        var path = root.Store.CatalogPath;
        switch (damage)
        {
            case "deleted":
                File.Delete(path);
                break;
            case "truncated":
                Checkpoint(path);
                using (var f = new FileStream(path, FileMode.Open))
                {
                    f.SetLength(f.Length / 2);
                }

                break;
            case "garbage":
                Checkpoint(path);
                await File.WriteAllBytesAsync(path, Some.Bytes(8192));
                break;
            case "empty":
                Checkpoint(path);
                await File.WriteAllBytesAsync(path, []);
                break;
            case "old schema":
                Execute(path, "PRAGMA user_version = 0");
                break;
            case "index rewritten":
                // Another tool rewrote the index without the catalog (same runs, other order): the mark no longer matches.
                var lines = await File.ReadAllLinesAsync(root.Store.IndexPath);
                await File.WriteAllLinesAsync(root.Store.IndexPath, lines.Reverse());
                Execute(path, "DELETE FROM runs WHERE run_id = '" + b.RunId + "'");
                break;
        }

        var after = await Answers(root.Store, a, b, c);

        Assert.That(after, Is.EqualTo(before));
        Assert.That(File.Exists(path), Is.True);
    }

    [Test]
    public async Task Prune_RemovesRunsFromTheCatalogWithoutARebuild()
    {
        using var root = new LineageRoot();
        var (a, b, c) = await LineageTests.ChainAsync(root);
        await root.Store.QueryRunsAsync();
        await root.CommitAsync("late", [], [LineageRoot.Content("late")]);

        var pruned = await root.Store.PruneAsync(new PruneCriteria { KeepLast = 2 });

        Assert.That(pruned.Removed.Select(r => r.RunId), Is.EquivalentTo(new[] { a.RunId, b.RunId }));
        var runs = await root.Store.QueryRunsAsync();
        Assert.That(runs.Entries.Select(e => e.ModelKey), Is.EqualTo(new[] { "late", "model c" }));
        Assert.That((await root.Store.GetLineageAsync(c.RunId))!.Nodes, Has.Count.EqualTo(1));
        Assert.That((await root.Store.FindBySha256Async(a.Run.Outputs[0].Sha256!)).IsEmpty, Is.True);
        Assert.That(Directory.GetFiles(Path.Combine(root.Root, ".staging"), "catalog.*"), Is.Empty, "patched in place, not rebuilt");
    }

    [Test]
    public async Task Reindex_ReplacesTheCatalogWithTheFolders()
    {
        using var root = new LineageRoot();
        var (a, b, c) = await LineageTests.ChainAsync(root);
        await root.Store.QueryRunsAsync();
        Directory.Delete(b.FullPath, recursive: true);

        var result = await root.Store.ReindexAsync();

        Assert.That(result.Runs, Is.EqualTo(2));
        var runs = await root.Store.QueryRunsAsync();
        Assert.That(runs.Entries.Select(e => e.RunId), Is.EqualTo(new[] { c.RunId, a.RunId }));
        Assert.That((await root.Store.GetLineageAsync(c.RunId))!.Nodes, Has.Count.EqualTo(1), "the link through B went with B");
    }

    [Test]
    public async Task QueryRuns_FiltersPagesAndOrdersNewestFirst()
    {
        using var root = new LineageRoot();
        var runs = new List<CommittedRun>();
        for (var i = 0; i < 12; i++)
        {
            runs.Add(await root.CommitAsync(i % 3 == 0 ? "alpha" : "beta", [], [LineageRoot.Content("q" + i)], tags: i % 2 == 0 ? ["even", "all"] : ["all"], status: i % 4 == 3 ? RunStatus.Failed : RunStatus.Succeeded, prompt: i == 7 ? "A Red_Fox 100% jumps" : $"prompt {i}"));
        }

        async Task<string[]> Ids(RunQuery q) => (await root.Store.QueryRunsAsync(q)).Entries.Select(e => e.RunId).ToArray();
        string[] Expect(Func<int, bool> keep) => Enumerable.Range(0, 12).Where(keep).Reverse().Select(i => runs[i].RunId).ToArray();

        Assert.That(await Ids(new RunQuery()), Is.EqualTo(Expect(_ => true)));
        Assert.That(await Ids(new RunQuery { ModelKey = "alpha" }), Is.EqualTo(Expect(i => i % 3 == 0)));
        Assert.That(await Ids(new RunQuery { Tag = "even" }), Is.EqualTo(Expect(i => i % 2 == 0)));
        Assert.That(await Ids(new RunQuery { Status = RunStatus.Failed }), Is.EqualTo(Expect(i => i % 4 == 3)));
        var t0 = runs[3].IndexEntry.CreatedAt;
        var t1 = runs[9].IndexEntry.CreatedAt;
        Assert.That(await Ids(new RunQuery { ModelKey = "beta", Since = t0, Until = t1 }), Is.EqualTo(Expect(i => i % 3 != 0 && i >= 3 && i < 9)));
        Assert.That(await Ids(new RunQuery { Tag = "all", Since = t0, Until = t1 }), Is.EqualTo(Expect(i => i >= 3 && i < 9)));
        Assert.That(await Ids(new RunQuery { Text = "red_fox 100%" }), Is.EqualTo(Expect(i => i == 7)));
        Assert.That(await Ids(new RunQuery { Text = "red fox" }), Is.Empty, "_ and % are literal");

        var page1 = await root.Store.QueryRunsAsync(new RunQuery { Tag = "all", Limit = 5 });
        var page3 = await root.Store.QueryRunsAsync(new RunQuery { Tag = "all", Limit = 5, Offset = 10 });
        Assert.That(page1.HasMore, Is.True);
        Assert.That(page1.Entries.Select(e => e.RunId), Is.EqualTo(Expect(_ => true).Take(5)));
        Assert.That(page3.HasMore, Is.False);
        Assert.That(page3.Entries.Select(e => e.RunId), Is.EqualTo(Expect(_ => true).Skip(10)));
        Assert.That(page1.Entries[0], Is.EqualTo(runs[11].IndexEntry).Using<IndexEntry>(SameEntry), "typed index entries, whole");
    }

    [Test]
    public async Task OpenRun_JoinsOutputsWithClipsAndDerivativesWithViews()
    {
        using var root = new LineageRoot();
        var run = await root.CommitAsync("open", [LineageRoot.Content("i")], [LineageRoot.Content("o1"), LineageRoot.Content("o2")]);

        var bundle = await root.Store.OpenRunAsync(run.RunId);

        Assert.That(bundle, Is.Not.Null);
        Assert.That(bundle!.Outputs, Has.Count.EqualTo(2));
        foreach (var output in bundle.Outputs)
        {
            Assert.That(output.Clip.Output.Sha256, Is.EqualTo(output.Asset.Sha256));
            Assert.That(File.Exists(output.FullPath), Is.True);
            var derivative = output.Derivatives.Single();
            Assert.That(derivative.View.Source.Sha256, Is.EqualTo(output.Asset.Sha256));
            Assert.That(derivative.View.Output.Sha256, Is.EqualTo(derivative.Record.Sha256));
            Assert.That(File.ReadAllBytes(derivative.FullPath), Is.EqualTo(LineageRoot.Reversed(File.ReadAllBytes(output.FullPath))));
        }

        Assert.That(await root.Store.OpenRunAsync("20990101_000000_none"), Is.Null);
    }

    internal static bool SameEntry(IndexEntry x, IndexEntry y) => x.RunId == y.RunId && x.RunPath == y.RunPath && x.CreatedAt == y.CreatedAt
        && x.ModelKey == y.ModelKey && x.Status == y.Status && x.Tags.SequenceEqual(y.Tags) && x.PromptSummary == y.PromptSummary && x.HeroWeb == y.HeroWeb && x.OutputCount == y.OutputCount;

    private static async Task<string> Answers(RunArtifactStore store, params CommittedRun[] runs)
    {
        var text = new System.Text.StringBuilder();
        text.AppendJoin(',', (await store.QueryRunsAsync()).Entries.Select(e => e.RunId)).AppendLine();
        text.AppendJoin(',', (await store.QueryRunsAsync(new RunQuery { Tag = "chain" })).Entries.Select(e => e.RunId)).AppendLine();
        foreach (var run in runs)
        {
            var lineage = (await store.GetLineageAsync(run.RunId))!;
            text.AppendJoin(',', lineage.Nodes.Select(n => $"{n.Entry.RunId}@{n.Depth}")).AppendLine();
            text.AppendJoin(',', lineage.Edges.Select(e => $"{e.UpstreamRunId}:{e.UpstreamPath}>{e.DownstreamRunId}:{e.DownstreamPath}")).AppendLine();
            foreach (var output in run.Run.Outputs)
            {
                var uses = await store.FindBySha256Async(output.Sha256!);
                text.AppendJoin(',', uses.Produced.Concat(uses.Consumed).Select(u => $"{u.RunId}:{u.Path}:{u.Role}")).AppendLine();
            }
        }

        return text.ToString();
    }

    private static void Checkpoint(string path) => Execute(path, "PRAGMA wal_checkpoint(TRUNCATE)");

    private static void Execute(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
