using RunArtifacts.Builder;
using RunArtifacts.Records;
using RunArtifacts.Reviews;
using RunArtifacts.Specs;
using RunArtifacts.Verification;

namespace RunArtifacts.Tests.Reviews;

/// <summary>The seed's scenarios (an operations team's artifact model): external assets, review events and proof.</summary>
public class ReviewScenarioTests
{
    [Test]
    public async Task PublicLink_RegisteredAttachedAndApproved_BecomesAcceptedProof()
    {
        using var temp = new TempRoot();
        var store = Some.Store(temp.Combine("root"));
        var run = await store.CreateRun("event_ops").WithoutDerivatives()
            .AddExternalOutput(new ExternalAsset("https://lu.ma/dataops-meetup-42")
            {
                Type = "event-page",
                Title = "Meetup 42",
                Visibility = AssetVisibility.Public,
                Relationships = new Dictionary<string, string> { ["task"] = "task_17", ["bundle"] = "bundle_3" },
                CreatedBy = "ops@example.com",
            })
            .CommitAsync();

        var external = run.Run.ExternalOutputs!.Single();
        Assert.That(external.AssetId, Is.EqualTo("ext_output_01"));
        Assert.That(external.Provider, Is.EqualTo(StorageProvider.ExternalUrl));
        Assert.That(external.Relationships!["task"], Is.EqualTo("task_17"));
        Assert.That(await store.HasAcceptedProofAsync(run.RunId), Is.False, "a draft link is not proof");

        var approved = await store.ReviewAsync(run.RunId, ReviewTarget.Output("ext_output_01"), ReviewStatus.Approved, "lead@example.com", "checked the page");

        Assert.That(await store.HasAcceptedProofAsync(run.RunId), Is.True);
        Assert.That(await store.HasAcceptedProofAsync(run.RunId, ReviewTarget.Output("ext_output_01")), Is.True);
        Assert.That(await store.HasAcceptedProofAsync(run.RunId, ReviewTarget.ForRun), Is.False, "the run itself was not reviewed");
        var states = await store.GetReviewStatesAsync(run.RunId);
        Assert.That(states.Single(s => s.Target.Path == "ext_output_01").LastEvent!.EventId, Is.EqualTo(approved.EventId));
        Assert.That(Directory.EnumerateFiles(run.FullPath, "*", SearchOption.AllDirectories).Select(Path.GetFileName), Is.EquivalentTo(new[] { "run.json", "manifest.json", "notes.md" }), "an external output leaves no file");
    }

    [Test]
    public async Task GeneratorNeedsReviewOutput_IsVisibleButNotProof_UntilApproved()
    {
        using var temp = new TempRoot();
        var store = Some.Store(temp.Combine("root"));
        var run = await store.CreateRun("podcast_assistant").WithoutDerivatives()
            .WithReviewStatus(ReviewStatus.NeedsReview)
            .AddOutput(Some.Bytes(300), "prep.md")
            .AddExternalOutput(new ExternalAsset("https://docs.google.com/document/d/1prep/edit") { Type = "podcast-doc", SourceType = AssetSourceType.GeneratorOutput })
            .CommitAsync();

        var states = await store.GetReviewStatesAsync(run.RunId);
        Assert.That(states.Where(s => s.Target.Kind == ReviewTargetKind.Output).Select(s => s.Status), Is.All.EqualTo(ReviewStatus.NeedsReview));
        Assert.That(await store.HasAcceptedProofAsync(run.RunId), Is.False);

        var sha = run.Run.Outputs[0].Sha256!;
        await store.ReviewAsync(run.RunId, ReviewTarget.Content(sha), ReviewStatus.Approved, "host");

        Assert.That(await store.HasAcceptedProofAsync(run.RunId, ReviewTarget.Output("original/output_01.md")), Is.True, "a review by sha256 applies to the output with that hash");
        Assert.That(await store.GetReviewStatusAsync(run.RunId, ReviewTarget.Output("ext_output_01")), Is.EqualTo(ReviewStatus.NeedsReview));
        Assert.That(await store.HasAcceptedProofAsync(run.RunId), Is.True);
    }

