using RunArtifacts.Catalog;
using RunArtifacts.Storage;

namespace RunArtifacts.Tests.Catalog;

/// <summary>Lineage by content hash through the public API: a chain, a diamond, a cycle, a hash shared by many runs.</summary>
public class LineageTests
{
    [Test]
    public async Task Chain_UpAndDownAtEachDepth_ReachExactlyTheRunsThatFar()
    {
        using var root = new LineageRoot();
        var (a, b, c) = await ChainAsync(root);

        async Task<string[]> Ids(CommittedRun run, int depth, LineageDirection direction)
            => (await root.Store.GetLineageAsync(run.RunId, new LineageQuery { Depth = depth, Direction = direction }))!.Nodes.Select(n => n.Entry.RunId).ToArray();

        Assert.Multiple(async () =>
        {
            Assert.That(await Ids(c, 0, LineageDirection.Upstream), Is.EqualTo(new[] { c.RunId }));
            Assert.That(await Ids(c, 1, LineageDirection.Upstream), Is.EquivalentTo(new[] { c.RunId, b.RunId }));
            Assert.That(await Ids(c, 2, LineageDirection.Upstream), Is.EquivalentTo(new[] { c.RunId, b.RunId, a.RunId }));
            Assert.That(await Ids(c, 3, LineageDirection.Upstream), Is.EquivalentTo(new[] { c.RunId, b.RunId, a.RunId }));
            Assert.That(await Ids(c, 3, LineageDirection.Downstream), Is.EqualTo(new[] { c.RunId }));
            Assert.That(await Ids(a, 1, LineageDirection.Downstream), Is.EquivalentTo(new[] { a.RunId, b.RunId }));
            Assert.That(await Ids(a, 2, LineageDirection.Downstream), Is.EquivalentTo(new[] { a.RunId, b.RunId, c.RunId }));
            Assert.That(await Ids(a, 2, LineageDirection.Upstream), Is.EqualTo(new[] { a.RunId }));
            Assert.That(await Ids(b, 1, LineageDirection.Both), Is.EquivalentTo(new[] { a.RunId, b.RunId, c.RunId }));
        });

        var up = (await root.Store.GetLineageAsync(c.RunId, new LineageQuery { Depth = 2, Direction = LineageDirection.Upstream }))!;
        Assert.That(up.Nodes.Single(n => n.Entry.RunId == a.RunId).Depth, Is.EqualTo(2));
        Assert.That(up.Edges, Has.Count.EqualTo(2));
        var ab = up.Edges.Single(e => e.UpstreamRunId == a.RunId);
        Assert.That(ab.DownstreamRunId, Is.EqualTo(b.RunId));
        Assert.That(ab.UpstreamPath, Is.EqualTo("original/output_01.bin"));
        Assert.That(ab.UpstreamRole, Is.EqualTo(RunFileRole.Output));
        Assert.That(ab.DownstreamPath, Is.EqualTo("inputs/ref_01.bin"));
        Assert.That(ab.Sha256, Is.EqualTo(a.Run.Outputs[0].Sha256));

        // C consumed B's derivative, not its original.
        var bc = up.Edges.Single(e => e.UpstreamRunId == b.RunId);
        Assert.That(bc.UpstreamRole, Is.EqualTo(RunFileRole.Derivative));
        Assert.That(bc.UpstreamPath, Is.EqualTo(b.Run.Outputs[0].Derivatives[0].RelativePath));
    }

    [Test]
    public async Task Diamond_BothPathsMeetInOneNode_EveryEdgeOnce()
    {
        using var root = new LineageRoot();
        var a = await root.CommitAsync("a", [], [LineageRoot.Content("a")]);
        var b = await root.CommitAsync("b", [LineageRoot.Content("a")], [LineageRoot.Content("b")]);
        var c = await root.CommitAsync("c", [LineageRoot.Content("a")], [LineageRoot.Content("c")]);
        var d = await root.CommitAsync("d", [LineageRoot.Content("b"), LineageRoot.Content("c")], [LineageRoot.Content("d")]);

        var up = (await root.Store.GetLineageAsync(d.RunId, new LineageQuery { Depth = 5, Direction = LineageDirection.Upstream }))!;
        Assert.That(up.Nodes.Select(n => n.Entry.RunId), Is.EquivalentTo(new[] { a.RunId, b.RunId, c.RunId, d.RunId }));
        Assert.That(up.Nodes.Single(n => n.Entry.RunId == a.RunId).Depth, Is.EqualTo(2));
        Assert.That(up.Edges.Select(e => (e.UpstreamRunId, e.DownstreamRunId)), Is.EquivalentTo(new[] { (a.RunId, b.RunId), (a.RunId, c.RunId), (b.RunId, d.RunId), (c.RunId, d.RunId) }));

        var down = (await root.Store.GetLineageAsync(a.RunId, new LineageQuery { Depth = 2, Direction = LineageDirection.Downstream }))!;
        Assert.That(down.Nodes.Select(n => n.Entry.RunId), Is.EquivalentTo(new[] { a.RunId, b.RunId, c.RunId, d.RunId }));
        Assert.That(down.Nodes.Count(n => n.Entry.RunId == d.RunId), Is.EqualTo(1));
        Assert.That(down.Edges, Has.Count.EqualTo(4));

        var oneHop = (await root.Store.GetLineageAsync(a.RunId, new LineageQuery { Depth = 1, Direction = LineageDirection.Downstream }))!;
        Assert.That(oneHop.Nodes.Select(n => n.Entry.RunId), Is.EquivalentTo(new[] { a.RunId, b.RunId, c.RunId }));
    }

