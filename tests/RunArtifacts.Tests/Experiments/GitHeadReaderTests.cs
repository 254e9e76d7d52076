using System.Text.Json.Nodes;
using RunArtifacts.Experiments.Internal;
using RunArtifacts.Storage;

namespace RunArtifacts.Tests.Experiments;

/// <summary>
/// HEAD read from the repository's files against what git itself says (<c>git rev-parse HEAD</c>, <c>git symbolic-ref</c>),
/// and the capture of a tree that was dirty last time (HEAD from the files, <c>git diff HEAD</c> alone) against the tree's
/// real state, on real temporary repositories.
/// </summary>
public class GitHeadReaderTests
{
    private const string Secret = "sk-proj-abcdefghijklmnopqrstuvwxyz012345";

    [Test]
    public async Task TryRead_Branch_LooseRef_MatchesGit()
    {
        using var temp = new TempRoot();
        var repo = await GitRepo.CreateAsync(temp);

        await AssertMatchesGitAsync(repo);
        Assert.That(GitHeadReader.TryRead(repo)!.Branch, Is.EqualTo("trunk"));
    }

    [Test]
    public async Task TryRead_SubfolderOfTheTree_MatchesGit()
    {
        using var temp = new TempRoot();
        var repo = await GitRepo.CreateAsync(temp);
        var sub = Directory.CreateDirectory(Path.Combine(repo, "src", "model")).FullName;

        await AssertMatchesGitAsync(sub);
    }

    [Test]
    public async Task TryRead_DetachedHead_HasNoBranch()
    {
        using var temp = new TempRoot();
        var repo = await GitRepo.CreateAsync(temp);
        await GitRepo.RunAsync(repo, "checkout", "-q", "--detach");

        await AssertMatchesGitAsync(repo);
        Assert.That(GitHeadReader.TryRead(repo)!.Branch, Is.Null);
    }

    [Test]
    public async Task TryRead_PackedRefs_BranchWithASlash_MatchesGit()
    {
        using var temp = new TempRoot();
        var repo = await GitRepo.CreateAsync(temp);
        await GitRepo.RunAsync(repo, "checkout", "-q", "-b", "feature/fast-git");
        await GitRepo.RunAsync(repo, "tag", "-a", "-m", "tagged", "v1");
        await GitRepo.RunAsync(repo, "pack-refs", "--all");
        Assert.That(File.Exists(Path.Combine(repo, ".git", "refs", "heads", "feature", "fast-git")), Is.False, "the ref lives only in packed-refs");

        await AssertMatchesGitAsync(repo);
        Assert.That(GitHeadReader.TryRead(repo)!.Branch, Is.EqualTo("feature/fast-git"));
    }

