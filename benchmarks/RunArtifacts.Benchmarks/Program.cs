using BenchmarkDotNet.Running;
using RunArtifacts.Benchmarks;

// `commit-once ...` is the in-process side of benchmarks/commit-vs-tools.sh; anything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "commit-once")
{
    return await CommitOnce.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "redact-once")
{
    return RedactOnce.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "registry-bench")
{
    return await RegistryBench.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "experiment-bench")
{
    return await ExperimentBench.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "catalog-rebuild")
{
    return await CatalogRebuildBench.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "catalog-bench")
{
    return await CatalogBench.RunAsync(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
