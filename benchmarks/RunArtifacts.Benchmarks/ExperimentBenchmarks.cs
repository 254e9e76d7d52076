using BenchmarkDotNet.Attributes;
using CliWrap;
using CliWrap.Buffered;
using RunArtifacts.Experiments;
using RunArtifacts.Storage;

namespace RunArtifacts.Benchmarks;

/// <summary>
/// Added cost of an experiment run (issue 14), not flushed (the fsyncs are measured elsewhere): a prompt-only run as the
/// baseline (the Ratio column is each side against it); the same with run_manifest.json without git (packages from
/// .deps.json and host facts, read once per process); with git capture of a clean repository (one git status) and of a
/// dirty one (once the tree was seen dirty: HEAD read from the repository's files and git diff HEAD alone); with a
/// 10,000-point series;
/// and, for reference, a bare git status process beside a plain commit: the floor of git capture on the machine.
/// <c>experiment-bench</c> (<see cref="ExperimentBench"/>) measures the same sides round by round, with CPU time.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 3, iterationCount: 15)]
public class ExperimentBenchmarks
{
    private string root = null!;
    private string clean = null!;
    private string dirty = null!;
    private RunArtifactStore store = null!;
    private MetricPoint[] series = null!;

    [GlobalSetup]
    public void Setup()
    {
        root = Directory.CreateTempSubdirectory("ra-bench-ml-").FullName;
        clean = MakeRepo("clean");
        dirty = MakeRepo("dirty");
        File.AppendAllText(Path.Combine(dirty, "train.py"), "lr = 0.02\n");
        store = new RunArtifactStore(new RunArtifactsOptions { Root = Path.Combine(root, "runs"), FlushToDisk = false });
        series = Enumerable.Range(0, 10_000).Select(i => new MetricPoint(1.0 / (i + 1), i)).ToArray();
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(root, recursive: true);

    [Benchmark(Baseline = true, Description = "prompt-only run")]
    public Task<CommittedRun> PromptOnly() => store.CreateRun("bench").WithPrompt("p").CommitAsync();

    [Benchmark(Description = "+ run_manifest.json, no git")]
    public Task<CommittedRun> ManifestWithoutGit() => store.CreateRun("bench").WithPrompt("p").AddEnvironmentEntry("torch_version", "2.4.1").CommitAsync();

    [Benchmark(Description = "+ git capture, clean tree")]
    public Task<CommittedRun> GitClean() => store.CreateRun("bench").WithPrompt("p").WithCodeCapture(clean).CommitAsync();

    [Benchmark(Description = "+ git capture, dirty tree (diff)")]
    public Task<CommittedRun> GitDirty() => store.CreateRun("bench").WithPrompt("p").WithCodeCapture(dirty).CommitAsync();

    [Benchmark(Description = "+ 10,000-point metric series")]
    public Task<CommittedRun> Series() => store.CreateRun("bench").WithPrompt("p").AddMetricPoints("train/loss", series).CommitAsync();

    [Benchmark(Description = "(reference) git status alone + prompt-only run")]
    public async Task<CommittedRun> GitStatusAlone()
    {
        await Cli.Wrap("git").WithArguments(["-C", clean, "status", "--porcelain=v2", "--branch", "--untracked-files=normal"]).ExecuteBufferedAsync();
        return await PromptOnly();
    }

    private string MakeRepo(string name)
    {
        var repo = Path.Combine(root, name);
        Directory.CreateDirectory(repo);
        File.WriteAllText(Path.Combine(repo, "train.py"), "lr = 0.01\n");
        foreach (var args in new[] { new[] { "init", "-q" }, ["add", "train.py"], ["-c", "user.name=b", "-c", "user.email=b@example.com", "commit", "-q", "-m", "first"] })
        {
            Cli.Wrap("git").WithArguments(["-C", repo, .. args]).ExecuteAsync().GetAwaiter().GetResult();
        }

        return repo;
    }
}
