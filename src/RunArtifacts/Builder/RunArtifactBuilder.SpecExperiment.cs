using RunArtifacts.Experiments;
using RunArtifacts.Internal;
using RunArtifacts.IO.Internal;
using RunArtifacts.Specs;

namespace RunArtifacts.Builder;

public sealed partial class RunArtifactBuilder
{
    /// <summary>The experiment fields of a spec (issue 14), one builder call each, problems collected like the others.</summary>
    private void ApplyExperiment(RunSpec spec, Action<string, Action> step, List<string> problems)
    {
        ConfigDocument(spec.Config, "config", yaml => WithConfig(yaml), json => WithConfig(json));
        ConfigDocument(spec.ConfigResolved, "config_resolved", yaml => WithResolvedConfig(yaml), json => WithResolvedConfig(json));
        foreach (var (name, value) in spec.Metrics?.Scalars ?? new Dictionary<string, double>())
        {
            step($"metrics.scalars.{name}", () => AddMetric(name, value));
        }

        for (var i = 0; i < spec.Metrics?.Series?.Count; i++)
        {
            var p = spec.Metrics.Series[i];
            step($"metrics.series[{i}]", () => AddMetricPoints(p.Name, [new MetricPoint(p.Value, p.Step, p.Time)]));
        }

        for (var i = 0; i < spec.ArtifactFiles?.Count; i++)
        {
            var a = spec.ArtifactFiles[i];
            step($"artifact_files[{i}]", () => AddArtifactFile(a.Path, a.Name));
        }

        if (spec.Project is { } project)
        {
            step("project", () => WithProject(project));
        }

        if (spec.CaptureCode is { } code)
        {
            step("capture_code", () => WithCodeCapture(code));
        }

        void ConfigDocument(RunSpecDocument? document, string where, Action<string> fromText, Action<System.Text.Json.Nodes.JsonNode> fromJson)
        {
            if (document is null)
            {
                return;
            }

            var given = (document.Path is null ? 0 : 1) + (document.Text is null ? 0 : 1) + (document.Json is null ? 0 : 1);
            if (given != 1)
            {
                problems.Add($"{where}: give exactly one of path, text or json.");
                return;
            }

            if (document.Json is { } json)
            {
                step(where, () => fromJson(json));
                return;
            }

            string text;
            try
            {
                text = document.Text ?? SourceFiles.ReadText(document.Path!);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                problems.Add($"{where}.path: '{Guard.Printable(document.Path!)}' could not be read: {ex.Message}");
                return;
            }

            step(where, () => fromText(text));
        }
    }
}
