using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;

namespace RunArtifacts.Cli.Commands;

/// <summary>
/// Issue 14, experiment runs: <c>--config</c>, <c>--config-resolved</c>, <c>--metric NAME=VALUE</c>, <c>--metrics-file</c>,
/// <c>--artifact PATH=NAME</c>, <c>--capture-code [DIR]</c>, <c>--layout by-date|by-project</c> (and <c>--project</c>, which
/// also sets the run's project).
/// </summary>
internal sealed partial class CommitFlags
{
    private readonly Option<string?> layout = LayoutOption();

    private readonly Option<FileInfo?> config = new("--config") { Description = "The configuration as composed (YAML or JSON; may hold ${...}); written redacted as config.yaml." };
    private readonly Option<FileInfo?> configResolved = new("--config-resolved") { Description = "The fully resolved configuration (YAML or JSON); written as config_resolved.yaml. An interpolation left in it is refused." };
    private readonly Option<string[]> metrics = new("--metric") { Description = "A scalar metric: NAME=VALUE (a finite number). Repeatable; replaces that name in the spec." };
    private readonly Option<FileInfo?> metricsFile = new("--metrics-file") { Description = "Metrics as JSON: {\"scalars\": {NAME: VALUE}, \"series\": {NAME: [{\"value\", \"step\", \"time\"}]}} (the metrics.json shape) or the run spec's shape (series as a list of {name, value, step, time})." };
    private readonly Option<string[]> artifacts = new("--artifact") { Description = "A file beyond the outputs: PATH=NAME, kept as artifacts/NAME (NAME like checkpoints/best.pt). Repeatable." };
    private readonly Option<string?> captureCode = new("--capture-code") { Description = "Capture the git state (commit, branch, dirty, redacted diff) of DIR, or of the current directory when DIR is omitted.", Arity = ArgumentArity.ZeroOrOne };

    private IEnumerable<Option> ExperimentFlags => [config, configResolved, metrics, metricsFile, artifacts, captureCode, layout];

    /// <summary>The store options the flags set: <c>--layout by-project</c> publishes under <c>&lt;root&gt;/&lt;project&gt;/</c>.</summary>
    public void ConfigureStore(ParseResult parse, RunArtifactsOptions options)
    {
        if (parse.GetValue(layout) == "by-project")
        {
            options.Layout = Storage.RunLayout.ByProject;
        }
    }

    private static Option<string?> LayoutOption()
    {
        var option = new Option<string?>("--layout")
        {
            Description = "How the run folder is placed: by-date (<root>/YYYY-MM-DD/<run id>, the default) or by-project "
                + "(<root>/<project>/YYYY-MM-DD_HH-MM-SS_<git hash or model key>; the project from --project, else 'default').",
        };
        option.AcceptOnlyFromAmong("by-date", "by-project");
        return option;
    }

    private async Task OverlayExperimentAsync(ParseResult parse, JsonObject spec, CancellationToken cancellationToken)
    {
        if (parse.GetValue(project) is { } projectName)
        {
            spec["project"] = projectName;
        }

        ConfigFlag(parse.GetValue(config), "config", "--config");
        ConfigFlag(parse.GetValue(configResolved), "config_resolved", "--config-resolved");

        if (parse.GetValue(metricsFile) is { } mf)
        {
            var text = await ReadTextAsync(mf, "--metrics-file", cancellationToken).ConfigureAwait(false);
            var node = ParseJson(text, $"--metrics-file '{mf.FullName}'", hint: " (metrics must be finite numbers: NaN and Infinity are refused)");
            spec["metrics"] = MetricsForSpec(node, mf.FullName);
        }

        foreach (var metric in parse.GetValue(metrics) ?? [])
        {
            var (name, value) = SplitPair(metric, "--metric", "NAME=VALUE");
            if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                throw new CliUsageException($"--metric '{metric}': '{value}' is not a number.");
            }

            if (!double.IsFinite(number))
            {
                throw new CliUsageException($"Metric '{name}' is {value}; metrics must be finite numbers (NaN and infinities are refused).");
            }

            var m = Child(spec, "metrics", metric)!;
            if (m["scalars"] is not JsonObject scalars)
            {
                m["scalars"] = scalars = [];
            }

            scalars[name] = number;
        }

        if (parse.GetValue(artifacts) is { Length: > 0 } files)
        {
            spec["artifact_files"] = new JsonArray(files.Select(a =>
            {
                var eq = a.LastIndexOf('=');
                if (eq <= 0 || eq == a.Length - 1)
                {
                    throw new CliUsageException($"--artifact '{a}' must be PATH=NAME (NAME like checkpoints/best.pt).");
                }

                var file = new FileInfo(a[..eq]);
                Exists(file, "--artifact");
                return (JsonNode)new JsonObject { ["path"] = file.FullName, ["name"] = a[(eq + 1)..] };
            }).ToArray());
        }

        if (parse.GetResult(captureCode) is not null)
        {
            spec["capture_code"] = Path.GetFullPath(parse.GetValue(captureCode) ?? ".");
        }

        void ConfigFlag(FileInfo? file, string field, string flag)
        {
            if (file is not null)
            {
                Exists(file, flag);
                spec[field] = new JsonObject { ["path"] = file.FullName };
            }
        }
    }

    /// <summary>The run spec's metrics from either the metrics.json shape (series by name) or the spec's own shape (series as a list).</summary>
    private static JsonObject MetricsForSpec(JsonNode? node, string file)
    {
        if (node is not JsonObject obj)
        {
            throw new CliUsageException($"--metrics-file '{file}' must hold a JSON object with 'scalars' and/or 'series'.");
        }

        var result = new JsonObject();
        if (obj["scalars"] is { } scalars)
        {
            result["scalars"] = scalars.DeepClone();
        }

        switch (obj["series"])
        {
            case JsonArray list:
                result["series"] = list.DeepClone();
                break;
            case JsonObject byName:
                var points = new JsonArray();
                foreach (var (name, series) in byName)
                {
                    foreach (var point in series as JsonArray ?? throw new CliUsageException($"--metrics-file '{file}': series '{name}' is not a list of points."))
                    {
                        var p = point is JsonObject o ? (JsonObject)o.DeepClone() : new JsonObject { ["value"] = point?.DeepClone() };
                        p["name"] = name;
                        points.Add((JsonNode)p);
                    }
                }

                result["series"] = points;
                break;
            case null:
                break;
            default:
                throw new CliUsageException($"--metrics-file '{file}': 'series' must be an object of lists or a list of points.");
        }

        return result;
    }
}
