using System.Diagnostics;
using System.Globalization;
using System.Text;
using RunArtifacts.Redaction;
using RunArtifacts.Redaction.Internal;

namespace RunArtifacts.Benchmarks;

/// <summary>
/// <c>redact-once text|json|find|text-string|capture-text|capture-json [REPEAT] [WARMUP]</c>: redacts the 10 MiB benchmark log REPEAT times in one
/// process, after WARMUP untimed runs (default 30), and prints each time and the median MB/s. A quick check between
/// BenchmarkDotNet runs, and easy to profile. The warm-up matters on this machine: in some processes the first ten to
/// forty runs are two to three times slower before the times drop and stay down. It happened with the JIT's tiering off
/// too, and perf puts the difference in page faults: it is the fresh memory a run touches, not the code.
/// <c>text</c> and <c>json</c> redact as a commit does (UTF-8 out, into a pooled buffer); <c>text-string</c> is the string API;
/// <c>capture-*</c> time the whole capture of a log (hash of the original, decoding or parsing, redaction).
/// </summary>
public static class RedactOnce
{
    public static int Run(string[] args)
    {
        var kind = args.Length > 0 ? args[0] : "text";
        var repeat = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
        var warmup = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 30;
        var redactor = new SecretRedactor(new RedactionOptions());
        var text = RedactionData.TextLog(RedactionBenchmarks.TargetBytes);
        var json = Encoding.UTF8.GetBytes(RedactionData.JsonLog(RedactionBenchmarks.TargetBytes));
        using var document = System.Text.Json.JsonDocument.Parse(json);
        var textBytes = Encoding.UTF8.GetBytes(text);
        var policy = new RunArtifacts.Capture.TextCapturePolicy { MaxBytes = int.MaxValue };
        long Once()
        {
            switch (kind)
            {
                case "find":
                    return redactor.FindSecrets(text).Count;
                case "json":
                    // As a commit writes a captured JSON log: into a pooled buffer.
                    using (var buffer = new RunArtifacts.IO.Internal.PooledBufferWriter(json.Length + (json.Length / 4)))
                    {
                        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
                        {
                            redactor.WriteRedactedJson(document.RootElement, writer, "logs/events.json", new RedactionLedger());
                        }

                        return buffer.WrittenSpan.Length;
                    }

                case "text-string":
                    return redactor.RedactText(text, "logs/worker.txt", new RedactionLedger()).Length;
                case "capture-text":
                    using (var captured = RunArtifacts.Capture.Internal.TextCapture.Capture("worker", "logs/worker", textBytes, policy, redactor, new RedactionLedger(), preferJson: false))
                    {
                        return captured.Content.Length;
                    }

                case "capture-json":
                    using (var captured = RunArtifacts.Capture.Internal.TextCapture.Capture("events", "logs/events", json, policy, redactor, new RedactionLedger(), preferJson: true))
                    {
                        return captured.Content.Length;
                    }

                default:
                    // As a commit writes a captured text log: redacted straight to the UTF-8 it is written in, in a pooled buffer.
                    using (var buffer = new RunArtifacts.IO.Internal.PooledBufferWriter(textBytes.Length + (textBytes.Length / 4)))
                    {
                        redactor.RedactTextToUtf8(text, "logs/worker.txt", new RedactionLedger(), buffer);
                        return buffer.WrittenSpan.Length;
                    }
            }
        }

        for (var i = 0; i < Math.Max(1, warmup); i++)
        {
            Once();
        }

        var times = new List<double>();
        var cpu = new List<double>();
        var allocated = new List<double>();
        var process = Process.GetCurrentProcess();
        for (var i = 0; i < repeat; i++)
        {
            process.Refresh();
            var cpu0 = process.TotalProcessorTime;
            var bytes0 = GC.GetTotalAllocatedBytes(precise: true);
            var watch = Stopwatch.StartNew();
            Once();
            times.Add(watch.Elapsed.TotalMilliseconds);
            allocated.Add(GC.GetTotalAllocatedBytes(precise: true) - bytes0);
            process.Refresh();
            cpu.Add((process.TotalProcessorTime - cpu0).TotalMilliseconds);
        }

        static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
        const double Mib = RedactionBenchmarks.TargetBytes / 1048576.0;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{kind}: wall {string.Join(" ", times.Select(t => t.ToString("0", CultureInfo.InvariantCulture)))} ms; median {Median(times):0} ms = {Mib / (Median(times) / 1000):0.0} MB/s; CPU median {Median(cpu):0} ms = {Mib / (Median(cpu) / 1000):0.0} MB/CPU-s; allocated {Median(allocated) / 1048576:0.0} MB per run"));
        return 0;
    }
}
