using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using RunArtifacts.Builder.Internal;
using RunArtifacts.Experiments;
using RunArtifacts.Experiments.Internal;
using RunArtifacts.Internal;

namespace RunArtifacts.Builder;

public sealed partial class RunArtifactBuilder
{
    /// <summary>
    /// Sets the run's configuration as composed (it may hold <c>${…}</c> interpolations), from YAML text. It is written
    /// redacted as <c>config.yaml</c> (normalised block YAML: comments are not kept) and summarised in <c>run.json</c>.
    /// </summary>
    /// <param name="yaml">One YAML document.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">The text is not one YAML document.</exception>
    public RunArtifactBuilder WithConfig(string yaml)
    {
        return SetConfig(ParseYaml(yaml, nameof(yaml)), resolved: false);
    }

    /// <summary>Sets the run's configuration as composed, from a JSON value (written as <c>config.yaml</c>).</summary>
    /// <param name="config">The configuration; it is copied.</param>
    /// <returns>This builder.</returns>
    public RunArtifactBuilder WithConfig(JsonNode config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return SetConfig(config.DeepClone(), resolved: false);
    }

    /// <summary>Sets the run's configuration as composed, from an object serialised through its source-generated type info (AOT-safe).</summary>
    /// <typeparam name="T">The configuration type.</typeparam>
    /// <param name="config">The configuration object.</param>
    /// <param name="typeInfo">Its JSON type info, from a <c>JsonSerializerContext</c>.</param>
    /// <returns>This builder.</returns>
    public RunArtifactBuilder WithConfig<T>(T config, JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        return SetConfig(JsonSerializer.SerializeToNode(config, typeInfo), resolved: false);
    }

    /// <summary>
    /// Sets the fully resolved configuration, from YAML text; written redacted as <c>config_resolved.yaml</c>. A value
    /// that still holds an interpolation (<c>${…}</c>) is refused at commit with an <see cref="ArtifactValidationException"/> naming its key.
    /// </summary>
    /// <param name="yaml">One YAML document.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">The text is not one YAML document.</exception>
    public RunArtifactBuilder WithResolvedConfig(string yaml)
    {
        return SetConfig(ParseYaml(yaml, nameof(yaml)), resolved: true);
    }

    /// <summary>Sets the fully resolved configuration from a JSON value (written as <c>config_resolved.yaml</c>).</summary>
    /// <param name="config">The configuration; it is copied.</param>
    /// <returns>This builder.</returns>
    public RunArtifactBuilder WithResolvedConfig(JsonNode config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return SetConfig(config.DeepClone(), resolved: true);
    }

    /// <summary>Sets the fully resolved configuration from an object serialised through its source-generated type info.</summary>
    /// <typeparam name="T">The configuration type.</typeparam>
    /// <param name="config">The configuration object.</param>
    /// <param name="typeInfo">Its JSON type info, from a <c>JsonSerializerContext</c>.</param>
    /// <returns>This builder.</returns>
    public RunArtifactBuilder WithResolvedConfig<T>(T config, JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        return SetConfig(JsonSerializer.SerializeToNode(config, typeInfo), resolved: true);
    }

    /// <summary>
    /// Sets a scalar metric (written to <c>metrics.json</c>, summarised in <c>run.json</c>, the index and the catalog).
    /// Setting it again replaces the value. A NaN or an infinity is refused at commit (<see cref="ArtifactValidationException"/>).
    /// </summary>
    /// <param name="name">Letters, digits and <c>_ - . / :</c> or spaces, at most 200 characters (<c>val/accuracy</c>).</param>
    /// <param name="value">The value.</param>
    /// <returns>This builder.</returns>
    public RunArtifactBuilder AddMetric(string name, double value)
    {
        Draft.Experiment.Scalars[CheckMetricName(name)] = value;
        return this;
    }

