using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using RunArtifacts.Capture;
using RunArtifacts.Capture.Internal;
using RunArtifacts.Redaction;
using RunArtifacts.Redaction.Internal;

namespace RunArtifacts.Benchmarks;

/// <summary>
/// Redaction throughput on a 10 MB JSON log and a 10 MB text log, each with a planted secret every ~50 lines/events
/// (bearer tokens, api keys, provider keys, signed URLs, passwords) among ordinary provider-trace content.
/// The <c>MB/s</c> column is the input size divided by the mean time.
/// </summary>
[Config(typeof(ThroughputConfig))]
[MemoryDiagnoser]
public class RedactionBenchmarks
{
    public const int TargetBytes = 10 * 1024 * 1024;

    private readonly SecretRedactor redactor = new(new RedactionOptions());
    private readonly TextCapturePolicy policy = new() { MaxBytes = int.MaxValue, HeadBytes = 1024, TailBytes = 1024 };
    private static readonly System.Text.Json.JsonSerializerOptions IndentedJson = new() { WriteIndented = true };
    private string textLog = string.Empty;
    private byte[] textLogBytes = [];
    private byte[] jsonLogBytes = [];
    private JsonNode? jsonLog;
    private System.Text.Json.JsonDocument? jsonDocument;

    [GlobalSetup]
    public void Setup()
    {
        textLog = RedactionData.TextLog(TargetBytes);
        textLogBytes = Encoding.UTF8.GetBytes(textLog);
        jsonLogBytes = Encoding.UTF8.GetBytes(RedactionData.JsonLog(TargetBytes));
        jsonLog = JsonNode.Parse(jsonLogBytes);
        jsonDocument = System.Text.Json.JsonDocument.Parse(jsonLogBytes);
    }

    [GlobalCleanup]
    public void Cleanup() => jsonDocument?.Dispose();

    /// <summary>Plain text: one scan of the combined expression, secrets replaced, each counted at its line.</summary>
    [Benchmark(Description = "text log 10 MB: RedactText")]
    public string TextLog() => redactor.RedactText(textLog, "logs/worker.txt", new RedactionLedger());

    /// <summary>What a commit does with a text log: hash, decode, redact, write UTF-8 into a pooled buffer (no truncation).</summary>
    [Benchmark(Description = "text log 10 MB: TextCapture (decode + redact + write)")]
    public int TextLogCapture()
    {
        using var captured = TextCapture.Capture("worker", "logs/worker", textLogBytes, policy, redactor, new RedactionLedger(), preferJson: false);
        return captured.Content.Length;
    }

    /// <summary>A node tree (values given to the builder): written out, read back and walked by the one JSON walker.</summary>
    [Benchmark(Description = "JSON log 10 MB: RedactJson (parsed tree)")]
    public JsonNode? JsonTree() => redactor.RedactJson(jsonLog, "logs/events.json", new RedactionLedger());

    /// <summary>The one JSON walker alone: an already parsed document walked and written (compact) with secrets replaced.</summary>
    [Benchmark(Description = "JSON log 10 MB: WriteRedactedJson (parsed document)")]
    public long JsonWalk()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(jsonLogBytes.Length);
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            redactor.WriteRedactedJson(jsonDocument!.RootElement, writer, "logs/events.json", new RedactionLedger());
        }

        return buffer.WrittenCount;
    }

    /// <summary>Baseline for the row above: the same document written (compact) as it is, no redaction.</summary>
    [Benchmark(Description = "JSON log 10 MB: baseline document write, no redaction")]
    public long JsonWalkBaseline()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(jsonLogBytes.Length);
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            jsonDocument!.RootElement.WriteTo(writer);
        }

        return buffer.WrittenCount;
    }

    /// <summary>What a commit does with a JSON log: parse, redact, write indented (no truncation).</summary>
    [Benchmark(Description = "JSON log 10 MB: TextCapture (parse + redact + write)")]
    public int JsonCapture()
    {
        using var captured = TextCapture.Capture("events", "logs/events", jsonLogBytes, policy, redactor, new RedactionLedger(), preferJson: true);
        return captured.Content.Length;
    }

    /// <summary>Baseline for the row above: parse and write indented, no redaction (the cost redaction cannot go below with a tree).</summary>
    [Benchmark(Description = "JSON log 10 MB: baseline parse + write, no redaction")]
    public int JsonBaseline() => JsonNode.Parse(jsonLogBytes)!.ToJsonString(IndentedJson).Length;

    /// <summary>The scan <c>verify</c> uses: find without replacing.</summary>
    [Benchmark(Description = "text log 10 MB: FindSecrets")]
    public int TextFind() => redactor.FindSecrets(textLog).Count;

    private sealed class ThroughputConfig : ManualConfig
    {
        public ThroughputConfig() => AddColumn(new MegabytesPerSecondColumn());
    }

    /// <summary>Input megabytes (10 MiB) per second of mean time.</summary>
    private sealed class MegabytesPerSecondColumn : IColumn
    {
        public string Id => "MBps";

        public string ColumnName => "MB/s";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => "Input size (10 MiB) divided by the mean time";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var report = summary[benchmarkCase];
            var meanNs = report?.ResultStatistics?.Mean;
            return meanNs is > 0 ? (TargetBytes / 1048576.0 / (meanNs.Value / 1e9)).ToString("0.0", CultureInfo.InvariantCulture) : "-";
        }

        public bool IsAvailable(Summary summary) => true;

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    }
}
