using System.Security.Cryptography;
using System.Text;
using RunArtifacts.Records;
using RunArtifacts.Reviews;
using RunArtifacts.Serialization;

namespace RunArtifacts.Tests.Reviews;

/// <summary>A large reviews catch-up folds its WAL into the catalog, so that later lookups do not replay it on every connection.</summary>
public class ReviewCatalogWalTests
{
    [Test]
    public async Task LargeCatchUp_CheckpointsTheWal_AndTheStatusStillFolds()
    {
        using var temp = new TempRoot();
        var store = Some.Store(temp.Combine("root"));
        var run = await store.CreateRun("m").WithoutDerivatives().WithPrompt("p").AddExternalOutput("https://example.org/page", "event-page", "page", AssetVisibility.Public).CommitAsync();
        Assert.That(await store.GetReviewStatusAsync(run.RunId, ReviewTarget.Output("ext_output_01")), Is.EqualTo(ReviewStatus.Draft));

        var prev = new string('0', 64);
        var time = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        await using (var writer = new FileStream(store.ReviewsPath, FileMode.Append, FileAccess.Write))
        {
            for (var k = 0; k < 1500; k++)
            {
                var line = Encoding.UTF8.GetBytes(RecordJson.ToJsonLine(new ReviewEvent
                {
                    EventId = "rev_" + Guid.CreateVersion7(time.AddSeconds(k)).ToString("N"),
                    RunId = run.RunId,
                    Target = ReviewTarget.Output("ext_output_01"),
                    Status = k % 2 == 0 ? ReviewStatus.NeedsReview : ReviewStatus.Rejected,
                    Reviewer = "t",
                    Time = time.AddSeconds(k),
                    PrevSha256 = prev,
                }));
                prev = Convert.ToHexStringLower(SHA256.HashData(line));
                writer.Write(line);
                writer.WriteByte((byte)'\n');
            }
        }

        var status = await store.GetReviewStatusAsync(run.RunId, ReviewTarget.Output("ext_output_01"));

        Assert.That(status, Is.EqualTo(ReviewStatus.Rejected), "the last of the 1,500 events wins");
        var wal = store.CatalogPath + "-wal";
        Assert.That(File.Exists(wal) ? new FileInfo(wal).Length : 0, Is.Zero, "the catch-up of 1,500 events checkpointed (TRUNCATE) the WAL");
    }
}