    [Test]
    public async Task ReviewsFileIsALinkOutsideTheRoot_ReviewRefusedAndNothingWrittenThere()
    {
        using var temp = new TempRoot();
        var store = Some.Store(temp.Combine("root"));
        var run = await store.CreateRun("m").WithoutDerivatives().AddOutput(Some.Bytes(30), "a.md").CommitAsync();
        var outside = temp.File("outside.jsonl", "kept\n");
        File.CreateSymbolicLink(store.ReviewsPath, outside);

        var ex = await Assert.ThrowsAsync<IOException>(() => store.ReviewAsync(run.RunId, ReviewTarget.Output("original/output_01.md"), ReviewStatus.Approved, "a"));

        Assert.That(ex!.Message, Does.Contain("reviews.jsonl").And.Contain("symbolic link"));
        Assert.That(File.ReadAllText(outside), Is.EqualTo("kept\n"));
    }

    [TestCase(ReviewStatus.Draft)]
    [TestCase(ReviewStatus.NeedsReview)]
    [TestCase(ReviewStatus.Rejected)]
    [TestCase(ReviewStatus.Archived)]
    [TestCase(ReviewStatus.Superseded)]
    public async Task OnlyApproved_CountsAsProof(ReviewStatus status)
    {
        using var temp = new TempRoot();
        var store = Some.Store(temp.Combine("root"));
        var run = await store.CreateRun("m").WithoutDerivatives().AddExternalOutput("s3://bucket/report.pdf", "report").CommitAsync();
        await store.ReviewAsync(run.RunId, ReviewTarget.Output("ext_output_01"), ReviewStatus.Approved, "a");

        var last = await store.ReviewAsync(run.RunId, ReviewTarget.Output("ext_output_01"), status, "b");

        Assert.That(await store.HasAcceptedProofAsync(run.RunId), Is.False);
        Assert.That(last.Supersedes, Is.Not.Null, "the second decision names the first");
        Assert.That(store.ReadReviews(run.RunId), Has.Count.EqualTo(2), "every decision is kept");
    }

    [Test]
    public async Task PrivateS3AndDropboxArtifacts_AreMetadataOnly_NoBytesNoSignedUrl()
    {
        using var temp = new TempRoot();
        var store = Some.Store(temp.Combine("root"), o => o.StoragePolicy.StripSignedUrlParameters = true);
        var run = await store.CreateRun("podcast").WithoutDerivatives()
            .AddExternalOutput(new ExternalAsset("https://podcasts.s3.amazonaws.com/ep12/recording.wav?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20260101&X-Amz-Signature=0f1e2d3c4b5a")
            {
                Type = "recording",
                Visibility = AssetVisibility.Private,
                Bytes = 48_000_000,
                Sha256 = new string('a', 64),
            })
            .AddExternalOutput(new ExternalAsset("https://www.dropbox.com/scl/fi/xyz/invoice-12.pdf") { Type = "invoice", Visibility = AssetVisibility.Sensitive })
            .CommitAsync();

        var json = await File.ReadAllTextAsync(Path.Combine(run.FullPath, "run.json"));
        Assert.That(json, Does.Not.Contain("X-Amz-Signature=").And.Not.Contain("AKIAIOSFODNN7EXAMPLE").And.Not.Contain("0f1e2d3c4b5a"));
        Assert.That(run.Run.ExternalOutputs!.Select(x => x.Provider), Is.EqualTo(new[] { StorageProvider.S3, StorageProvider.Dropbox }));
        Assert.That(run.Run.ExternalOutputs![0].Uri, Is.EqualTo("https://podcasts.s3.amazonaws.com/ep12/recording.wav"));
        Assert.That(run.Run.Warnings.Select(w => w.Code), Does.Contain("signed_url_stripped"));
        Assert.That(run.Run.ExternalOutputs![0].Bytes, Is.EqualTo(48_000_000));
        Assert.That(Directory.EnumerateFiles(run.FullPath, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length), Is.LessThan(20_000), "no payload was stored");
        var report = await new RunVerifier(store).VerifyAsync();
        Assert.That(report.Problems, Is.Empty, string.Join("\n", report.Problems));
    }

