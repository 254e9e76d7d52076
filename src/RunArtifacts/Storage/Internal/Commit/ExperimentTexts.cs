using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using RunArtifacts.Experiments;
using RunArtifacts.Experiments.Internal;
using RunArtifacts.IO.Internal;
using RunArtifacts.Records;
using RunArtifacts.Redaction.Internal;
using RunArtifacts.Serialization;

namespace RunArtifacts.Storage.Internal.Commit;

/// <summary>
/// The WriteTexts part of an experiment run: <c>config.yaml</c> and <c>config_resolved.yaml</c> (the tree redacted, then
/// written as YAML), <c>metrics.json</c>, the redacted and capped git diff, and <c>run_manifest.json</c>, every text
/// through the redactor and its ledger.
/// </summary>
internal static class ExperimentTexts
{
    public const string ConfigFile = "config.yaml";
    public const string ResolvedConfigFile = "config_resolved.yaml";
    public const string MetricsFile = "metrics.json";
    public const string RunManifestFile = "run_manifest.json";
    public const string DiffFile = "code/git.diff";

    public static void Write(CommitContext context, CommitWork work, SecretRedactor redactor, RedactionLedger ledger)
    {
        var e = work.Draft.Experiment;
        var result = work.Experiment;
        var dir = work.Directory;
        var flush = context.Options.FlushToDisk;
        string WriteText(string relative, string text)
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(dir, relative))!);
            FileCopier.WriteSmallFile(Path.Combine(dir, relative), bytes, flush);
            return Convert.ToHexStringLower(SHA256.HashData(bytes));
        }

        result.Project = e.Project is null ? null : redactor.RedactText(e.Project, "run.json#project", ledger);
        if (e.HasConfig || e.HasResolvedConfig)
        {
            JsonNode? config = null, resolved = null;
            string? configSha = null, resolvedSha = null;
            if (e.HasConfig)
            {
                config = redactor.RedactJson(e.Config, ConfigFile, ledger);
                configSha = WriteText(ConfigFile, YamlJson.Write(config));
            }

            if (e.HasResolvedConfig)
            {
                resolved = redactor.RedactJson(e.ResolvedConfig, ResolvedConfigFile, ledger);
                resolvedSha = WriteText(ResolvedConfigFile, YamlJson.Write(resolved));
            }

            result.Config = new ConfigRecord
            {
                Path = e.HasConfig ? ConfigFile : null,
                Sha256 = configSha,
                ResolvedPath = e.HasResolvedConfig ? ResolvedConfigFile : null,
                ResolvedSha256 = resolvedSha,
                KeyCount = ConfigTree.Flatten(e.HasResolvedConfig ? resolved : config).Count,
            };
        }

        if (e.Scalars.Count > 0 || e.Series.Count > 0)
        {
            // Values are finite numbers and cannot hold a secret; the names are texts, so each name (not each point) meets the redactor.
            var (scalars, series) = RedactNames(e.Scalars, e.Series, redactor, ledger);
            using (var json = MetricsJson.Write(scalars, series))
            {
                FileCopier.WriteSmallFile(Path.Combine(dir, MetricsFile), json.WrittenSpan, flush);
            }

            result.Metrics = new MetricsSummaryRecord { Values = Summarise(scalars, series) };
        }

        if (result.Captured is { } captured)
        {
            result.RunManifest = Manifest(context, work, captured, redactor, ledger, WriteText);
            FileCopier.WriteSmallFile(Path.Combine(dir, RunManifestFile), JsonSerializer.SerializeToUtf8Bytes(result.RunManifest, RunArtifactsJsonContext.Default.RunManifestRecord), flush);
        }
    }

    /// <summary>
    /// The metric names through the redactor (in the order they are written: scalars by name, then series as given); the
    /// same dictionaries when no name changed, which is every real run (names are letters, digits and <c>_-./:</c>).
    /// </summary>
    private static (IReadOnlyDictionary<string, double>, IReadOnlyDictionary<string, List<MetricPoint>>) RedactNames(
        Dictionary<string, double> scalars, Dictionary<string, List<MetricPoint>> series, SecretRedactor redactor, RedactionLedger ledger)
    {
        var scalarNames = scalars.Keys.Order(StringComparer.Ordinal).Select(n => (n, redactor.RedactText(n, MetricsFile, "scalars", ledger))).ToList();
        var seriesNames = series.Keys.Select(n => (n, redactor.RedactText(n, MetricsFile, "series", ledger))).ToList();
        if (scalarNames.All(p => p.n == p.Item2) && seriesNames.All(p => p.n == p.Item2))
        {
            return (scalars, series);
        }

        var redactedScalars = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (name, redacted) in scalarNames)
        {
            redactedScalars[redacted] = scalars[name];
        }

        var redactedSeries = new Dictionary<string, List<MetricPoint>>(StringComparer.Ordinal);
        foreach (var (name, redacted) in seriesNames)
        {
            if (!redactedSeries.TryGetValue(redacted, out var list))
            {
                redactedSeries[redacted] = list = [];
            }

            list.AddRange(series[name]);
        }

        return (redactedScalars, redactedSeries);
    }

    /// <summary>Last, min, max and count of every metric, in name order (a scalar is one value).</summary>
    public static SortedDictionary<string, MetricSummaryRecord> Summarise(IReadOnlyDictionary<string, double> scalars, IReadOnlyDictionary<string, List<MetricPoint>> series)
    {
        var values = new SortedDictionary<string, MetricSummaryRecord>(StringComparer.Ordinal);
        foreach (var (name, value) in scalars)
        {
            values[name] = new MetricSummaryRecord { Last = value, Min = value, Max = value, Count = 1 };
        }

        foreach (var (name, points) in series)
        {
            if (points.Count == 0)
            {
                continue;
            }

            double min = double.PositiveInfinity, max = double.NegativeInfinity;
            foreach (var p in points)
            {
                min = Math.Min(min, p.Value);
                max = Math.Max(max, p.Value);
            }

            values[name] = new MetricSummaryRecord { Last = points[^1].Value, Min = min, Max = max, Count = points.Count, LastStep = points[^1].Step };
        }

        return values;
    }

    private static SortedDictionary<string, string> Packages(IReadOnlyDictionary<string, string> app, IReadOnlyDictionary<string, string> caller, SecretRedactor redactor, RedactionLedger ledger)
    {
        var packages = new SortedDictionary<string, string>(app.ToDictionary(), StringComparer.Ordinal);
        foreach (var (name, version) in caller)
        {
            packages[redactor.RedactText(name, "run_manifest.json#package_versions", ledger)] = redactor.RedactText(version, "run_manifest.json#package_versions", ledger);
        }

        return packages;
    }

    private static RunManifestRecord Manifest(CommitContext context, CommitWork work, CapturedEnvironment captured, SecretRedactor redactor, RedactionLedger ledger, Func<string, string, string> writeText)
    {
        GitRecord? git = null;
        if (captured.Git is { } g)
        {
            string? diffPath = null;
            bool? truncated = null;
            var max = context.Options.Experiments.MaxDiffBytes;
            if (g.Diff is { Length: > 0 } diff && max > 0)
            {
                var redacted = redactor.RedactText(diff, DiffFile, ledger);
                if (Encoding.UTF8.GetByteCount(redacted) > max)
                {
                    var bytes = Encoding.UTF8.GetBytes(redacted);
                    var cut = max;
                    while (cut > 0 && (bytes[cut] & 0xC0) == 0x80)
                    {
                        cut--;
                    }

                    redacted = Encoding.UTF8.GetString(bytes, 0, cut);
                    truncated = true;
                }

                writeText(DiffFile, redacted);
                diffPath = DiffFile;
            }

            git = new GitRecord
            {
                Commit = g.Commit,
                Branch = g.Branch is null ? null : redactor.RedactText(g.Branch, "run_manifest.json#git.branch", ledger),
                Dirty = g.Dirty,
                DiffPath = diffPath,
                DiffBytes = g.Diff is null ? null : Encoding.UTF8.GetByteCount(g.Diff),
                DiffSha256 = g.Diff is null ? null : EnvironmentCapture.Sha256(g.Diff),
                DiffTruncated = truncated,
            };
        }

        var entries = new JsonObject();
        foreach (var (name, value) in work.Draft.Experiment.Entries)
        {
            entries[name] = value;
        }

        var redactedEntries = (JsonObject)redactor.RedactJson(entries, "run_manifest.json#entries", ledger)!;
        lock (captured.Warnings)
        {
            return new RunManifestRecord
            {
                ProjectName = work.Experiment.Project,
                GitHash = git?.Commit,
                Git = git,
                PackageVersions = Packages(captured.Packages, work.Draft.Experiment.Packages, redactor, ledger),
                CudaVersion = captured.CudaVersion,
                Gpus = captured.Gpus,
                Host = captured.Host,
                Entries = redactedEntries.ToDictionary(kv => kv.Key, kv => kv.Value?.GetValue<string>() ?? string.Empty, StringComparer.Ordinal),
                CaptureWarnings = [.. captured.Warnings],
            };
        }
    }
}
