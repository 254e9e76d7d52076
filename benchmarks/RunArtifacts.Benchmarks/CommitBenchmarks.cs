using BenchmarkDotNet.Attributes;
using RunArtifacts.Storage;

namespace RunArtifacts.Benchmarks;

/// <summary>Cost of a commit: a prompt-only failed run (the floor: a handful of small files, fsyncs and one rename) and a run with 16 MiB of outputs.</summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 3, iterationCount: 20)]
public class CommitBenchmarks
{
    private string root = null!;
    private string output = null!;
    private RunArtifactStore flushed = null!;
    private RunArtifactStore unflushed = null!;

    [GlobalSetup]
    public void Setup()
    {
        root = Directory.CreateTempSubdirectory("ra-bench-").FullName;
        output = Path.Combine(root, "output.bin");
        var bytes = new byte[16 * 1024 * 1024];
        Random.Shared.NextBytes(bytes);
        File.WriteAllBytes(output, bytes);
        flushed = new RunArtifactStore(new RunArtifactsOptions { Root = Path.Combine(root, "flushed"), FlushToDisk = true });
        unflushed = new RunArtifactStore(new RunArtifactsOptions { Root = Path.Combine(root, "unflushed"), FlushToDisk = false });
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(root, recursive: true);

    [Benchmark(Description = "prompt-only failed run, flushed")]
    public Task<CommittedRun> PromptOnlyFailedFlushed()
        => flushed.CreateRun("bench").WithPrompt("a lighthouse at dusk").Failed("timeout", "provider timed out after 120 s").CommitAsync();

    [Benchmark(Description = "prompt-only failed run, not flushed")]
    public Task<CommittedRun> PromptOnlyFailedUnflushed()
        => unflushed.CreateRun("bench").WithPrompt("a lighthouse at dusk").Failed("timeout", "provider timed out after 120 s").CommitAsync();

    [Benchmark(Description = "16 MiB output, sha256, flushed")]
    public Task<CommittedRun> SixteenMegabytesFlushed()
        => flushed.CreateRun("bench").WithPrompt("p").AddOutput(output).CommitAsync();
}
