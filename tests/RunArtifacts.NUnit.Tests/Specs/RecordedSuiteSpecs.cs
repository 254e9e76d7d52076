using System.Text.Json.Nodes;
using System.Xml.Linq;
using RunArtifacts.Storage;
using RunArtifacts.Verification;

namespace RunArtifacts.NUnit.Tests.Specs;

/// <summary>
/// Builds the real NUnit project Fixtures/RecordedSuite once, runs it as a child <c>dotnet test</c> (it fails on purpose) and
/// checks the bundles its tests left, the TRX it wrote and the attachments the TRX lists.
/// </summary>
[NonParallelizable]
public class RecordedSuiteSpecs
{
    private static readonly XNamespace Trx = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";

    private string temp = null!;
    private string root = null!;
    private string results = null!;
    private Dictionary<string, JsonObject> runsBySlug = null!;
    private List<XElement> trxResults = null!;
    private string childOutput = null!;

    private static string Project => Path.Combine(ChildDotnetTest.RepoRoot, "tests", "RunArtifacts.NUnit.Tests", "Fixtures", "RecordedSuite", "RecordedSuite.csproj");

    [OneTimeSetUp]
    public void BuildAndRunTheChildSuite()
    {
        temp = Path.Combine(Path.GetTempPath(), "ra-nunit-" + Guid.NewGuid().ToString("N")[..12]);
        root = Path.Combine(temp, "runs");
        results = Path.Combine(temp, "results");
        // Restored (and built) with this project, which references it for build order: a restore here, without the
        // runtime identifier test.sh restores the tool's graph with, would rewrite the core's restore files and make
        // this build compile the core again.
        var build = ChildDotnetTest.Run(["build", Project, "-c", "Release", "--no-restore", "-nodeReuse:false", "-v", "q"]);
        Assert.That(build.ExitCode, Is.Zero, "the child project builds:\n" + build.Output);

        var run = ChildDotnetTest.Run(
        [
            "test", Project, "-c", "Release", "--no-build", "--logger", "trx;LogFileName=child.trx", "--results-directory", results,
            "--", $"TestRunParameters.Parameter(name=\"RunArtifactsRoot\", value=\"{root}\")",
        ]);
        childOutput = run.Output;
        Assert.That(run.ExitCode, Is.Not.Zero, "the child suite fails on purpose:\n" + run.Output);

        runsBySlug = [];
        foreach (var runJson in Directory.EnumerateFiles(root, "run.json", SearchOption.AllDirectories))
        {
            var record = JsonNode.Parse(File.ReadAllText(runJson))!.AsObject();
            runsBySlug.Add(((string)record["model_key"]!).ToLowerInvariant() + "/" + (string)record["slug"]!, record);
        }

        var trx = XDocument.Load(Path.Combine(results, "child.trx"));
        trxResults = trx.Descendants(Trx + "UnitTestResult").ToList();
    }

    [OneTimeTearDown]
    public void RemoveTemp()
    {
        if (Directory.Exists(temp))
        {
            Directory.Delete(temp, recursive: true);
        }
    }

    [Test]
    public async Task EveryRecordedTest_LeavesOneWholeBundle_AndVerifyPasses()
    {
        var store = new RunArtifactStore(new RunArtifactsOptions { Root = root });
        var report = await new RunVerifier(store).VerifyAsync();

        Assert.That(report.Problems, Is.Empty);
        Assert.That(report.RunsVerified, Is.EqualTo(21));
        Assert.That(runsBySlug, Has.Count.EqualTo(21));
        Assert.That(Directory.EnumerateDirectories(Path.Combine(root, ".staging")).Any(), Is.False, "no draft left in staging");
    }

    [Test]
    public void Outcomes_MapToStatusesAndKinds()
    {
        Assert.Multiple(() =>
        {
            AssertRun("fake_image_model/passes", "succeeded");
            AssertRun("fake_image_model/failsassertion", "failed", "assertion_failed", "the model drew the wrong shape");
            AssertRun("fake_image_model/throws", "failed", "test_error", "the model exploded");
            AssertRun("fake_image_model/timesout", "failed", "timeout", "CancelAfter");
            AssertRun("fake_image_model/ignoredinbody", "cancelled", "cancelled", "provider is down today");
            AssertRun("fake_image_model/inconclusive", "cancelled", "cancelled", "no reference image");
            AssertRun("fake_image_model/asyncacrossawait", "succeeded");
            Assert.That(runsBySlug.Keys, Has.None.StartsWith("fake_image_model/ignoredbyattribute"), "a test NUnit never starts has no run");
        });

        var throws = runsBySlug["fake_image_model/throws"];
        Assert.That((string?)throws["errors"]![0]!["stack_trace"], Does.Contain("Throws"), "the setup hook turned stack traces on");
        Assert.That((string?)runsBySlug["fake_image_model/asyncacrossawait"]["prompts"]!["raw"], Is.EqualTo("set on the thread pool"));
    }

    [Test]
    public void SourceTagsAndOptions_DescribeTheTest()
    {
        var passes = runsBySlug["fake_image_model/passes"];
        var source = passes["source_context"]!;

        Assert.That((string?)source["source_type"], Is.EqualTo("test"));
        Assert.That((string?)source["project_name"], Is.EqualTo("RecordedSuite"));
        Assert.That((string?)source["source_channel"], Is.EqualTo("RecordedSuite.Outcomes"));
        Assert.That((string?)source["source_agent"], Does.StartWith("nunit 5."));
        Assert.That(passes["tags"]!.AsArray().Select(t => (string?)t), Is.SupersetOf(new[] { "image", "owner:vision" }));
        Assert.That((double?)passes["options"]!["duration_seconds"], Is.GreaterThanOrEqualTo(0));
        Assert.That((string?)passes["task_mode"], Is.EqualTo("text_to_image"));
        Assert.That((string?)passes["outputs"]![0]!["relative_path"], Does.StartWith("original/"));
    }

