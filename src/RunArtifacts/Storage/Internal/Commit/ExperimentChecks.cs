using System.Text.Json;
using System.Text.Json.Nodes;
using RunArtifacts.Builder.Internal;
using RunArtifacts.Experiments.Internal;
using RunArtifacts.Internal;
using RunArtifacts.IO.Internal;

namespace RunArtifacts.Storage.Internal.Commit;

/// <summary>
/// The whole-run rules of an experiment run, checked in the Freeze step before anything touches the root: the resolved
/// configuration holds no interpolation, every metric is finite, artifact files exist and are not of a refused type,
/// and a predictions folder follows the predictions contract.
/// </summary>
internal static class ExperimentChecks
{
    /// <summary>The fields every prediction's <c>metadata.json</c> must hold (the ML runs specification's predictions contract).</summary>
    public static readonly string[] PredictionFields = ["frame_id", "timestamp", "intrinsics", "contract_version"];

    public static void Check(CommitContext context, RunDraft draft, List<string> problems)
    {
        var e = draft.Experiment;
        if (e.HasResolvedConfig)
        {
            foreach (var (key, value) in ConfigTree.Flatten(e.ResolvedConfig))
            {
                if (value.Contains("${", StringComparison.Ordinal))
                {
                    problems.Add($"config_resolved: key '{key}' still holds an interpolation ({Guard.Printable(value)}); a resolved configuration has no ${{…}} left.");
                }
            }
        }

        foreach (var (name, value) in e.Scalars)
        {
            if (!double.IsFinite(value))
            {
                problems.Add($"Metric '{name}' is {Shown(value)}; metrics must be finite numbers (NaN and infinities are refused).");
            }
        }

        foreach (var (name, points) in e.Series)
        {
            if (e.Scalars.ContainsKey(name))
            {
                problems.Add($"Metric '{name}' is both a scalar and a series; give it one way.");
            }

            for (var i = 0; i < points.Count; i++)
            {
                if (!double.IsFinite(points[i].Value))
                {
                    problems.Add($"Metric '{name}' point {i} (step {points[i].Step?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}) is {Shown(points[i].Value)}; metrics must be finite numbers (NaN and infinities are refused).");
                    break;
                }
            }
        }

        var forbidden = context.Options.Experiments.ForbiddenExtensions;
        string? Refused(string fileName) => forbidden.FirstOrDefault(x => fileName.EndsWith(x.StartsWith('.') ? x : "." + x, StringComparison.OrdinalIgnoreCase));
        foreach (var output in draft.Outputs)
        {
            if (Refused(output.OriginalFileName) is { } ext)
            {
                problems.Add($"Output '{Guard.Printable(output.OriginalFileName)}' has the refused extension '{ext}' (ExperimentOptions.ForbiddenExtensions).");
            }
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var artifact in e.Artifacts)
        {
            if (!names.Add(artifact.Name))
            {
                problems.Add($"Artifact file name '{artifact.Name}' is given twice.");
            }

            if ((Refused(artifact.Name) ?? Refused(artifact.File.OriginalFileName)) is { } ext)
            {
                problems.Add($"Artifact file '{artifact.Name}' has the refused extension '{ext}' (ExperimentOptions.ForbiddenExtensions).");
            }

            var path = artifact.File.SourcePath!;
            if (Directory.Exists(path))
            {
                problems.Add($"Artifact file '{artifact.Name}' ('{path}') is a directory, not a file.");
            }
            else if (!File.Exists(path))
            {
                problems.Add($"Artifact file '{artifact.Name}' ('{path}') does not exist.");
            }
            else if (SourceFiles.NotAnOriginal(path) is { } notAFile)
            {
                problems.Add($"Artifact file '{artifact.Name}' ('{path}') {notAFile}.");
            }
        }

        if (e.HasPredictions || e.Artifacts.Any(a => a.Name.StartsWith("predictions/", StringComparison.Ordinal)))
        {
            CheckPredictions(e, problems);
        }
    }

    private static string Shown(double value) => double.IsNaN(value) ? "NaN" : value > 0 ? "+Infinity" : "-Infinity";

    private static void CheckPredictions(ExperimentDraft e, List<string> problems)
    {
        const string where = "artifacts/predictions/metadata.json";
        var metadata = e.Artifacts.FirstOrDefault(a => a.Name == "predictions/metadata.json");
        if (metadata is null)
        {
            problems.Add($"{where} is missing; the predictions contract needs it ({string.Join(", ", PredictionFields)}).");
            return;
        }

        JsonNode? root;
        try
        {
            root = JsonNode.Parse(File.ReadAllBytes(metadata.File.SourcePath!));
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            problems.Add($"{where} is not readable JSON: {ex.Message}");
            return;
        }

        foreach (var problem in PredictionProblems(root))
        {
            problems.Add($"{where}: {problem}");
        }
    }

    /// <summary>
    /// What a predictions <c>metadata.json</c> lacks: an object with <c>contract_version</c> and either the frame fields
    /// (<c>frame_id</c>, <c>timestamp</c>, <c>intrinsics</c> or <c>intrinsics_ref</c>) or a <c>frames</c> array of objects holding them.
    /// </summary>
    public static IEnumerable<string> PredictionProblems(JsonNode? root)
    {
        if (root is not JsonObject obj)
        {
            yield return "must be a JSON object.";
            yield break;
        }

        if (obj["contract_version"] is null)
        {
            yield return "missing field 'contract_version'.";
        }

        var frames = obj["frames"] is JsonArray array ? array.Select((f, i) => (f as JsonObject, $"frames[{i}]")).ToList() : [(obj, "")];
        foreach (var (frame, at) in frames)
        {
            var prefix = at.Length == 0 ? string.Empty : at + ".";
            if (frame is null)
            {
                yield return $"{at} must be an object.";
                continue;
            }

            foreach (var field in new[] { "frame_id", "timestamp" })
            {
                if (frame[field] is null)
                {
                    yield return $"missing field '{prefix}{field}'.";
                }
            }

            if (frame["intrinsics"] is null && frame["intrinsics_ref"] is null)
            {
                yield return $"missing field '{prefix}intrinsics' (or '{prefix}intrinsics_ref', a reference).";
            }
        }
    }
}
