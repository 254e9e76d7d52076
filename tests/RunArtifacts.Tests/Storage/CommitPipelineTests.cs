using Microsoft.Extensions.Logging;
using RunArtifacts.Derivatives;
using RunArtifacts.Storage;

namespace RunArtifacts.Tests.Storage;

/// <summary>The commit as a pipeline: a frozen draft, frozen options, the steps in order, best-effort failures logged.</summary>
public class CommitPipelineTests
{
    [Test]
    public async Task CommitAsync_BuilderUsedAfterCommitStarts_ThrowsAndTheRunIsAsGiven()
    {
        using var temp = new TempRoot();
        var store = Some.Store(temp.Combine("root"));
        var builder = store.CreateRun("m").WithPrompt("before").AddOutput(Some.Png(), "o.png");

        var commit = builder.CommitAsync();
        var late = Assert.Throws<InvalidOperationException>(() => builder.WithPrompt("after"));
        Assert.Throws<InvalidOperationException>(() => builder.AddOutput(Some.Png(), "late.png"));
        Assert.Throws<InvalidOperationException>(() => builder.AddTags("late"));
        Assert.Throws<InvalidOperationException>(() => builder.CommitAsync());
        var run = await commit;

        Assert.That(late!.Message, Does.Contain("frozen"));
        Assert.That(run.Run.Prompts!.Raw, Is.EqualTo("before"));
        Assert.That(run.Run.Outputs, Has.Count.EqualTo(1));
        Assert.That(run.Run.Tags, Is.Empty);
    }

    [Test]
    public async Task Store_OptionsChangedAfterConstruction_HaveNoEffect()
    {
        using var temp = new TempRoot();
        var options = new RunArtifactsOptions { Root = temp.Combine("root"), FlushToDisk = false };
        var store = new RunArtifactStore(options);

        options.MaxPromptBytes = 1024;
        options.Derivatives.Add(new FailingGenerator(), required: true);
        options.Redaction.ExtraNames.Add("prompt");
        options.Root = temp.Combine("elsewhere");
        var run = await store.CreateRun("m").WithPrompt(new string('a', 2000)).AddOutput(Some.Png(), "o.png").CommitAsync();

        Assert.That(run.FullPath, Does.StartWith(temp.Combine("root")));
        Assert.That(run.Run.Prompts!.Raw, Has.Length.EqualTo(2000));
        Assert.That(run.Run.Warnings, Is.Empty);
        Assert.That(Directory.Exists(temp.Combine("elsewhere")), Is.False);
    }

    [Test]
    public async Task CommitAsync_ReportsEveryStepOnceInPipelineOrder()
    {
        using var temp = new TempRoot();
        var store = Some.Store(temp.Combine("root"), o => o.Derivatives.Add(new Bundles.SmallImageDerivatives()));
        var progress = new Recorder();

        await store.CreateRun("m").WithPrompt("p").AddOutput(Some.Png(), "o.png").WithProgress(progress).CommitAsync();

        var starts = progress.Reports.Where(r => r.Completed == 0 && r.Total is null && r.File is null).Select(r => r.Stage).ToList();
        Assert.That(starts, Is.EqualTo(Enum.GetValues<CommitStage>()));
        Assert.That(progress.Reports.Select(r => r.Stage), Is.Ordered, "no step reports after a later one started");
        Assert.That(progress.Reports.Any(r => r.Stage == CommitStage.StageFiles && r.Completed > 0), Is.True, "bytes copied");
        Assert.That(progress.Reports.Any(r => r.Stage == CommitStage.Derive && r.File == "original/output_01.png"), Is.True, "files derived");
    }

    [Test]
    public async Task CommitAsync_BestEffortDerivativeFails_WarningRecordedAndLogged()
    {
        using var temp = new TempRoot();
        var logs = new ListLoggerFactory();
        var options = new RunArtifactsOptions { Root = temp.Combine("root"), FlushToDisk = false };
        options.Derivatives.Add(new FailingGenerator());
        var store = new RunArtifactStore(options, loggerFactory: logs);

        var run = await store.CreateRun("m").AddOutput(Some.Png(), "o.png").CommitAsync();

        Assert.That(run.Warnings.Select(w => w.Code), Does.Contain("derivative_failed"));
        Assert.That(logs.Entries, Has.Some.Matches<(LogLevel Level, string Message)>(e => e.Level == LogLevel.Warning && e.Message.Contains("always-fails", StringComparison.Ordinal) && e.Message.Contains("original/output_01.png", StringComparison.Ordinal)));
    }

    [Test]
    public async Task CommitAsync_RequiredDerivativeFails_StageIsDerive()
    {
        using var temp = new TempRoot();
        var store = Some.Store(temp.Combine("root"), o => o.Derivatives.Add(new FailingGenerator(), required: true));

        var ex = await Assert.ThrowsAsync<ArtifactCommitException>(() => store.CreateRun("m").AddOutput(Some.Png(), "o.png").CommitAsync());

        Assert.That(ex!.Stage, Is.EqualTo(CommitStage.Derive));
        Assert.That(ex.Published, Is.False);
    }

    private sealed class FailingGenerator : IDerivativeGenerator
    {
        public string Name => "always-fails";

        public bool CanHandle(DerivativeSource source) => true;

        public Task<DerivativeResult> GenerateAsync(DerivativeRequest request, CancellationToken cancellationToken = default)
            => Task.FromResult(DerivativeResult.Failed("no encoder"));
    }

    private sealed class Recorder : IProgress<CommitProgress>
    {
        public List<CommitProgress> Reports { get; } = [];

        public void Report(CommitProgress value)
        {
            lock (Reports)
            {
                Reports.Add(value);
            }
        }
    }
}
