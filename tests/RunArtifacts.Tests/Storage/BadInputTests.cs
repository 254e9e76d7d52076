
namespace RunArtifacts.Tests.Storage;

public class BadInputTests
{
    private TempRoot temp = null!;
    private string root = null!;

    [SetUp]
    public void SetUp()
    {
        temp = new TempRoot();
        root = temp.Combine("root");
    }

    [TearDown]
    public void TearDown() => temp.Dispose();

    [Test]
    public async Task CommitAsync_MissingFile_ValidationErrorNothingPublished()
    {
        var store = Some.Store(root);

        var ex = await Assert.ThrowsAsync<ArtifactValidationException>(() => store.CreateRun("m").AddOutput(temp.Combine("nope.png")).CommitAsync());

        Assert.That(ex!.Message, Does.Contain("does not exist"));
        AssertNothingWritten();
    }

    [Test]
    public async Task CommitAsync_DirectoryGivenAsFile_ValidationError()
    {
        var store = Some.Store(root);
        Directory.CreateDirectory(temp.Combine("adir"));

        var ex = await Assert.ThrowsAsync<ArtifactValidationException>(() => store.CreateRun("m").AddInput(temp.Combine("adir")).CommitAsync());

        Assert.That(ex!.Message, Does.Contain("is a directory"));
        AssertNothingWritten();
    }

    [TestCase("../escape.png", "contains a path separator")]
    [TestCase("..", "contains '..'")]
    [TestCase("a/b.png", "contains a path separator")]
    [TestCase("a\\b.png", "contains a path separator")]
    [TestCase("bad\u0001name.png", "contains a control character")]
    [TestCase("nul\0.png", "contains a NUL character")]
    public async Task CommitAsync_BadStreamFileName_ValidationError(string name, string problem)
    {
        var store = Some.Store(root);

        var ex = await Assert.ThrowsAsync<ArtifactValidationException>(() => store.CreateRun("m").AddOutput(new byte[] { 1, 2, 3 }, name).CommitAsync());

        Assert.That(ex!.Message, Does.Contain(problem));
        AssertNothingWritten();
    }

    [TestCase("evil\nslug")]
    [TestCase("tab\tslug")]
    public async Task CommitAsync_ControlCharactersInSlug_ValidationError(string slug)
    {
        var store = Some.Store(root);

        var ex = await Assert.ThrowsAsync<ArtifactValidationException>(() => store.CreateRun("m").WithSlug(slug).CommitAsync());

        Assert.That(ex!.Message, Does.Contain("control characters"));
        AssertNothingWritten();
    }

    [Test]
    public async Task CommitAsync_SlugOfOnlySeparators_ValidationError()
    {
        var store = Some.Store(root);

        var ex = await Assert.ThrowsAsync<ArtifactValidationException>(() => store.CreateRun("m").WithSlug("../../").CommitAsync());

        Assert.That(ex!.Message, Does.Contain("no letters or digits"));
    }

    [Test]
    public async Task CommitAsync_TraversalInSlugAndModelKey_SluggedAndKeptInsideTheRoot()
    {
        var store = Some.Store(root);

        var run = await store.CreateRun("../../etc/passwd").WithSlug("../../../tmp/x").CommitAsync();

        Assert.That(run.RunId, Does.EndWith("_etc_passwd_tmp_x"));
        Assert.That(Path.GetFullPath(run.FullPath), Does.StartWith(Path.GetFullPath(root) + Path.DirectorySeparatorChar));
        Assert.That(Directory.GetFileSystemEntries(temp.Path).Select(Path.GetFileName), Is.EquivalentTo(new[] { "root" }), "nothing written beside the root");
    }

    [Test]
    public async Task CommitAsync_HugePrompt_ValidationError()
    {
        var store = Some.Store(root, o => o.MaxPromptBytes = 4096);

        var ex = await Assert.ThrowsAsync<ArtifactValidationException>(() => store.CreateRun("m").WithPrompt(new string('x', 5000)).CommitAsync());

        Assert.That(ex!.Message, Does.Contain("limit is 4096"));
        AssertNothingWritten();
    }

