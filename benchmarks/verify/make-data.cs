#:project ../../src/RunArtifacts/RunArtifacts.csproj
#:property TreatWarningsAsErrors=false
#:property PublishAot=false
// Makes the data the verify benchmark reads, through the library's public API:
//   dotnet run benchmarks/verify/make-data.cs -- large DIR COUNT MIB   (COUNT runs, one output of MIB MiB each)
//   dotnet run benchmarks/verify/make-data.cs -- small DIR COUNT       (COUNT runs, a prompt, a request, a log and a 4 KiB output each)
using RunArtifacts;
using RunArtifacts.Storage;

var (mode, root, count) = (args[0], args[1], int.Parse(args[2]));
var store = new RunArtifactStore(new RunArtifactsOptions { Root = root, FlushToDisk = false });
var scratch = Directory.CreateTempSubdirectory("ra-bench-");
try
{
    var random = new Random(42);
    for (var i = 0; i < count; i++)
    {
        var size = mode == "large" ? int.Parse(args[3]) * 1024 * 1024 : 4096;
        var path = Path.Combine(scratch.FullName, $"out_{i}.bin");
        var bytes = new byte[size];
        random.NextBytes(bytes);
        await File.WriteAllBytesAsync(path, bytes);
        await store.CreateRun("bench_model")
            .WithSlug($"{mode} {i}")
            .WithPrompt($"benchmark run {i}: a lighthouse at dusk")
            .WithRequest($$"""{"prompt":"run {{i}}","seed":{{i}}}""")
            .AddLog("stdout", $"step 1\nstep 2\nrun {i} done\n")
            .AddOutput(path)
            .WithoutDerivatives()
            .CommitAsync();
        File.Delete(path);
    }
}
finally
{
    scratch.Delete(recursive: true);
}

Console.WriteLine($"made {count} {mode} run(s) under {root}");
