using System.Diagnostics;
using System.Globalization;
using CliWrap;
using CliWrap.Buffered;
using RunArtifacts.Builder;
using RunArtifacts.Experiments;
using RunArtifacts.Storage;

namespace RunArtifacts.Benchmarks;

/// <summary>
/// The added cost of an experiment run per commit (issue 14), as a Stopwatch harness beside <see cref="ExperimentBenchmarks"/>:
/// one store, not flushed; each round commits a plain prompt-only run and then the same run with each addition, the order
/// of the sides rotating from round to round; it prints, for each side, the median wall time, the median added wall time over
/// the plain commit of the same round, and the mean CPU time of this process plus its children (git) per commit (the kernel
/// counts CPU in 10 ms ticks, so only a mean over many commits means anything).
/// Usage: <c>experiment-bench ROOT [ROUNDS [SIDE]]</c> (default 200 rounds after 20 warm-up rounds; SIDE: only the sides whose name holds it, beside the plain one).
/// </summary>
public static class ExperimentBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var root = args[0];
        var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200;
        Directory.CreateDirectory(root);
        var clean = await MakeRepoAsync(Path.Combine(root, "clean"));
        var dirty = await MakeRepoAsync(Path.Combine(root, "dirty"));
        await File.AppendAllTextAsync(Path.Combine(dirty, "train.py"), "lr = 0.02\n");
        var store = new RunArtifactStore(new RunArtifactsOptions { Root = Path.Combine(root, "runs"), FlushToDisk = false });
        var series = Enumerable.Range(0, 10_000).Select(i => new MetricPoint(1.0 / (i + 1), i)).ToArray();

        Func<Task> Commit(Func<RunArtifactBuilder, RunArtifactBuilder> add) => () => add(store.CreateRun("bench").WithPrompt("p")).CommitAsync();
        var sides = new (string Name, Func<Task> Run)[]
        {
            ("plain prompt-only run", Commit(b => b)),
            ("+ run_manifest.json, no git", Commit(b => b.AddEnvironmentEntry("torch_version", "2.4.1"))),
            ("+ git capture, clean tree", Commit(b => b.WithCodeCapture(clean))),
            ("+ git capture, dirty tree", Commit(b => b.WithCodeCapture(dirty))),
            ("+ 10,000-point metric series", Commit(b => b.AddMetricPoints("train/loss", series))),

            // The floor of git capture on this machine: the one process a clean capture runs, alone, with no commit.
            ("(reference: git status alone, no commit; a plain commit added)", async () =>
            {
                await Cli.Wrap("git").WithArguments(["-C", clean, "status", "--porcelain=v2", "--branch", "--untracked-files=normal"]).ExecuteBufferedAsync();
                await Commit(b => b)();
            }),
        };
        if (args.Length > 2)
        {
            sides = [.. sides.Where(s => s.Name.Contains(args[2], StringComparison.Ordinal) || s.Name.StartsWith("plain", StringComparison.Ordinal))];
        }

        var wall = sides.Select(_ => new List<double>()).ToArray();
        var cpu = sides.Select(_ => new List<double>()).ToArray();
        var added = sides.Select(_ => new List<double>()).ToArray();
        for (var round = 0; round < rounds + 20; round++)
        {
            var w = new double[sides.Length];
            var c = new double[sides.Length];
            for (var k = 0; k < sides.Length; k++)
            {
                var i = (k + round) % sides.Length;
                var cpu0 = CpuMilliseconds();
                var sw = Stopwatch.StartNew();
                await sides[i].Run();
                w[i] = sw.Elapsed.TotalMilliseconds;
                c[i] = CpuMilliseconds() - cpu0;
            }

            if (round < 20)
            {
                continue;
            }

            for (var i = 0; i < sides.Length; i++)
            {
                wall[i].Add(w[i]);
                cpu[i].Add(c[i]);
                added[i].Add(w[i] - w[0]);
            }
        }

        Console.WriteLine($"{rounds} rounds, {Environment.ProcessorCount} cores; wall: median (p10-p90), CPU: mean of this process + its children; ms per commit");
        Console.WriteLine("| side | wall | added wall | CPU | added CPU |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: |");
        for (var i = 0; i < sides.Length; i++)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {sides[i].Name} | {Median(wall[i]):0.00} | {(i == 0 ? "" : Spread(added[i]))} | {cpu[i].Average():0.00} | {(i == 0 ? "" : (cpu[i].Average() - cpu[0].Average()).ToString("0.00", CultureInfo.InvariantCulture))} |"));
        }

        return 0;
    }

    private static string Spread(List<double> values)
    {
        values.Sort();
        return string.Create(CultureInfo.InvariantCulture, $"{values[values.Count / 2]:0.00} ({values[values.Count / 10]:0.00}-{values[values.Count * 9 / 10]:0.00})");
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    /// <summary>User + system time of this process and of its waited-for children (git), from /proc (Linux).</summary>
    private static double CpuMilliseconds()
    {
        var stat = File.ReadAllText("/proc/self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');

        // Fields 14-17 of proc(5) (utime, stime, cutime, cstime) are 11-14 after the command name and state.
        var ticks = fields[11..15].Sum(f => long.Parse(f, CultureInfo.InvariantCulture));
        return ticks * 1000.0 / 100;
    }

    private static async Task<string> MakeRepoAsync(string repo)
    {
        Directory.CreateDirectory(repo);
        await File.WriteAllTextAsync(Path.Combine(repo, "train.py"), "lr = 0.01\n");
        foreach (var args in new[] { new[] { "init", "-q" }, ["add", "train.py"], ["-c", "user.name=b", "-c", "user.email=b@example.com", "commit", "-q", "-m", "first"] })
        {
            await Cli.Wrap("git").WithArguments(["-C", repo, .. args]).ExecuteAsync();
        }

        return repo;
    }
}
