using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using RunArtifacts.Catalog;
using RunArtifacts.Records;
using RunArtifacts.Serialization;
using RunArtifacts.Storage;

namespace RunArtifacts.Tests.Catalog;

/// <summary>
/// On random roots (runs whose inputs and outputs are drawn from a small pool of contents, so hashes are shared, chained,
/// diamond-shaped and cyclic), after random prunes, reindexes and catalog deletions, every catalog answer equals what a
/// plain scan of the run folders gives.
/// </summary>
public class CatalogProperties
{
    public sealed record RunPlan(int Model, int[] Inputs, int[] Outputs, bool Tagged);

    public sealed record Step(int Kind, int Arg);

    private static readonly Gen<RunPlan> PlanGen =
        from model in Gen.Choose(0, 2)
        from inputs in Gen.Choose(0, 5).ArrayOf().Select(a => a.Take(3).Distinct().ToArray())
        from outputCount in Gen.Choose(1, 2)
        from outputs in Gen.Choose(0, 5).ArrayOf(outputCount).Select(a => a.Distinct().ToArray())
        from tagged in Gen.Elements(true, false)
        select new RunPlan(model, inputs, outputs, tagged);

    private static readonly Gen<(RunPlan[] Runs, Step[] Steps)> RootGen =
        from runCount in Gen.Choose(1, 7)
        from runs in PlanGen.ArrayOf(runCount)
        from steps in Gen.Choose(0, 3).SelectMany(k => Gen.Choose(0, 4).Select(n => new Step(k, n))).ArrayOf().Select(a => a.Take(3).ToArray())
        select (runs, steps);

    [FsCheck.NUnit.Property(MaxTest = 12, QuietOnSuccess = true)]
    public Property CatalogAnswers_EqualAFolderScan() => Prop.ForAll(RootGen.ToArbitrary(), root => Check(root.Runs, root.Steps).GetAwaiter().GetResult());

    private static async Task<bool> Check(RunPlan[] plans, Step[] steps)
    {
        using var root = new LineageRoot();
        var half = plans.Length / 2;
        for (var i = 0; i < plans.Length; i++)
        {
            if (i == half)
            {
                await root.Store.QueryRunsAsync(); // the catalog exists from here on: later commits go through the commit hook
            }

            var p = plans[i];
            await root.CommitAsync($"m{p.Model}", p.Inputs.Select(c => LineageRoot.Content("c" + c)).ToArray(), p.Outputs.Select(c => LineageRoot.Content("c" + c)).ToArray(), p.Tagged ? ["t"] : null);
        }

        foreach (var step in steps)
        {
            switch (step.Kind)
            {
                case 0:
                    await root.Store.PruneAsync(new PruneCriteria { KeepLast = step.Arg + 1 });
                    break;
                case 1:
                    await root.Store.ReindexAsync();
                    break;
                case 2:
                    File.Delete(root.Store.CatalogPath);
                    break;
                default:
                    await root.CommitAsync("late", [LineageRoot.Content("c" + step.Arg)], [LineageRoot.Content("c" + (step.Arg + 1))]);
                    break;
            }
        }

        var scan = FolderScan.Of(root.Root);
        var store = root.Store;

        var all = (await store.QueryRunsAsync()).Entries.Select(e => e.RunId).ToList();
        var tagged = (await store.QueryRunsAsync(new RunQuery { Tag = "t" })).Entries.Select(e => e.RunId).ToList();
        var model = (await store.QueryRunsAsync(new RunQuery { ModelKey = "m1" })).Entries.Select(e => e.RunId).ToList();
        Assert.That(all, Is.EqualTo(scan.NewestFirst.Select(r => r.RunId)));
        Assert.That(tagged, Is.EqualTo(scan.NewestFirst.Where(r => r.Tags.Contains("t")).Select(r => r.RunId)));
        Assert.That(model, Is.EqualTo(scan.NewestFirst.Where(r => r.ModelKey == "m1").Select(r => r.RunId)));

        foreach (var sha in scan.Files.Select(f => f.Sha).Distinct())
        {
            var uses = await store.FindBySha256Async(sha, limit: 1000);
            var got = uses.Produced.Concat(uses.Consumed).Select(u => (u.RunId, u.Path, u.Role)).Order().ToList();
            var expected = scan.Files.Where(f => f.Sha == sha).Select(f => (f.RunId, f.Path, f.Role)).Order().ToList();
            Assert.That(got, Is.EqualTo(expected), sha);
        }

        foreach (var run in scan.NewestFirst)
        {
            var lineage = (await store.GetLineageAsync(run.RunId, new LineageQuery { Depth = 1, MaxLinksPerHash = 1000 }))!;
            var got = lineage.Edges.Select(e => (e.UpstreamRunId, e.DownstreamRunId, e.UpstreamPath, e.DownstreamPath)).Order().ToList();
            var expected = scan.Edges.Where(e => e.Up == run.RunId || e.Down == run.RunId).Order().ToList();
            Assert.That(got, Is.EqualTo(expected), run.RunId);
        }

        return true;
    }

    /// <summary>The oracle: run.json of every folder, read plainly, joined by hash.</summary>
    private sealed record FolderScan(List<RunRecord> NewestFirst, List<(string RunId, string Path, RunFileRole Role, string Sha)> Files, List<(string Up, string Down, string UpPath, string DownPath)> Edges)
    {
        public static FolderScan Of(string root)
        {
            var runs = Directory.GetDirectories(root, "????-??-??").SelectMany(Directory.GetDirectories)
                .Select(d => JsonSerializer.Deserialize(File.ReadAllBytes(Path.Combine(d, "run.json")), RunArtifactsJsonContext.Default.RunRecord)!)
                .OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.RunId, StringComparer.Ordinal).ToList();
            var files = new List<(string, string, RunFileRole, string)>();
            foreach (var run in runs)
            {
                files.AddRange(run.Inputs.Select(a => (run.RunId, a.RelativePath, RunFileRole.Input, a.Sha256!)));
                foreach (var output in run.Outputs)
                {
                    files.Add((run.RunId, output.RelativePath, RunFileRole.Output, output.Sha256!));
                    files.AddRange(output.Derivatives.Select(d => (run.RunId, d.RelativePath, RunFileRole.Derivative, d.Sha256!)));
                }
            }

            var edges = (from c in files
                         where c.Item3 == RunFileRole.Input
                         from p in files
                         where p.Item3 != RunFileRole.Input && p.Item4 == c.Item4 && p.Item1 != c.Item1
                         select (p.Item1, c.Item1, p.Item2, c.Item2)).Distinct().ToList();
            return new FolderScan(runs, files, edges);
        }
    }
}