    [Test]
    public void ParameterisedCases_GetDistinctReadableSlugs_AndArgumentsAsTheRequest()
    {
        var slugs = runsBySlug.Keys.Where(k => k.StartsWith("fake_image_model/parameterised", StringComparison.Ordinal)).ToList();

        Assert.That(slugs, Has.Count.EqualTo(6));
        Assert.That(slugs, Is.SupersetOf(new[] { "fake_image_model/parameterised_1", "fake_image_model/parameterised_2", "fake_image_model/parameterised_m3" }));
        Assert.That(slugs.Where(s => s.Length > "fake_image_model/parameterised_m3".Length), Has.All.Match("_[0-9a-f]{8}$"), "odd arguments end in a short hash");
        var one = runsBySlug["fake_image_model/parameterised_1"];
        var request = JsonNode.Parse(File.ReadAllText(Path.Combine(FolderOf(one), "request.json")))!;
        Assert.That((int?)request["arguments"]![0], Is.EqualTo(1));
    }

    [Test]
    public void EveryCase_HasItsOwnRunId_WithoutCollisionSuffixes()
    {
        var ids = runsBySlug.Values.Select(r => (string)r["run_id"]!).ToList();

        Assert.That(ids, Is.Unique);
        Assert.That(runsBySlug.Values.Where(r => !((string)r["run_id"]!).EndsWith("_" + (string)r["slug"]!, StringComparison.Ordinal)), Is.Empty,
            "every id ends in its test's own slug: no case fell back to a _2 suffix");
    }

    [Test]
    public void ParallelCases_EachRecordTheirOwnPrompt()
    {
        for (var n = 1; n <= 6; n++)
        {
            Assert.That((string?)runsBySlug[$"parallel/case_{n}"]["prompts"]!["raw"], Is.EqualTo($"parallel case {n}"));
        }

        Assert.That(Outcome("Case(1)"), Is.EqualTo("Passed"), "each parallel case saw its own builder across awaits");
    }

    [Test]
    public void FailuresOnly_KeepsOnlyFailingTests_AndTheMethodsAttributeWins()
    {
        Assert.That(runsBySlug.Keys.Where(k => k.StartsWith("keepfailures/", StringComparison.Ordinal)),
            Is.EquivalentTo(new[] { "keepfailures/failingkept", "keepfailures/nearestwins" }));
        Assert.That(Outcome("PassingDropped"), Is.EqualTo("Passed"));
    }

    [Test]
    public void Current_OutsideARecordedTest_ThrowsTheDocumentedException()
    {
        Assert.That(Outcome("CurrentOutsideARecordedTest_Throws"), Is.EqualTo("Passed"));
        Assert.That(runsBySlug.Keys, Has.None.StartsWith("notrecorded/"));
    }

    [Test]
    public void Trx_ListsTheAttachments_AndTheyExist()
    {
        var passes = trxResults.Single(r => (string?)r.Attribute("testName") == "Passes");
        var files = passes.Descendants(Trx + "ResultFile").Select(f => (string)f.Attribute("path")!).ToList();

        Assert.That(files.Select(Path.GetFileName), Is.SupersetOf(new[] { "run.json", "output_01.png" }));
        foreach (var result in trxResults)
        {
            foreach (var file in result.Descendants(Trx + "ResultFile").Select(f => (string)f.Attribute("path")!))
            {
                Assert.That(ResolveAttachment(result, file), Does.Exist, $"{result.Attribute("testName")} lists {file}");
            }
        }

        Assert.That((string?)passes.Descendants(Trx + "StdOut").SingleOrDefault(), Does.Contain("RunArtifacts: run ").And.Contain(root));
    }

    private void AssertRun(string key, string status, string? kind = null, string? message = null)
    {
        Assert.That(runsBySlug.ContainsKey(key), Is.True, $"a run {key} exists; runs: {string.Join(", ", runsBySlug.Keys.Order(StringComparer.Ordinal))}\n{childOutput}");
        if (!runsBySlug.TryGetValue(key, out var run))
        {
            return;
        }

        Assert.That((string?)run["status"], Is.EqualTo(status), key);
        if (kind is not null)
        {
            var error = run["errors"]!.AsArray().Single()!;
            Assert.That((string?)error["kind"], Is.EqualTo(kind), key);
            Assert.That((string?)error["message"], Does.Contain(message), key);
        }
    }

    private string FolderOf(JsonObject run) => Path.Combine(root, ((string)run["run_path"]!).Replace('/', Path.DirectorySeparatorChar));

    private string? Outcome(string testName) => (string?)trxResults.Single(r => (string?)r.Attribute("testName") == testName).Attribute("outcome");

    private string ResolveAttachment(XElement result, string path)
    {
        if (Path.IsPathRooted(path))
        {
            return path;
        }

        // The TRX logger copies attachments under <results>/<deployment>/In/<executionId>/.
        var executionId = (string?)result.Attribute("executionId") ?? string.Empty;
        return Directory.EnumerateFiles(results, Path.GetFileName(path), SearchOption.AllDirectories)
            .FirstOrDefault(f => f.Contains(executionId, StringComparison.Ordinal)) ?? Path.Combine(results, path);
    }
}