    /// <summary>Appends one point to a metric series.</summary>
    /// <param name="name">The series name (same rules as <see cref="AddMetric"/>).</param>
    /// <param name="value">The value; it must be finite at commit.</param>
    /// <param name="step">The step, when known.</param>
    /// <param name="time">When it was measured, when known (stored in UTC).</param>
    /// <returns>This builder.</returns>
    public RunArtifactBuilder AddMetricPoint(string name, double value, long? step = null, DateTimeOffset? time = null)
        => AddMetricPoints(name, [new MetricPoint(value, step, time)]);

    /// <summary>Appends points to a metric series, in order.</summary>
    /// <param name="name">The series name (same rules as <see cref="AddMetric"/>).</param>
    /// <param name="points">The points.</param>
    /// <returns>This builder.</returns>
    public RunArtifactBuilder AddMetricPoints(string name, IEnumerable<MetricPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var key = CheckMetricName(name);
        var series = Draft.Experiment.Series;
        if (!series.TryGetValue(key, out var list))
        {
            series[key] = list = [];
        }

        if (points.TryGetNonEnumeratedCount(out var count))
        {
            list.EnsureCapacity(list.Count + count);
        }

        foreach (var p in points)
        {
            list.Add(p.Time is { } time ? p with { Time = time.ToUniversalTime() } : p);
        }

        return this;
    }

    /// <summary>
    /// Adds a file beyond the outputs (a checkpoint, an evaluation table…), copied and hashed at commit to
    /// <c>artifacts/NAME</c>, listed in <c>run.json</c>, checked by verify and joined in the catalog.
    /// </summary>
    /// <param name="path">The file; it must exist at commit.</param>
    /// <param name="name">Its relative path under <c>artifacts/</c>, with <c>/</c> (<c>checkpoints/best.pt</c>); no <c>..</c>, no empty part.</param>
    /// <returns>This builder.</returns>
    public RunArtifactBuilder AddArtifactFile(string path, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var checkedName = CheckArtifactName(name);
        Draft.Experiment.Artifacts.Add(new PendingArtifact(new PendingFile { SourcePath = path, OriginalFileName = Path.GetFileName(path) }, checkedName));
        return this;
    }

    /// <summary>Adds every file under a folder (recursively, in name order) as artifact files under <c>artifacts/NAME/</c>.</summary>
    /// <param name="directory">The folder; it must exist now.</param>
    /// <param name="name">The folder's relative path under <c>artifacts/</c> (<c>eval</c>).</param>
    /// <returns>This builder.</returns>
    public RunArtifactBuilder AddArtifactFolder(string directory, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var prefix = CheckArtifactName(name);
        if (!Directory.Exists(directory))
        {
            throw new ArgumentException($"The folder '{directory}' does not exist.", nameof(directory));
        }

        var files = Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        foreach (var file in files)
        {
            var relative = Path.GetRelativePath(directory, file).Replace('\\', '/');
            AddArtifactFile(file, prefix + "/" + relative);
        }

        return this;
    }

    /// <summary>
    /// Adds a folder of predictions as <c>artifacts/predictions/</c>. It must hold a <c>metadata.json</c> following the
    /// predictions contract (<c>frame_id</c>, <c>timestamp</c>, <c>intrinsics</c> or <c>intrinsics_ref</c>,
    /// <c>contract_version</c>; checked at commit, <see cref="ArtifactValidationException"/> naming the missing field).
    /// </summary>
    /// <param name="directory">The folder (<c>frame_0000.npz</c>…, <c>metadata.json</c>).</param>
    /// <returns>This builder.</returns>
    public RunArtifactBuilder AddPredictions(string directory)
    {
        AddArtifactFolder(directory, "predictions");
        Draft.Experiment.HasPredictions = true;
        return this;
    }

    /// <summary>Sets the project the run belongs to: recorded in <c>run.json</c> and <c>run_manifest.json</c>, and the top folder under the project layout.</summary>
    /// <param name="project">The project name; it is slugged for the folder name.</param>
    /// <returns>This builder.</returns>
    public RunArtifactBuilder WithProject(string project)
    {
        Draft.Experiment.Project = Guard.NotBlank(project, nameof(project)).Trim();
        return this;
    }

