using System.Text.Json.Nodes;
using RunArtifacts.Verification;

namespace RunArtifacts.Tests.Experiments;

/// <summary>Git capture against real temporary repositories, through the real git command line.</summary>
public class CodeCaptureTests
{
    [Test]
    public async Task CommitAsync_CleanRepository_RecordsCommitAndBranch_WithoutDiff()
    {
        using var temp = new TempRoot();
        var repo = await GitRepo.CreateAsync(temp);
        var head = (await GitRepo.RunAsync(repo, "rev-parse", "HEAD")).Trim();
        var store = Some.Store(temp.Combine("root"));

        var run = await store.CreateRun("m").WithCodeCapture(repo).CommitAsync();

        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(run.FullPath, "run_manifest.json")))!;
        Assert.Multiple(() =>
        {
            Assert.That((string?)manifest["git_hash"], Is.EqualTo(head));
            Assert.That((string?)manifest["git"]!["branch"], Is.EqualTo("trunk"));
            Assert.That((bool)manifest["git"]!["dirty"]!, Is.False);
            Assert.That(manifest["git"]!["diff_path"], Is.Null);
            Assert.That(run.Run.Environment.GitCommit, Is.EqualTo(head));
            Assert.That(run.Run.Environment.GitDirty, Is.False);
        });
    }

    [Test]
    public async Task CommitAsync_DirtyRepository_RecordsRedactedDiff_AndVerifies()
    {
        using var temp = new TempRoot();
        var repo = await GitRepo.CreateAsync(temp);
        File.WriteAllText(Path.Combine(repo, "train.py"), "lr = 0.02\nOPENAI_API_KEY = \"sk-proj-abcdefghijklmnopqrstuvwxyz012345\"\n");
        var store = Some.Store(temp.Combine("root"));

        var run = await store.CreateRun("m").WithCodeCapture(repo).CommitAsync();

        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(run.FullPath, "run_manifest.json")))!;
        var diff = File.ReadAllText(Path.Combine(run.FullPath, "code", "git.diff"));
        Assert.Multiple(() =>
        {
            Assert.That((bool)manifest["git"]!["dirty"]!, Is.True);
            Assert.That((string?)manifest["git"]!["diff_path"], Is.EqualTo("code/git.diff"));
            Assert.That(diff, Does.Contain("+lr = 0.02"));
            Assert.That(diff, Does.Not.Contain("sk-proj-abcdefghijklmnopqrstuvwxyz012345"), "the planted secret is redacted");
            Assert.That(run.Run.Redaction.Entries.Select(e => e.File), Does.Contain("code/git.diff"));
            Assert.That(run.Run.Environment.GitDirty, Is.True);
        });
        var report = await new RunVerifier(store).VerifyAsync();
        Assert.That(report.Problems.Select(p => p.ToString()), Is.Empty);
    }

    [Test]
    public async Task CommitAsync_SameTreeDirtyThenCleanThenDirty_EachRunRecordsItsOwnState()
    {
        // After a dirty capture the next one starts git diff beside git status; the state recorded must still be the tree's own.
        using var temp = new TempRoot();
        var repo = await GitRepo.CreateAsync(temp);
        var store = Some.Store(temp.Combine("root"));
        async Task<(bool Dirty, string? Diff)> CaptureAsync()
        {
            var run = await store.CreateRun("m").WithCodeCapture(repo).CommitAsync();
            var diff = Path.Combine(run.FullPath, "code", "git.diff");
            return (run.Run.Environment.GitDirty!.Value, File.Exists(diff) ? File.ReadAllText(diff) : null);
        }

        File.WriteAllText(Path.Combine(repo, "train.py"), "lr = 0.02\n");
        var first = await CaptureAsync();
        File.WriteAllText(Path.Combine(repo, "train.py"), "lr = 0.03\n");
        var second = await CaptureAsync();
        await GitRepo.RunAsync(repo, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-a", "-m", "second");
        var clean = await CaptureAsync();
        File.WriteAllText(Path.Combine(repo, "notes.txt"), "untracked\n");
        var untracked = await CaptureAsync();
        File.WriteAllText(Path.Combine(repo, "train.py"), "lr = 0.04\n");
        var third = await CaptureAsync();

        Assert.Multiple(() =>
        {
            Assert.That(first.Dirty, Is.True);
            Assert.That(first.Diff, Does.Contain("+lr = 0.02"));
            Assert.That(second.Dirty, Is.True);
            Assert.That(second.Diff, Does.Contain("+lr = 0.03").And.Not.Contain("0.02"));
            Assert.That(clean, Is.EqualTo((false, (string?)null)));
            Assert.That(untracked.Dirty, Is.True, "an untracked file makes the tree dirty");
            Assert.That(untracked.Diff, Is.Null, "git diff HEAD shows no tracked change");
            Assert.That(third.Diff, Does.Contain("-lr = 0.03").And.Contain("+lr = 0.04"));
        });
    }

    [Test]
    public async Task CommitAsync_DiffOverTheCap_KeepsItsHeadAndSaysSo()
    {
        using var temp = new TempRoot();
        var repo = await GitRepo.CreateAsync(temp);
        File.WriteAllText(Path.Combine(repo, "train.py"), string.Concat(Enumerable.Range(0, 2000).Select(i => $"line {i}\n")));
        var store = Some.Store(temp.Combine("root"), o => o.Experiments.MaxDiffBytes = 1000);

        var run = await store.CreateRun("m").WithCodeCapture(repo).CommitAsync();

        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(run.FullPath, "run_manifest.json")))!;
        Assert.That(new FileInfo(Path.Combine(run.FullPath, "code", "git.diff")).Length, Is.LessThanOrEqualTo(1000));
        Assert.That((bool?)manifest["git"]!["diff_truncated"], Is.True);
        Assert.That((long)manifest["git"]!["diff_bytes"]!, Is.GreaterThan(1000));
    }

    [Test]
    public async Task CommitAsync_FolderThatIsNotARepository_IsAWarning()
    {
        using var temp = new TempRoot();
        Directory.CreateDirectory(temp.Combine("plain"));
        var store = Some.Store(temp.Combine("root"));

        var run = await store.CreateRun("m").WithCodeCapture(temp.Combine("plain")).CommitAsync();

        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(run.FullPath, "run_manifest.json")))!;
        Assert.That(manifest["git"], Is.Null);
        Assert.That(manifest["capture_warnings"]!.AsArray().Select(w => (string?)w), Has.Some.Contains("not inside a git repository"));
    }

    [Test]
    public async Task CommitAsync_StoreOptionCaptureGit_CapturesTheConfiguredTree()
    {
        using var temp = new TempRoot();
        var repo = await GitRepo.CreateAsync(temp);
        var store = Some.Store(temp.Combine("root"), o =>
        {
            o.Experiments.CaptureGit = true;
            o.Experiments.CodeDirectory = repo;
        });

        var run = await store.CreateRun("m").AddMetric("acc", 1).CommitAsync();

        Assert.That(run.Run.Environment.GitCommit, Has.Length.EqualTo(40));
    }

    [Test]
    public async Task CommitAsync_CaptureGpu_AsksNvidiaSmiOncePerProcess()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Ignore("the fake nvidia-smi is a shell script");
            return;
        }

        using var temp = new TempRoot();
        var calls = temp.Combine("calls.txt");
        var fake = temp.Combine("nvidia-smi");
        File.WriteAllText(fake, $$"""
            #!/bin/sh
            echo "$@" >> '{{calls}}'
            if [ "$1" = "--query-gpu=name,driver_version,memory.total" ]; then echo "NVIDIA A100-SXM4-40GB, 550.54.15, 40960"; exit 0; fi
            echo "| NVIDIA-SMI 550.54.15    Driver Version: 550.54.15    CUDA Version: 12.4 |"
            """);
        File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var before = RunArtifacts.Experiments.Internal.EnvironmentCapture.NvidiaSmi;
        RunArtifacts.Experiments.Internal.EnvironmentCapture.NvidiaSmi = fake;
        try
        {
            var store = Some.Store(temp.Combine("root"), o => o.Experiments.CaptureGpu = true);
            var runs = new List<JsonNode>();
            for (var i = 0; i < 3; i++)
            {
                var run = await store.CreateRun("m").AddMetric("acc", i).CommitAsync();
                runs.Add(JsonNode.Parse(File.ReadAllText(Path.Combine(run.FullPath, "run_manifest.json")))!);
            }

            Assert.Multiple(() =>
            {
                Assert.That(File.ReadAllLines(calls), Has.Length.EqualTo(2), "one query and one banner for the whole process");
                foreach (var manifest in runs)
                {
                    Assert.That((string?)manifest["gpus"]![0]!["name"], Is.EqualTo("NVIDIA A100-SXM4-40GB"));
                    Assert.That((long)manifest["gpus"]![0]!["memory_mib"]!, Is.EqualTo(40960));
                    Assert.That((string?)manifest["cuda_version"], Is.EqualTo("12.4"));
                }
            });
        }
        finally
        {
            RunArtifacts.Experiments.Internal.EnvironmentCapture.NvidiaSmi = before;
        }
    }
}