    [Test]
    public void SignedUrl_WithoutOptIn_IsRefusedBeforeAnythingIsWritten()
    {
        using var temp = new TempRoot();
        var store = Some.Store(temp.Combine("root"));
        var builder = store.CreateRun("m");

        var ex = Assert.Throws<ArtifactStoragePolicyException>(() => builder.AddExternalOutput("https://b.s3.amazonaws.com/k?X-Amz-Signature=abc"));

        Assert.That(ex!.Parameter, Is.EqualTo("X-Amz-Signature"));
        Assert.That(Directory.Exists(store.RootPath) && Directory.EnumerateFileSystemEntries(store.RootPath).Any(), Is.False);
    }

    [Test]
    public async Task FileOnlyRun_AndArtifactProofRun_StayDistinct()
    {
        using var temp = new TempRoot();
        var store = Some.Store(temp.Combine("root"));
        var fileOnly = await store.CreateRun("task_a").WithoutDerivatives().AddOutput(Some.Bytes(100), "receipt.pdf").CommitAsync();
        var artifact = await store.CreateRun("task_b").WithoutDerivatives().AddExternalOutput("https://github.com/org/repo/blob/main/report.md", "report").CommitAsync();

        Assert.That(fileOnly.Run.Outputs, Has.Count.EqualTo(1), "the file-gated task has its file");
        Assert.That(await store.HasAcceptedProofAsync(fileOnly.RunId), Is.False, "a file alone is no accepted artifact proof");
        Assert.That(await store.HasAcceptedProofAsync(artifact.RunId), Is.False, "the artifact-gated task is blocked until approval");

        await store.ReviewAsync(artifact.RunId, ReviewTarget.Output("ext_output_01"), ReviewStatus.Approved, "lead");

        Assert.That(await store.HasAcceptedProofAsync(artifact.RunId), Is.True);
        Assert.That(await store.HasAcceptedProofAsync(fileOnly.RunId), Is.False);
    }

    [Test]
    public async Task Review_UnknownRunOrTarget_IsRefused()
    {
        using var temp = new TempRoot();
        var store = Some.Store(temp.Combine("root"));
        var run = await store.CreateRun("m").WithoutDerivatives().AddOutput(Some.Bytes(10), "a.bin").CommitAsync();

        await Assert.ThrowsAsync<ArtifactValidationException>(async () => await store.ReviewAsync("20260101_000000_nope", ReviewTarget.ForRun, ReviewStatus.Approved, "x"));
        await Assert.ThrowsAsync<ArtifactValidationException>(async () => await store.ReviewAsync(run.RunId, ReviewTarget.Output("original/missing.bin"), ReviewStatus.Approved, "x"));
        Assert.That(File.Exists(store.ReviewsPath), Is.False);
    }

