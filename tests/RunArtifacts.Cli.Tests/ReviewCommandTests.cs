using System.Text.Json.Nodes;
using RunArtifacts.Records;
using RunArtifacts.Reviews;

namespace RunArtifacts.Cli.Tests;

/// <summary>Issue 13 in the tool: commit --external-output, review, ls --review, show, gallery badges, verify of reviews.jsonl.</summary>
public class ReviewCommandTests
{
    [Test]
    public async Task CommitExternal_ReviewApprove_ShowsAndListsAsProof()
    {
        using var temp = new TempRoot();
        var root = temp.Combine("root");
        var commit = await CliHarness.RunAsync("commit", "--root", root, "--model-key", "ops", "--external-output", "https://lu.ma/meetup-42", "--external-type", "event-page", "--visibility", "public", "--json");
        Assert.That(commit.ExitCode, Is.Zero, commit.ToString());
        var runId = JsonNode.Parse(commit.Lines[^1])!["run_id"]!.GetValue<string>();

        var before = await CliHarness.RunAsync("ls", "--root", root, "--review", "approved");
        Assert.That(before.Out, Does.Contain("no runs"));
        var draft = await CliHarness.RunAsync("ls", "--root", root, "--review", "draft", "--json");
        Assert.That(draft.Lines, Has.Length.EqualTo(1));

        var review = await CliHarness.RunAsync("review", runId, "--root", root, "--output", "ext_output_01", "--status", "approved", "--by", "lead", "--note", "page is live", "--json");
        Assert.That(review.ExitCode, Is.Zero, review.ToString());
        var e = JsonNode.Parse(review.Lines[^1])!;
        Assert.That((string?)e["status"], Is.EqualTo("approved"));
        Assert.That((bool?)e["run_has_accepted_proof"], Is.True);

        var listed = await CliHarness.RunAsync("ls", "--root", root, "--review", "approved", "--json");
        Assert.That(listed.Lines.Single(), Does.Contain(runId));
        var show = await CliHarness.RunAsync("show", runId, "--root", root);
        Assert.That(show.Out, Does.Contain("external outputs (1)").And.Contain("ext_output_01  https://lu.ma/meetup-42  event-page  external-url  public").And.Contain("review approved"));
        Assert.That(show.Out, Does.Contain("accepted proof: yes"));
    }

    [Test]
    public async Task CommitExternal_SignedUrl_IsRefusedNamingTheParameter()
    {
        using var temp = new TempRoot();
        var root = temp.Combine("root");

        var commit = await CliHarness.RunAsync("commit", "--root", root, "--model-key", "ops", "--external-output", "https://b.s3.amazonaws.com/k.wav?X-Amz-Credential=AKIAEXAMPLE&X-Amz-Signature=feed");

        Assert.That(commit.ExitCode, Is.EqualTo(ExitCodes.BadInput), commit.ToString());
        Assert.That(commit.Error, Does.Contain("X-Amz-Credential").And.Not.Contain("feed"));
        Assert.That(Directory.Exists(root) && Directory.EnumerateDirectories(root).Any(d => !Path.GetFileName(d).StartsWith('.')), Is.False, "nothing was published");
    }