    [Test]
    public async Task TryRead_LinkedWorktree_ReadsItsOwnHead()
    {
        using var temp = new TempRoot();
        var repo = await GitRepo.CreateAsync(temp);
        var worktree = temp.Combine("side-tree");
        await GitRepo.RunAsync(repo, "worktree", "add", "-q", "-b", "side", worktree);
        File.WriteAllText(Path.Combine(worktree, "train.py"), "lr = 0.5\n");
        await GitRepo.RunAsync(worktree, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-a", "-m", "side");
        await GitRepo.RunAsync(repo, "pack-refs", "--all");

        await AssertMatchesGitAsync(worktree);
        await AssertMatchesGitAsync(repo);
        Assert.Multiple(() =>
        {
            Assert.That(GitHeadReader.TryRead(worktree)!.Branch, Is.EqualTo("side"));
            Assert.That(GitHeadReader.TryRead(worktree)!.Commit, Is.Not.EqualTo(GitHeadReader.TryRead(repo)!.Commit));
        });
    }

    [Test]
    public async Task TryRead_GitFileWithRelativeGitdir_MatchesGit()
    {
        using var temp = new TempRoot();
        var repo = temp.Combine("tree");
        Directory.CreateDirectory(repo);
        await GitRepo.RunAsync(repo, "init", "-q", "-b", "trunk", "--separate-git-dir", temp.Combine("store.git"));
        File.WriteAllText(Path.Combine(repo, ".git"), "gitdir: ../store.git\n");
        File.WriteAllText(Path.Combine(repo, "a.txt"), "a\n");
        await GitRepo.RunAsync(repo, "add", "a.txt");
        await GitRepo.RunAsync(repo, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "first");

        await AssertMatchesGitAsync(repo);
    }

    [Test]
    public async Task TryRead_NoCommitYet_NotARepository_OrInsideTheGitFolder_DoesNotGuess()
    {
        using var temp = new TempRoot();
        var empty = temp.Combine("empty");
        Directory.CreateDirectory(empty);
        await GitRepo.RunAsync(empty, "init", "-q");
        var plain = Directory.CreateDirectory(temp.Combine("plain")).FullName;
        var repo = await GitRepo.CreateAsync(temp);

        Assert.Multiple(() =>
        {
            Assert.That(GitHeadReader.TryRead(empty), Is.Null);
            Assert.That(GitHeadReader.TryRead(plain), Is.Null);
            Assert.That(GitHeadReader.TryRead(Path.Combine(repo, ".git", "refs")), Is.Null);
        });
    }

    [Test]
    public async Task CaptureGitAsync_DirtyTreeCapturedAgain_DiffAloneGivesTheSameRecordAsGit()
    {
        using var temp = new TempRoot();
        var repo = await GitRepo.CreateAsync(temp);
        File.WriteAllText(Path.Combine(repo, "train.py"), $"lr = 0.02\nOPENAI_API_KEY = \"{Secret}\"\n");
        var diff = await GitRepo.RunAsync(repo, "diff", "HEAD", "--no-color", "--no-ext-diff");

        var first = await CaptureAsync(repo);
        var second = await CaptureAsync(repo);

        Assert.That(first, Is.EqualTo(await ExpectedAsync(repo, true, diff)));
        Assert.That(second, Is.EqualTo(first), "the diff-only capture records what git status and git diff record");
    }

    [Test]
    public async Task CaptureGitAsync_DirtyDetachedPackedTree_CapturedAgain_MatchesGit()
    {
        using var temp = new TempRoot();
        var repo = await GitRepo.CreateAsync(temp);
        await GitRepo.RunAsync(repo, "pack-refs", "--all");
        File.WriteAllText(Path.Combine(repo, "train.py"), "lr = 0.02\n");
        await CaptureAsync(repo);

        await GitRepo.RunAsync(repo, "checkout", "-q", "--detach");
        var detached = await CaptureAsync(repo);
        await GitRepo.RunAsync(repo, "checkout", "-q", "trunk");
        var packed = await CaptureAsync(repo);

        var diff = await GitRepo.RunAsync(repo, "diff", "HEAD", "--no-color", "--no-ext-diff");
        Assert.Multiple(() =>
        {
            Assert.That(detached!.Branch, Is.Null);
            Assert.That(detached with { Branch = "trunk" }, Is.EqualTo(packed));
        });
        Assert.That(packed, Is.EqualTo(await ExpectedAsync(repo, true, diff)));
    }

    [Test]
    public async Task CaptureGitAsync_DirtyWorktree_CapturedAgain_MatchesGit()
    {
        using var temp = new TempRoot();
        var repo = await GitRepo.CreateAsync(temp);
        var worktree = temp.Combine("side-tree");
        await GitRepo.RunAsync(repo, "worktree", "add", "-q", "-b", "side", worktree);
        File.WriteAllText(Path.Combine(worktree, "train.py"), "lr = 0.7\n");
        var diff = await GitRepo.RunAsync(worktree, "diff", "HEAD", "--no-color", "--no-ext-diff");

        await CaptureAsync(worktree);
        var again = await CaptureAsync(worktree);

        Assert.That(again, Is.EqualTo(await ExpectedAsync(worktree, true, diff)));
        Assert.That(again!.Branch, Is.EqualTo("side"));
    }

    [Test]
    public async Task CaptureGitAsync_AfterADirtyCapture_EmptyDiffCases_AreDecidedByGitStatus()
    {
        using var temp = new TempRoot();
        var repo = await GitRepo.CreateAsync(temp);
        var train = Path.Combine(repo, "train.py");
        File.WriteAllText(train, "lr = 0.02\n");
        await CaptureAsync(repo);

        // A change staged, then undone in the work tree: git diff HEAD is empty, git status still lists it.
        await GitRepo.RunAsync(repo, "add", "train.py");
        File.WriteAllText(train, "lr = 0.01\n");
        var reverted = await CaptureAsync(repo);
        var revertedExpected = await ExpectedAsync(repo, true, string.Empty);
        await GitRepo.RunAsync(repo, "reset", "-q");

        File.WriteAllText(Path.Combine(repo, "notes.txt"), "untracked\n");
        var untracked = await CaptureAsync(repo);
        var untrackedExpected = await ExpectedAsync(repo, true, string.Empty);
        File.Delete(Path.Combine(repo, "notes.txt"));
        var clean = await CaptureAsync(repo);
        var cleanExpected = await ExpectedAsync(repo, false, null);

        Assert.Multiple(() =>
        {
            Assert.That(reverted, Is.EqualTo(revertedExpected));
            Assert.That(untracked, Is.EqualTo(untrackedExpected));
            Assert.That(clean, Is.EqualTo(cleanExpected));
        });
    }

    [Test]
    public async Task CommitAsync_DirtyTreeTwice_SecondDiffStillRedacted_AndNoCommitRepositoryStaysAWarning()
    {
        using var temp = new TempRoot();
        var repo = await GitRepo.CreateAsync(temp);
        File.WriteAllText(Path.Combine(repo, "train.py"), $"lr = 0.02\nOPENAI_API_KEY = \"{Secret}\"\n");
        var empty = temp.Combine("empty");
        Directory.CreateDirectory(empty);
        await GitRepo.RunAsync(empty, "init", "-q");
        File.WriteAllText(Path.Combine(empty, "notes.txt"), "untracked\n");
        var store = Some.Store(temp.Combine("root"));

        var runs = new List<CommittedRun>();
        var unborn = new List<JsonNode>();
        for (var i = 0; i < 2; i++)
        {
            runs.Add(await store.CreateRun("m").WithCodeCapture(repo).CommitAsync());
            var run = await store.CreateRun("m").WithCodeCapture(empty).CommitAsync();
            unborn.Add(JsonNode.Parse(File.ReadAllText(Path.Combine(run.FullPath, "run_manifest.json")))!);
        }

        Assert.Multiple(() =>
        {
            foreach (var run in runs)
            {
                var diff = File.ReadAllText(Path.Combine(run.FullPath, "code", "git.diff"));
                Assert.That(diff, Does.Contain("+lr = 0.02").And.Not.Contain(Secret));
                Assert.That(run.Run.Environment.GitDirty, Is.True);
                Assert.That(run.Run.Redaction.Entries.Select(e => e.File), Does.Contain("code/git.diff"));
            }

            Assert.That(File.ReadAllText(Path.Combine(runs[1].FullPath, "run_manifest.json")), Is.EqualTo(File.ReadAllText(Path.Combine(runs[0].FullPath, "run_manifest.json"))));
            foreach (var manifest in unborn)
            {
                Assert.That(manifest["git"], Is.Null);
                Assert.That(manifest["capture_warnings"]!.AsArray().Select(w => (string?)w), Has.Some.Contains("no commit yet"));
            }
        });
    }

    private static async Task<CapturedGit?> CaptureAsync(string directory)
    {
        var warnings = new List<string>();
        var git = await EnvironmentCapture.CaptureGitAsync(directory, warnings, CancellationToken.None);
        Assert.That(warnings, Is.Empty);
        return git;
    }

    /// <summary>The record git's own commands give: HEAD, its branch (none when detached), the dirty flag and diff asserted.</summary>
    private static async Task<CapturedGit> ExpectedAsync(string directory, bool dirty, string? diff)
    {
        var status = await GitRepo.RunAsync(directory, "status", "--porcelain");
        Assert.That(status.Length > 0, Is.EqualTo(dirty), "the tree's state per git status");
        var (commit, branch) = await GitSaysAsync(directory);
        return new CapturedGit(commit, branch, dirty, diff);
    }

    private static async Task<(string Commit, string? Branch)> GitSaysAsync(string directory)
    {
        var commit = (await GitRepo.RunAsync(directory, "rev-parse", "HEAD")).Trim();
        var symbolic = await ChildProcess.RunAsync("git", ["-C", directory, "symbolic-ref", "-q", "--short", "HEAD"], timeout: TimeSpan.FromMinutes(1));
        return (commit, symbolic.ExitCode == 0 ? symbolic.Out.Trim() : null);
    }

    private static async Task AssertMatchesGitAsync(string directory)
    {
        var (commit, branch) = await GitSaysAsync(directory);
        Assert.That(GitHeadReader.TryRead(directory), Is.EqualTo(new GitHead(commit, branch)));
    }
}
