using RunArtifacts.Experiments;
using RunArtifacts.Experiments.Internal;
using RunArtifacts.Records;
using RunArtifacts.Records.Internal;
using RunArtifacts.Serialization;

namespace RunArtifacts.Storage;

public sealed partial class RunArtifactStore
{
    /// <summary>
    /// Compares two runs: configuration differences as flattened key paths (added, removed, changed), metric values
    /// and deltas, environment differences (git hash and dirty flag, package versions, runtime, caller entries) and the
    /// files (outputs and artifact files) that are identical by SHA-256. Reads only the two run folders.
    /// </summary>
    /// <param name="runIdA">The first run (the "before").</param>
    /// <param name="runIdB">The second run (the "after").</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The comparison.</returns>
    /// <exception cref="ArgumentException">A run id names no run folder of this store.</exception>
    /// <exception cref="ArtifactFormatException">A record cannot be read.</exception>
    public async Task<RunComparison> CompareRunsAsync(string runIdA, string runIdB, CancellationToken cancellationToken = default)
    {
        var a = await ReadSideAsync(runIdA, nameof(runIdA), cancellationToken).ConfigureAwait(false);
        var b = await ReadSideAsync(runIdB, nameof(runIdB), cancellationToken).ConfigureAwait(false);
        var metrics = (a.Run.Metrics?.Values.Keys ?? []).Union(b.Run.Metrics?.Values.Keys ?? [], StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(n => new MetricComparison(n, a.Run.Metrics?.Values.GetValueOrDefault(n)?.Last, b.Run.Metrics?.Values.GetValueOrDefault(n)?.Last))
            .ToList();
        var filesB = Files(b.Run).GroupBy(f => f.Sha256, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Path, StringComparer.Ordinal);
        var identical = Files(a.Run).Where(f => filesB.ContainsKey(f.Sha256)).Select(f => new IdenticalFile(f.Path, filesB[f.Sha256], f.Sha256)).ToList();
        return new RunComparison
        {
            RunA = a.Run.RunId,
            RunB = b.Run.RunId,
            Config = Changes(a.Config, b.Config),
            Metrics = metrics,
            Environment = Changes(a.Environment, b.Environment),
            IdenticalFiles = identical,
        };
    }

    private async Task<(RunRecord Run, SortedDictionary<string, string> Config, SortedDictionary<string, string> Environment)> ReadSideAsync(string runId, string paramName, CancellationToken cancellationToken)
    {
        var folder = FindRunFolder(runId) ?? throw new ArgumentException($"No run '{runId}' under '{RootPath}'.", paramName);
        var run = await RunBundle.ReadRunAsync(Path.Combine(folder, "run.json"), cancellationToken).ConfigureAwait(false);
        var config = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if ((run.Config?.ResolvedPath ?? run.Config?.Path) is { } configPath)
        {
            var text = await File.ReadAllTextAsync(Path.Combine(folder, configPath), cancellationToken).ConfigureAwait(false);
            try
            {
                config = ConfigTree.Flatten(YamlJson.Parse(text));
            }
            catch (FormatException ex)
            {
                throw new ArtifactFormatException($"'{configPath}' of run '{runId}' {ex.Message}") { FilePath = Path.Combine(folder, configPath) };
            }
        }

        var environment = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in ConfigTree.Flatten(System.Text.Json.JsonSerializer.SerializeToNode(run.Environment, RunArtifactsJsonContext.Default.EnvironmentRecord)))
        {
            environment["environment." + key] = value;
        }

        if (run.RunManifestPath is { } manifestPath)
        {
            var manifest = await RecordReader.ReadFileAsync(Path.Combine(folder, manifestPath), Schemas.RecordKind.RunManifest, RunArtifactsJsonContext.Default.RunManifestRecord, cancellationToken).ConfigureAwait(false);
            var node = System.Text.Json.JsonSerializer.SerializeToNode(manifest with { CaptureWarnings = [] }, RunArtifactsJsonContext.Default.RunManifestRecord)!.AsObject();
            node.Remove("$schema");
            node.Remove("schema_version");
            node.Remove("git");
            node["git_dirty"] = manifest.Git?.Dirty;
            node["git_branch"] = manifest.Git?.Branch;
            foreach (var (key, value) in ConfigTree.Flatten(node))
            {
                if (value != "null")
                {
                    environment[key] = value;
                }
            }
        }

        return (run, config, environment);
    }

    private static IEnumerable<(string Path, string Sha256)> Files(RunRecord run)
        => run.Outputs.Where(o => o.Sha256 is not null).Select(o => (o.RelativePath, o.Sha256!))
            .Concat((run.ArtifactFiles ?? []).Where(f => f.Sha256 is not null).Select(f => (f.RelativePath, f.Sha256!)));

    private static List<KeyChange> Changes(SortedDictionary<string, string> a, SortedDictionary<string, string> b)
    {
        var changes = new List<KeyChange>();
        foreach (var key in a.Keys.Union(b.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var inA = a.TryGetValue(key, out var before);
            var inB = b.TryGetValue(key, out var after);
            if (inA && inB && before == after)
            {
                continue;
            }

            changes.Add(new KeyChange(key, !inA ? ChangeKind.Added : !inB ? ChangeKind.Removed : ChangeKind.Changed, before, after));
        }

        return changes;
    }
}