    [Test]
    public async Task CommitAsync_SeveralProblems_AllListed()
    {
        var store = Some.Store(root);

        var ex = await Assert.ThrowsAsync<ArtifactValidationException>(() => store.CreateRun("m")
            .AddInput(temp.Combine("missing1"))
            .AddOutput(new byte[1], "../x")
            .CommitAsync());

        Assert.That(ex!.Problems, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task CommitAsync_RootUnderARegularFile_CommitErrorNamingTheRoot()
    {
        var file = temp.File("plain.txt", "x");
        var store = Some.Store(Path.Combine(file, "root"));

        var ex = await Assert.ThrowsAsync<ArtifactCommitException>(() => store.CreateRun("m").WithPrompt("p").CommitAsync());

        Assert.That(ex!.Message, Does.Contain("is not writable"));
        Assert.That(ex.Stage, Is.EqualTo(CommitStage.StageFiles));
    }

    [Test]
    public async Task CommitAsync_RootOnReadOnlyFileSystem_CommitError()
    {
        // /proc refuses new entries even to root: a real unwritable root.
        var store = Some.Store("/proc/runartifacts-test-root");

        var ex = await Assert.ThrowsAsync<ArtifactCommitException>(() => store.CreateRun("m").WithPrompt("p").CommitAsync());

        Assert.That(ex!.Message, Does.Contain("is not writable"));
    }

    [Test]
    public async Task CommitAsync_Twice_Throws()
    {
        var store = Some.Store(root);
        var builder = store.CreateRun("m").WithPrompt("p");
        await builder.CommitAsync();

        Assert.Throws<InvalidOperationException>(() => builder.CommitAsync());
    }

    [Test]
    public void Builder_BadArguments_ThrowOnEntry()
    {
        var store = Some.Store(root);

        Assert.Throws<ArgumentException>(() => store.CreateRun(" "));
        Assert.Throws<ArgumentException>(() => store.CreateRun("m").WithRequest("{not json"));
        Assert.Throws<ArgumentException>(() => store.CreateRun("m").AddLog("../x", "t"));
        Assert.Throws<ArgumentException>(() => store.CreateRun("m").AddWarning("Not Snake", "x"));
        Assert.Throws<ArgumentException>(() => store.CreateRun("m").AddLog("dup", "a").AddLog("dup", "b"));
    }

    [Test]
    public void Options_Invalid_RejectedWhenTheStoreOpens()
    {
        Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => new RunArtifacts.Storage.RunArtifactStore(new RunArtifactsOptions()));
        Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => new RunArtifacts.Storage.RunArtifactStore(new RunArtifactsOptions { Root = root, DerivativeSettings = { PosterTime = "soon" } }));
        Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => new RunArtifacts.Storage.RunArtifactStore(new RunArtifactsOptions { Root = root, Capture = { MaxBytes = 10, HeadBytes = 8, TailBytes = 8 } }));
    }

    [Test]
    public async Task CommitAsync_IndexIsALinkToAFileOutsideTheRoot_RefusedBeforeAnythingIsPublished()
    {
        var outside = temp.File("outside.jsonl", "{\"kept\":true}\n"u8.ToArray());
        Directory.CreateDirectory(root);
        File.CreateSymbolicLink(Path.Combine(root, "index.jsonl"), outside);
        var store = Some.Store(root);

        var ex = await Assert.ThrowsAsync<ArtifactCommitException>(() => store.CreateRun("m").WithPrompt("p").CommitAsync());

        Assert.That((ex!.Stage, ex.Published), Is.EqualTo((CommitStage.StageFiles, false)));
        Assert.That(ex.Message, Does.Contain("index.jsonl").And.Contain("symbolic link"));
        Assert.That(File.ReadAllText(outside), Is.EqualTo("{\"kept\":true}\n"), "nothing appended outside the root");
        Assert.That(BundleAssert.RunFolders(root), Is.Empty);
    }

    [Test]
    public async Task CommitAsync_DateFolderIsALinkToAFolderOutsideTheRoot_NothingPublishedThroughIt()
    {
        var outside = temp.Combine("outside");
        Directory.CreateDirectory(outside);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 26, 21, 0, 0, TimeSpan.Zero));
        Directory.CreateDirectory(root);
        Directory.CreateSymbolicLink(Path.Combine(root, "2026-03-26"), outside);
        var store = Some.Store(root, time: clock);

        var ex = await Assert.ThrowsAsync<ArtifactCommitException>(() => store.CreateRun("m").WithPrompt("p").AddOutput(new byte[] { 1, 2, 3 }, "a.bin").CommitAsync());

        Assert.That(ex!.Published, Is.False);
        Assert.That(ex.Message, Does.Contain("2026-03-26").And.Contain("symbolic link"));
        Assert.That(Directory.GetFileSystemEntries(outside), Is.Empty, "nothing written outside the root");
        Assert.That(File.Exists(Path.Combine(root, "index.jsonl")), Is.False);
        var staging = Path.Combine(root, ".staging");
        Assert.That(!Directory.Exists(staging) || Directory.GetFileSystemEntries(staging).Length == 0, Is.True, "no staging left");
    }

    [Test]
    public async Task CommitAndRead_IndexIsAFifo_TypedErrorsInsteadOfBlocking()
    {
        // Opening a FIFO blocks until a writer comes: an index replaced by one must hang neither a commit nor a reader.
        Assume.That(OperatingSystem.IsLinux(), "mkfifo");
        Directory.CreateDirectory(root);
        await ChildProcess.RunCheckedAsync("mkfifo", [Path.Combine(root, "index.jsonl")]);
        var store = Some.Store(root);

        var commit = await Assert.ThrowsAsync<ArtifactCommitException>(() => store.CreateRun("m").WithPrompt("p").CommitAsync().WaitAsync(TimeSpan.FromMinutes(2)));
        var read = await Assert.ThrowsAsync<ArtifactFormatException>(() => store.ReadIndexAsync().WaitAsync(TimeSpan.FromMinutes(2)));

        Assert.That((commit!.Stage, commit.Published), Is.EqualTo((CommitStage.StageFiles, false)));
        Assert.That(commit.Message, Does.Contain("not a regular file"));
        Assert.That(read!.FilePath, Does.EndWith("index.jsonl"));
        Assert.That(BundleAssert.RunFolders(root), Is.Empty);
    }

    [Test]
    public async Task CommitAsync_DeviceAsOutputAndFifoAsInput_ValidationErrorNothingReadOrPublished()
    {
        // /dev/zero never ends and .NET reports it as a file of 0 bytes (it was kept as an empty original); opening a
        // FIFO blocks until a writer comes (the commit hung).
        Assume.That(OperatingSystem.IsLinux(), "mkfifo, /dev/zero");
        var fifo = temp.Combine("pipe.png");
        await ChildProcess.RunCheckedAsync("mkfifo", [fifo]);
        var store = Some.Store(root);

        var ex = await Assert.ThrowsAsync<ArtifactValidationException>(() => store.CreateRun("m").AddInput(fifo).AddOutput("/dev/zero").CommitAsync().WaitAsync(TimeSpan.FromMinutes(2)));

        Assert.That(ex!.Problems, Has.Some.Contains("Input 1").And.Some.Contains("is a FIFO"));
        Assert.That(ex.Problems, Has.Some.Contains("Output 1 '/dev/zero' is a device or a socket"));
        Assert.That(BundleAssert.RunFolders(root), Is.Empty);
    }

    [Test]
    public void Apply_SpecLogFromADevice_ProblemInsteadOfReadingForEver()
    {
        Assume.That(OperatingSystem.IsLinux(), "/dev/zero");
        var spec = RunArtifacts.Specs.RunSpec.Parse("""{"model_key": "m", "logs": {"worker": {"path": "/dev/zero"}}}""");

        var ex = Assert.Throws<ArtifactValidationException>(() => Some.Store(root).CreateRun("m").Apply(spec));

        Assert.That(ex!.Problems.Single(), Does.StartWith("logs.worker.path").And.Contain("is a device or a socket"));
    }

    private void AssertNothingWritten()
    {
        Assert.That(BundleAssert.RunFolders(root), Is.Empty, "no run published");
        Assert.That(File.Exists(Path.Combine(root, "index.jsonl")), Is.False, "no index line");
        var staging = Path.Combine(root, ".staging");
        Assert.That(!Directory.Exists(staging) || Directory.GetFileSystemEntries(staging).Length == 0, Is.True, "no staging left");
        Assert.That(Directory.GetFileSystemEntries(temp.Path).Select(Path.GetFileName).Where(n => n != "root" && n != "adir"), Is.Empty, "nothing written outside the root");
    }
}