    [Test]
    public async Task Review_UnknownOutput_ExitsWithBadInputAndWritesNothing()
    {
        using var temp = new TempRoot();
        var root = temp.Combine("root");
        var run = await Some.Store(root).CreateRun("m").WithoutDerivatives().AddOutput(temp.File("a.png", Some.Png())).CommitAsync();

        var result = await CliHarness.RunAsync("review", run.RunId, "--root", root, "--output", "original/nope.png", "--status", "approved", "--by", "x");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadInput), result.ToString());
        Assert.That(File.Exists(Path.Combine(root, "reviews.jsonl")), Is.False);
    }

    [Test]
    public async Task ConcurrentReviewers_FromSeveralProcesses_AppendEveryEventUntorn()
    {
        using var temp = new TempRoot();
        var root = temp.Combine("root");
        var store = Some.Store(root);
        var run = await store.CreateRun("m").WithoutDerivatives().AddExternalOutput("s3://bucket/report.pdf", "report").CommitAsync();
        var tool = Path.Combine(TestContext.CurrentContext.TestDirectory, "artifacts.dll");
        const int Processes = 4, Each = 5;

        var results = await Task.WhenAll(Enumerable.Range(0, Processes).Select(async p =>
        {
            var codes = new List<ChildResult>();
            for (var i = 0; i < Each; i++)
            {
                codes.Add(await ChildProcess.RunAsync("dotnet", [tool, "review", run.RunId, "--root", root, "--output", "ext_output_01", "--status", i % 2 == 0 ? "needs-review" : "approved", "--by", $"proc{p}", "--note", $"pass {i}"], timeout: TimeSpan.FromMinutes(3)));
            }

            return codes;
        }));

        Assert.That(results.SelectMany(r => r).Select(r => r.ExitCode), Is.All.Zero, string.Join("\n", results.SelectMany(r => r).Select(r => r.ToString())));
        var lines = await File.ReadAllLinesAsync(store.ReviewsPath);
        Assert.That(lines, Has.Length.EqualTo(Processes * Each));
        Assert.That(store.ReadReviews(run.RunId).Select(e => e.EventId).Distinct().Count(), Is.EqualTo(Processes * Each), "every line parses, none torn");
        var verify = await CliHarness.RunAsync("verify", "--root", root);
        Assert.That(verify.ExitCode, Is.Zero, verify.ToString());
    }

    [Test]
    public async Task Verify_EditedReviewsLine_FailsNamingTheLine()
    {
        using var temp = new TempRoot();
        var root = temp.Combine("root");
        var store = Some.Store(root);
        var run = await store.CreateRun("m").WithoutDerivatives().AddExternalOutput("s3://bucket/report.pdf", "report").CommitAsync();
        await store.ReviewAsync(run.RunId, ReviewTarget.Output("ext_output_01"), ReviewStatus.Rejected, "a");
        await store.ReviewAsync(run.RunId, ReviewTarget.Output("ext_output_01"), ReviewStatus.Archived, "b");
        var text = await File.ReadAllTextAsync(store.ReviewsPath);
        await File.WriteAllTextAsync(store.ReviewsPath, text.Replace("\"reviewer\":\"a\"", "\"reviewer\":\"z\"", StringComparison.Ordinal));

        var verify = await CliHarness.RunAsync("verify", "--root", root);

        Assert.That(verify.ExitCode, Is.Not.Zero, verify.ToString());
        Assert.That(verify.Out + verify.Error, Does.Contain("reviews.jsonl").And.Contain("line 2"));
    }

    [Test]
    public async Task Gallery_ReviewBadgesAndFilterData()
    {
        using var temp = new TempRoot();
        var root = temp.Combine("root");
        var store = Some.Store(root);
        var approved = await store.CreateRun("m").WithoutDerivatives().AddOutput(temp.File("a.png", Some.Png())).AddExternalOutput("https://drive.google.com/file/d/1x/view", "transcript").CommitAsync();
        var pending = await store.CreateRun("m").WithoutDerivatives().WithReviewStatus(ReviewStatus.NeedsReview).AddOutput(temp.File("b.png", Some.Png(seed: 2))).CommitAsync();
        await store.ReviewAsync(approved.RunId, ReviewTarget.Output("ext_output_01"), ReviewStatus.Approved, "lead");

        var result = await CliHarness.RunAsync("gallery", "--root", root);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var html = await File.ReadAllTextAsync(Path.Combine(root, "gallery.html"));
        Assert.That(html, Does.Contain("<select id=\"review\""));
        var runs = GalleryCommandTests.Data(html)["runs"]!.AsArray();
        var details = GalleryCommandTests.Details(html);
        int At(string id) => runs.Select((r, i) => (r, i)).Single(x => (string?)x.r!["id"] == id).i;
        Assert.That((bool?)runs[At(approved.RunId)]!["pf"], Is.True);
        Assert.That(runs[At(pending.RunId)]!["pf"], Is.Null);
        Assert.That(runs[At(pending.RunId)]!["rv"]!.AsArray().Select(n => (string?)n), Does.Contain("needs-review"));
        var rvo = details[At(approved.RunId)]!["rvo"]!;
        Assert.That(((string?)rvo["ext_output_01"], (string?)rvo["original/output_01.png"]), Is.EqualTo(("approved", "draft")));
        Assert.That((string?)details[At(approved.RunId)]!["ext"]![0]!["prov"], Is.EqualTo("google-drive"));
    }
}
