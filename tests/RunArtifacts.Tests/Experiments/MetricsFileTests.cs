using System.Text;
using System.Text.Json;
using RunArtifacts.Experiments;
using RunArtifacts.Experiments.Internal;
using RunArtifacts.IO.Internal;
using RunArtifacts.Records;
using RunArtifacts.Serialization;
using RunArtifacts.Verification;

namespace RunArtifacts.Tests.Experiments;

/// <summary><c>metrics.json</c> is written by hand through a Utf8JsonWriter: the same bytes as the record serialiser, and every text through the redactor.</summary>
public class MetricsFileTests
{
    [Test]
    public void MetricsJson_IsByteForByteTheSerialisedRecord()
    {
        var time = new DateTimeOffset(2026, 3, 26, 21, 45, 12, 123, TimeSpan.FromHours(2)).AddTicks(4567);
        var scalars = new Dictionary<string, double>(StringComparer.Ordinal) { ["val/accuracy"] = 0.93, ["Épreuve loss"] = -1.5e-300, ["a"] = 1e21, ["B"] = 0 };
        var series = new Dictionary<string, List<MetricPoint>>(StringComparer.Ordinal)
        {
            ["train/loss"] = [new(2.0, 0), new(1.0 / 3, 1, time), new(double.MaxValue), new(double.Epsilon, long.MaxValue, time.ToUniversalTime())],
            ["lr"] = [new(0.001, -1)],
            ["empty"] = [],
        };
        var record = new MetricsRecord
        {
            Scalars = new SortedDictionary<string, double>(scalars, StringComparer.Ordinal),
            Series = series.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<MetricPointRecord>)kv.Value.Select(p => new MetricPointRecord { Value = p.Value, Step = p.Step, Time = p.Time }).ToList(), StringComparer.Ordinal),
        };

        var expected = JsonSerializer.SerializeToUtf8Bytes(record, RunArtifactsJsonContext.Default.MetricsRecord);
        using var json = MetricsJson.Write(scalars, series);
        var written = json.WrittenSpan.ToArray();

        Assert.That(Encoding.UTF8.GetString(written), Is.EqualTo(Encoding.UTF8.GetString(expected)));
        Assert.That(written, Is.EqualTo(expected));
    }

    [Test]
    public void MetricsJson_ManyPointsOfEveryShape_IsByteForByteTheSerialisedRecord()
    {
        // Values across magnitudes and signs (exponents, integers, shortest round trips), steps and times present or not.
        var random = new Random(14);
        var start = new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.FromHours(-5));
        var series = new Dictionary<string, List<MetricPoint>>(StringComparer.Ordinal);
        foreach (var name in new[] { "train/loss", "val/accuracy", "grad_norm" })
        {
            series[name] = [.. Enumerable.Range(0, 3_000).Select(i => new MetricPoint(
                (random.NextDouble() - 0.3) * Math.Pow(10, random.Next(-30, 30)) * (i % 7 == 0 ? 0 : 1) + (i % 11 == 0 ? i : 0),
                i % 5 == 0 ? null : (i * 37L) - 100,
                i % 3 == 0 ? start.AddTicks(i * 123_456_789L).ToUniversalTime() : null))];
        }

        var record = new MetricsRecord
        {
            Scalars = new SortedDictionary<string, double>(StringComparer.Ordinal) { ["best"] = 0.5 },
            Series = series.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<MetricPointRecord>)kv.Value.Select(p => new MetricPointRecord { Value = p.Value, Step = p.Step, Time = p.Time }).ToList(), StringComparer.Ordinal),
        };

        var expected = JsonSerializer.SerializeToUtf8Bytes(record, RunArtifactsJsonContext.Default.MetricsRecord);
        using var json = MetricsJson.Write(new Dictionary<string, double>(StringComparer.Ordinal) { ["best"] = 0.5 }, series);

        Assert.That(Encoding.UTF8.GetString(json.WrittenSpan), Is.EqualTo(Encoding.UTF8.GetString(expected)));
        Assert.That(json.WrittenSpan.ToArray(), Is.EqualTo(expected));
    }

    [Test]
    public void PooledBufferWriter_GrowsKeepingWhatWasWritten()
    {
        using var writer = new PooledBufferWriter(1);
        var expected = new List<byte>();
        for (var i = 0; i < 5_000; i++)
        {
            var span = writer.GetSpan(i % 7);
            var n = Math.Max(i % 7, 1);
            for (var k = 0; k < n; k++)
            {
                span[k] = (byte)(i + k);
                expected.Add((byte)(i + k));
            }

            writer.Advance(n);
        }

        Assert.That(writer.WrittenSpan.ToArray(), Is.EqualTo(expected));
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.Advance(writer.GetSpan().Length + 1));
    }

    [Test]
    public async Task CommitAsync_TenThousandPointSeries_ReadsBackAsGivenAndVerifies()
    {
        using var temp = new TempRoot();
        var store = Some.Store(temp.Combine("root"));
        var start = new DateTimeOffset(2026, 3, 26, 21, 0, 0, TimeSpan.FromHours(-5));
        var points = Enumerable.Range(0, 10_000).Select(i => new MetricPoint(1.0 / (i + 1), i, i % 100 == 0 ? start.AddSeconds(i) : null)).ToArray();

        var run = await store.CreateRun("bench").WithPrompt("p").AddMetricPoints("train/loss", points).AddMetric("acc", 0.5).CommitAsync();

        var read = JsonSerializer.Deserialize(File.ReadAllBytes(Path.Combine(run.FullPath, "metrics.json")), RunArtifactsJsonContext.Default.MetricsRecord)!;
        Assert.Multiple(() =>
        {
            Assert.That(read.Series["train/loss"].Select(p => (p.Value, p.Step, p.Time)), Is.EqualTo(points.Select(p => (p.Value, p.Step, p.Time?.ToUniversalTime()))));
            Assert.That(read.Series["train/loss"][100].Time!.Value.Offset, Is.EqualTo(TimeSpan.Zero));
            Assert.That(read.Scalars["acc"], Is.EqualTo(0.5));
            Assert.That(run.Run.Metrics!.Values["train/loss"], Is.EqualTo(new MetricSummaryRecord { Last = 1.0 / 10_000, Min = 1.0 / 10_000, Max = 1, Count = 10_000, LastStep = 9_999 }));
        });
        var report = await new RunVerifier(store).VerifyAsync();
        Assert.That(report.Problems.Select(p => p.ToString()), Is.Empty);
    }

    [Test]
    public async Task CommitAsync_SecretAsAMetricName_IsRedactedInMetricsAndSummary()
    {
        using var temp = new TempRoot();
        var store = Some.Store(temp.Combine("root"));
        const string Secret = "sk-live-0123456789abcdefghijklmnop";

        var run = await store.CreateRun("bench").WithPrompt("p").AddMetric(Secret, 1).AddMetricPoint("loss " + Secret, 2, 0).AddMetric("acc", 0.5).CommitAsync();

        var text = File.ReadAllText(Path.Combine(run.FullPath, "metrics.json"));
        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Not.Contain("sk-live"));
            Assert.That(File.ReadAllText(Path.Combine(run.FullPath, "run.json")), Does.Not.Contain("sk-live"));
            Assert.That(text, Does.Contain("\"acc\": 0.5"));
            Assert.That(run.Run.Metrics!.Values, Has.Count.EqualTo(3));
            Assert.That(run.Run.Redaction.Entries.Select(e => e.File), Does.Contain("metrics.json"));
        });
        var report = await new RunVerifier(store).VerifyAsync();
        Assert.That(report.Problems.Select(p => p.ToString()), Is.Empty);
    }
}