    [Test]
    public async Task ConcurrentReviewers_FromSeveralStores_AppendEveryEventWithAnUnbrokenChain()
    {
        using var temp = new TempRoot();
        var root = temp.Combine("root");
        var first = Some.Store(root);
        var run = await first.CreateRun("m").WithoutDerivatives().AddExternalOutput("s3://b/k", "report").CommitAsync();
        const int Writers = 6, Each = 15;

        // One store per writer: separate lock handles, as separate processes would have.
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            var store = Some.Store(root);
            for (var i = 0; i < Each; i++)
            {
                var status = i % 2 == 0 ? ReviewStatus.NeedsReview : ReviewStatus.Approved;
                await store.ReviewAsync(run.RunId, ReviewTarget.Output("ext_output_01"), status, $"reviewer{w}", $"pass {i}");
            }
        })));

        var events = first.ReadReviews(run.RunId);
        Assert.That(events, Has.Count.EqualTo(Writers * Each));
        Assert.That(events.Select(e => e.EventId).Distinct().Count(), Is.EqualTo(Writers * Each));
        Assert.That(File.ReadAllLines(first.ReviewsPath), Has.Length.EqualTo(Writers * Each), "no torn or merged line");
        Assert.That(await new RunVerifier(first).VerifyReviewsAsync(), Is.Empty);
        Assert.That(events.Skip(1).All(e => e.Supersedes is not null), Is.True, "each later decision supersedes the one before");
    }

    [Test]
    public async Task EditedReviewsLine_IsCaughtByVerify()
    {
        using var temp = new TempRoot();
        var store = Some.Store(temp.Combine("root"));
        var run = await store.CreateRun("m").WithoutDerivatives().AddExternalOutput("s3://b/k", "report").CommitAsync();
        await store.ReviewAsync(run.RunId, ReviewTarget.Output("ext_output_01"), ReviewStatus.Rejected, "a");
        await store.ReviewAsync(run.RunId, ReviewTarget.Output("ext_output_01"), ReviewStatus.NeedsReview, "b");
        await store.ReviewAsync(run.RunId, ReviewTarget.ForRun, ReviewStatus.Draft, "c");
        Assert.That((await new RunVerifier(store).VerifyAsync()).Problems, Is.Empty);

        // Someone turns the rejection into an approval by hand.
        var lines = await File.ReadAllLinesAsync(store.ReviewsPath);
        lines[0] = lines[0].Replace("\"rejected\"", "\"approved\"", StringComparison.Ordinal);
        await File.WriteAllLinesAsync(store.ReviewsPath, lines);

        var report = await new RunVerifier(store).VerifyAsync();

        Assert.That(report.Passed, Is.False);
        var problem = report.Problems.Single(p => p.Check == VerificationChecks.Review);
        Assert.That(problem.File, Is.EqualTo("reviews.jsonl"));
        Assert.That(problem.Message, Does.StartWith("line 2:").And.Contain("prev_sha256"));
    }

    [Test]
    public async Task ReviewLookup_ThroughTheCatalog_CatchesUpWithNewLinesAndWithARewrittenFile()
    {
        using var temp = new TempRoot();
        var store = Some.Store(temp.Combine("root"));
        var run = await store.CreateRun("m").WithoutDerivatives().AddExternalOutput("s3://b/k", "report").CommitAsync();
        await store.ReviewAsync(run.RunId, ReviewTarget.Output("ext_output_01"), ReviewStatus.Approved, "a");
        Assert.That(await store.HasAcceptedProofAsync(run.RunId), Is.True);

        await store.ReviewAsync(run.RunId, ReviewTarget.Output("ext_output_01"), ReviewStatus.Archived, "a");
        Assert.That(await store.HasAcceptedProofAsync(run.RunId), Is.False, "the catalog caught up with the appended line");

        File.WriteAllText(store.ReviewsPath, string.Empty);
        Assert.That(await store.GetReviewStatusAsync(run.RunId, ReviewTarget.Output("ext_output_01")), Is.EqualTo(ReviewStatus.Draft), "a shrunk file is indexed again");
    }

    [Test]
    public async Task ExternalAssets_FromARunSpec_AreRecorded()
    {
        using var temp = new TempRoot();
        var store = Some.Store(temp.Combine("root"));
        var spec = RunSpec.Parse("""
            {"model_key": "m", "review_status": "needs-review",
             "external_inputs": [{"uri": "gs://b/brief.pdf", "type": "brief"}],
             "external_outputs": [{"uri": "https://youtu.be/abc", "type": "recording", "visibility": "public", "source_type": "generator-output", "relationships": {"job": "j1"}}]}
            """);

        var run = await store.CreateRun("m").Apply(spec).WithoutDerivatives().CommitAsync();

        Assert.That(run.Run.ExternalInputs!.Single().Provider, Is.EqualTo(StorageProvider.Gcs));
        var output = run.Run.ExternalOutputs!.Single();
        Assert.That((output.Visibility, output.SourceType, output.ReviewStatus), Is.EqualTo((AssetVisibility.Public, AssetSourceType.GeneratorOutput, (ReviewStatus?)ReviewStatus.NeedsReview)));
        Assert.That(run.Run.Warnings.Select(w => w.Code), Does.Not.Contain("no_outputs"));

        var bad = RunSpec.Parse("""{"model_key": "m", "external_outputs": [{"uri": "https://x.blob.core.windows.net/c/b?sig=zz"}]}""");
        var ex = Assert.Throws<ArtifactValidationException>(() => store.CreateRun("m").Apply(bad));
        Assert.That(ex!.Problems.Single(), Does.StartWith("external_outputs[0]").And.Contain("'sig'"));
    }
}
