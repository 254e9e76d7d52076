using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NUnit.Framework;
using RunArtifacts.Storage;

namespace RunArtifacts.NUnit;

/// <summary>
/// Snapshot assertions on committed bundles, the way Verify does them: the run folder's file list and its records
/// (<c>run.json</c>, <c>manifest.json</c>, sidecars, notes, prompts, logs) are rendered as text, scrubbed of what changes from run
/// to run (run ids, dates and times, the environment, derivative bytes and hashes), and compared with <c>NAME.verified.txt</c>
/// next to the test's source file. On a difference <c>NAME.received.txt</c> is written beside it and the test fails; accept a
/// change by renaming received to verified.
/// </summary>
public static partial class RunSnapshot
{
    /// <summary>Asserts that a committed run matches its verified snapshot.</summary>
    /// <param name="run">The run.</param>
    /// <param name="name">The snapshot name, relative to the test file's folder (<c>Snapshots/Render</c>); by default <c>Class.Method</c>.</param>
    /// <param name="scrubRunIds">Whether the run id (and clip ids derived from it) become <c>{run_id}</c>; turn off with a fixed clock.</param>
    /// <param name="sourceFile">Filled in by the compiler.</param>
    /// <param name="memberName">Filled in by the compiler.</param>
    public static void Verify(CommittedRun run, string? name = null, bool scrubRunIds = true, [CallerFilePath] string sourceFile = "", [CallerMemberName] string memberName = "")
    {
        ArgumentNullException.ThrowIfNull(run);
        Verify(run.FullPath, name, scrubRunIds, sourceFile, memberName);
    }

    /// <summary>Asserts that a run folder matches its verified snapshot.</summary>
    /// <param name="runDirectory">The run folder.</param>
    /// <param name="name">The snapshot name, relative to the test file's folder; by default <c>Class.Method</c>.</param>
    /// <param name="scrubRunIds">Whether the run id (and clip ids derived from it) become <c>{run_id}</c>.</param>
    /// <param name="sourceFile">Filled in by the compiler.</param>
    /// <param name="memberName">Filled in by the compiler.</param>
    public static void Verify(string runDirectory, string? name = null, bool scrubRunIds = true, [CallerFilePath] string sourceFile = "", [CallerMemberName] string memberName = "")
    {
        var actual = Render(runDirectory, scrubRunIds);
        var folder = Path.GetDirectoryName(LocateSource(sourceFile)) ?? TestContext.CurrentContext.TestDirectory;
        var stem = Path.Combine(folder, name ?? $"{Path.GetFileNameWithoutExtension(sourceFile)}.{memberName}");
        Directory.CreateDirectory(Path.GetDirectoryName(stem)!);
        var verified = stem + ".verified.txt";
        var received = stem + ".received.txt";
        if (File.Exists(verified) && File.ReadAllText(verified).ReplaceLineEndings("\n") == actual)
        {
            File.Delete(received);
            return;
        }

        File.WriteAllText(received, actual);
        Assert.Fail(File.Exists(verified)
            ? $"The run differs from its snapshot; see {received} (rename it to .verified.txt to accept)."
            : $"No verified snapshot yet; wrote {received} (rename it to .verified.txt to accept).");
    }

    /// <summary>Renders a run folder as scrubbed text: <c>=== path</c> for every file (sorted), followed by the text of records and text files.</summary>
    /// <param name="runDirectory">The run folder.</param>
    /// <param name="scrubRunIds">Whether the run id (and clip ids) become <c>{run_id}</c>.</param>
    /// <returns>The text, with <c>\n</c> line endings.</returns>
    public static string Render(string runDirectory, bool scrubRunIds = true)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runDirectory);
        var runJson = Path.Combine(runDirectory, "run.json");
        if (!File.Exists(runJson))
        {
            throw new ArtifactsException($"'{runDirectory}' is not a run folder: it has no run.json.");
        }

        var record = JsonNode.Parse(File.ReadAllText(runJson))?.AsObject() ?? throw new ArtifactsException($"'{runJson}' is not a JSON object.");
        var runId = (string?)record["run_id"] ?? string.Empty;
        var created = (string?)record["created_at"];
        var derivativePaths = new HashSet<string>(StringComparer.Ordinal);
        var derivativeHashes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var asset in Assets(record))
        {
            foreach (var derivative in asset["derivatives"]?.AsArray() ?? [])
            {
                if ((string?)derivative?["relative_path"] is { } path)
                {
                    derivativePaths.Add(path);
                }

                if ((string?)derivative?["sha256"] is { } hash && (string?)asset["sha256"] != hash)
                {
                    derivativeHashes.Add(hash);
                }
            }
        }

        var sb = new StringBuilder();
        foreach (var file in Directory.EnumerateFiles(runDirectory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var rel = Path.GetRelativePath(runDirectory, file).Replace('\\', '/');
            sb.Append("=== ").Append(rel).Append('\n');
            if (!derivativePaths.Contains(rel) && IsText(rel))
            {
                sb.Append(Scrub(File.ReadAllText(file), runId, created, derivativeHashes, scrubRunIds)).Append('\n');
            }
        }

        return sb.ToString().ReplaceLineEndings("\n");
    }

    private static IEnumerable<JsonNode> Assets(JsonObject record)
        => (record["inputs"]?.AsArray() ?? []).Concat(record["outputs"]?.AsArray() ?? []).OfType<JsonNode>();

    private static bool IsText(string rel)
        => rel.EndsWith(".json", StringComparison.Ordinal) || rel.EndsWith(".md", StringComparison.Ordinal) || rel.EndsWith(".txt", StringComparison.Ordinal)
            || rel.EndsWith(".jsonl", StringComparison.Ordinal);

    private static string Scrub(string text, string runId, string? created, HashSet<string> derivativeHashes, bool scrubRunIds)
    {
        text = EnvironmentValue().Replace(text, "\"$1\": \"{scrubbed}\"");
        text = Timestamp().Replace(text, m => m.Value == created ? "{created}" : "{time}");
        foreach (var hash in derivativeHashes)
        {
            text = Regex.Replace(text, "\"bytes\": \\d+,(\\s*)\"sha256\": \"" + hash + "\"", "\"bytes\": \"{scrubbed}\",$1\"sha256\": \"{scrubbed}\"");
            text = text.Replace(hash, "{scrubbed}", StringComparison.Ordinal);
        }

        if (scrubRunIds && runId.Length > 0)
        {
            text = text.Replace(runId, "{run_id}", StringComparison.Ordinal);
            text = DatedRunPath().Replace(text, "{date}/{run_id}");
            text = ClipId().Replace(text, "\"clip_id\": \"{clip_id}\"");
        }

        return text;
    }

    private static string LocateSource(string sourceFile)
    {
        // Deterministic builds map source paths to "/_/"; find the file under a parent of the test output folder.
        if (!sourceFile.StartsWith("/_/", StringComparison.Ordinal))
        {
            return sourceFile;
        }

        var relative = sourceFile[3..];
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return Path.Combine(TestContext.CurrentContext.TestDirectory, Path.GetFileName(relative));
    }

    [GeneratedRegex("\"(library_version|dotnet_runtime|os|architecture|host_name|user_name)\": \"[^\"]*\"")]
    private static partial Regex EnvironmentValue();

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z")]
    private static partial Regex Timestamp();

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}/\{run_id\}")]
    private static partial Regex DatedRunPath();

    [GeneratedRegex("\"clip_id\": \"clip_[0-9a-f]+\"")]
    private static partial Regex ClipId();
}