    /// <summary>
    /// Captures the git state of a working tree for this run (commit, branch, dirty flag and a redacted, size-capped
    /// diff) into <c>run_manifest.json</c>, through the <c>git</c> command line. A folder that is not in a repository,
    /// or a machine without git, is a warning, not a failure.
    /// </summary>
    /// <param name="workingTree">A folder inside the working tree (the current directory for <c>.</c>).</param>
    /// <returns>This builder.</returns>
    public RunArtifactBuilder WithCodeCapture(string workingTree)
    {
        Draft.Experiment.CodeDirectory = Guard.NotBlank(workingTree, nameof(workingTree));
        return this;
    }

    /// <summary>Adds a caller entry to <c>run_manifest.json</c> (<c>torch_version</c>, <c>device</c>…); redacted like every text.</summary>
    /// <param name="name">The entry name.</param>
    /// <param name="value">Its value.</param>
    /// <returns>This builder.</returns>
    public RunArtifactBuilder AddEnvironmentEntry(string name, string value)
    {
        Guard.NotBlank(name, nameof(name));
        ArgumentNullException.ThrowIfNull(value);
        if (name.Any(char.IsControl) || value.Any(c => char.IsControl(c) && c != '\n'))
        {
            throw new ArgumentException("Environment entries must not hold control characters.", nameof(name));
        }

        Draft.Experiment.Entries[name.Trim()] = value;
        return this;
    }

    /// <summary>
    /// Records a package version in <c>run_manifest.json</c>'s <c>package_versions</c> (a Python run's <c>torch</c>, from its
    /// lock file); it wins over the same name read from the application's <c>.deps.json</c>.
    /// </summary>
    /// <param name="name">The package name.</param>
    /// <param name="version">Its version.</param>
    /// <returns>This builder.</returns>
    public RunArtifactBuilder AddPackageVersion(string name, string version)
    {
        Guard.NotBlank(name, nameof(name));
        Guard.NotBlank(version, nameof(version));
        if (name.Any(char.IsControl) || version.Any(char.IsControl))
        {
            throw new ArgumentException("Package names and versions must not hold control characters.", nameof(name));
        }

        Draft.Experiment.Packages[name.Trim()] = version.Trim();
        return this;
    }

    private static JsonNode? ParseYaml(string yaml, string paramName)
    {
        ArgumentNullException.ThrowIfNull(yaml, paramName);
        try
        {
            return YamlJson.Parse(yaml);
        }
        catch (FormatException ex)
        {
            throw new ArgumentException($"The configuration {ex.Message}", paramName, ex);
        }
    }

    private static string CheckMetricName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!MetricName().IsMatch(name) || name.Trim().Length != name.Length)
        {
            throw new ArgumentException($"Metric name '{Guard.Printable(name)}' must be 1 to 200 letters, digits, spaces or '_-./:', without leading or trailing space.", nameof(name));
        }

        return name;
    }

    private static string CheckArtifactName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var parts = name.Split('/');
        foreach (var part in parts)
        {
            if (part is "." or ".." || Storage.Internal.Naming.ProblemWithFileName(part) is not null)
            {
                throw new ArgumentException($"Artifact name '{Guard.Printable(name)}' must be a relative path of file names joined by '/' (no '..', no empty part, no '\\' or control character).", nameof(name));
            }
        }

        return name;
    }

    [GeneratedRegex(@"^[A-Za-z0-9_\-./: ]{1,200}$")]
    private static partial Regex MetricName();

    /// <summary>The one place the composed or resolved configuration is set (every overload ends here).</summary>
    private RunArtifactBuilder SetConfig(JsonNode? node, bool resolved)
    {
        if (resolved)
        {
            Draft.Experiment.ResolvedConfig = node;
            Draft.Experiment.HasResolvedConfig = true;
        }
        else
        {
            Draft.Experiment.Config = node;
            Draft.Experiment.HasConfig = true;
        }

        return this;
    }
}