    [Test]
    public async Task Cycle_WalkEndsWhereARunIsMetAgain()
    {
        using var root = new LineageRoot();
        var x = await root.CommitAsync("x", [LineageRoot.Content("q")], [LineageRoot.Content("p")]);
        var y = await root.CommitAsync("y", [LineageRoot.Content("p")], [LineageRoot.Content("q")]);

        var lineage = (await root.Store.GetLineageAsync(x.RunId, new LineageQuery { Depth = 10 }))!;
        Assert.That(lineage.Nodes.Select(n => n.Entry.RunId), Is.EquivalentTo(new[] { x.RunId, y.RunId }));
        Assert.That(lineage.Nodes.Single(n => n.Entry.RunId == y.RunId).Direction, Is.EqualTo(LineageDirection.Both));
        Assert.That(lineage.Edges.Select(e => (e.UpstreamRunId, e.DownstreamRunId)), Is.EquivalentTo(new[] { (x.RunId, y.RunId), (y.RunId, x.RunId) }));
    }

    [Test]
    public async Task HashSharedByManyRuns_BoundedWithCountOfWhatWasLeftOut()
    {
        using var root = new LineageRoot();
        var source = await root.CommitAsync("source", [], [LineageRoot.Content("shared")]);
        for (var i = 0; i < 30; i++)
        {
            await root.CommitAsync("consumer", [LineageRoot.Content("shared")], [LineageRoot.Content("out" + i)]);
        }

        var lineage = (await root.Store.GetLineageAsync(source.RunId, new LineageQuery { Depth = 2, Direction = LineageDirection.Downstream, MaxLinksPerHash = 10 }))!;
        Assert.That(lineage.Nodes, Has.Count.EqualTo(11));
        Assert.That(lineage.Omitted, Is.EqualTo(20));

        var uses = await root.Store.FindBySha256Async(LineageRoot.Sha(LineageRoot.Content("shared")), limit: 5);
        Assert.That(uses.Produced, Has.Count.EqualTo(1));
        Assert.That(uses.Consumed, Has.Count.EqualTo(5));
        Assert.That(uses.Omitted, Is.EqualTo(25));
        Assert.That(uses.Consumed.Select(u => u.CreatedAt), Is.Ordered.Descending, "newest kept");
    }

    [Test]
    public async Task FindBySha256_OutputDerivativeAndInput_NamesRunsAndPaths()
    {
        using var root = new LineageRoot();
        var (a, b, c) = await ChainAsync(root);

        var output = await root.Store.FindBySha256Async(a.Run.Outputs[0].Sha256!.ToUpperInvariant());
        Assert.That(output.Produced.Select(u => (u.RunId, u.Path, u.Role)), Is.EqualTo(new[] { (a.RunId, "original/output_01.bin", RunFileRole.Output) }));
        Assert.That(output.Consumed.Select(u => (u.RunId, u.Path, u.Role)), Is.EqualTo(new[] { (b.RunId, "inputs/ref_01.bin", RunFileRole.Input) }));

        var derivative = b.Run.Outputs[0].Derivatives[0];
        var byDerivative = await root.Store.FindBySha256Async(derivative.Sha256!);
        Assert.That(byDerivative.Produced.Select(u => (u.RunId, u.Path, u.Role)), Is.EqualTo(new[] { (b.RunId, derivative.RelativePath, RunFileRole.Derivative) }));
        Assert.That(byDerivative.Consumed.Single().RunId, Is.EqualTo(c.RunId));

        var input = await root.Store.FindBySha256Async(c.Run.Inputs[0].Sha256!);
        Assert.That(input.Consumed.Single().Path, Is.EqualTo("inputs/ref_01.bin"));
        Assert.That(input.Consumed.Single().Bytes, Is.EqualTo(c.Run.Inputs[0].Bytes));

        var unknown = await root.Store.FindBySha256Async(new string('0', 64));
        Assert.That(unknown.IsEmpty, Is.True);
        await Assert.ThrowsAsync<ArgumentException>(() => root.Store.FindBySha256Async("not-a-hash"));
    }

    [Test]
    public async Task UnknownRun_LineageIsNull()
    {
        using var root = new LineageRoot();
        await ChainAsync(root);
        Assert.That(await root.Store.GetLineageAsync("20990101_000000_nothing"), Is.Null);
    }

    /// <summary>A → B → C: B consumed A's original; C consumed B's derivative.</summary>
    internal static async Task<(CommittedRun A, CommittedRun B, CommittedRun C)> ChainAsync(LineageRoot root)
    {
        var a = await root.CommitAsync("model a", [], [LineageRoot.Content("a")], tags: ["chain"]);
        var b = await root.CommitAsync("model b", [LineageRoot.Content("a")], [LineageRoot.Content("b")], tags: ["chain"]);
        var c = await root.CommitAsync("model c", [LineageRoot.Reversed(LineageRoot.Content("b"))], [LineageRoot.Content("c")], tags: ["chain"]);
        return (a, b, c);
    }
}
