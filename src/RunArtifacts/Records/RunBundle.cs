using RunArtifacts.Records.Internal;
using RunArtifacts.Schemas;
using RunArtifacts.Serialization;

namespace RunArtifacts.Records;

/// <summary>
/// One run bundle read back from disk as typed records: <c>run.json</c>, <c>manifest.json</c> and every clip and view
/// sidecar the run names. Unknown fields (from a newer minor schema version) are ignored; a record of another major
/// version is refused with an <see cref="ArtifactFormatException"/> that names the file and the version.
/// </summary>
public sealed class RunBundle
{
    private RunBundle(string fullPath, RunRecord run, ManifestRecord manifest, IReadOnlyList<ClipRecord> clips, IReadOnlyList<ViewRecord> views)
    {
        FullPath = fullPath;
        Run = run;
        Manifest = manifest;
        Clips = clips;
        Views = views;
    }

    /// <summary>Absolute path of the run folder.</summary>
    public string FullPath { get; }

    /// <summary>The run record.</summary>
    public RunRecord Run { get; }

    /// <summary>The manifest.</summary>
    public ManifestRecord Manifest { get; }

    /// <summary>The clip sidecar of each output, in output order.</summary>
    public IReadOnlyList<ClipRecord> Clips { get; }

    /// <summary>The view sidecar of each derivative, in output order then derivative order.</summary>
    public IReadOnlyList<ViewRecord> Views { get; }

    /// <summary>Opens a run folder (<c>ROOT/DATE/RUN_ID</c>) and reads its records.</summary>
    /// <param name="runDirectory">The run folder.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The bundle.</returns>
    /// <exception cref="ArtifactFormatException">A record is missing, is not valid JSON, does not fit its type, is of another kind, or is of an unknown major version; or a record names a sidecar outside the run.</exception>
    /// <exception cref="DirectoryNotFoundException">The run folder does not exist.</exception>
    public static async Task<RunBundle> OpenAsync(string runDirectory, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runDirectory);
        var dir = Path.GetFullPath(runDirectory);
        if (!Directory.Exists(dir))
        {
            throw new DirectoryNotFoundException($"The run folder '{dir}' does not exist.");
        }

        var run = await ReadRunAsync(Path.Combine(dir, "run.json"), cancellationToken).ConfigureAwait(false);
        var manifest = await RecordReader.ReadFileAsync(Path.Combine(dir, "manifest.json"), RecordKind.Manifest, RunArtifactsJsonContext.Default.ManifestRecord, cancellationToken).ConfigureAwait(false);
        var clips = new List<ClipRecord>(run.Outputs.Count);
        var views = new List<ViewRecord>();
        foreach (var output in run.Outputs)
        {
            var clipPath = Resolve(dir, output.ClipPath ?? output.RelativePath + ".clip.json");
            clips.Add(await ReadClipAsync(clipPath, cancellationToken).ConfigureAwait(false));
            foreach (var derivative in output.Derivatives)
            {
                var viewPath = Resolve(dir, derivative.ViewPath ?? derivative.RelativePath + ".view.json");
                views.Add(await ReadViewAsync(viewPath, cancellationToken).ConfigureAwait(false));
            }
        }

        return new RunBundle(dir, run, manifest, clips, views);
    }

    /// <summary>Reads one run record (<c>run.json</c>) alone, without the manifest and sidecars.</summary>
    /// <param name="path">Path of the <c>run.json</c> file.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The run record.</returns>
    /// <exception cref="ArtifactFormatException">The file is missing, is not valid JSON, is not a run record, does not fit the record type, or is of an unknown major version.</exception>
    public static Task<RunRecord> ReadRunAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return RecordReader.ReadFileAsync(path, RecordKind.Run, RunArtifactsJsonContext.Default.RunRecord, cancellationToken);
    }

    /// <summary>Reads one clip sidecar (<c>&lt;output&gt;.clip.json</c>).</summary>
    /// <param name="path">Path of the sidecar.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The clip record.</returns>
    /// <exception cref="ArtifactFormatException">The file is missing, is not a clip record, or is of an unknown major version.</exception>
    public static Task<ClipRecord> ReadClipAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return RecordReader.ReadFileAsync(path, RecordKind.Clip, RunArtifactsJsonContext.Default.ClipRecord, cancellationToken);
    }

    /// <summary>Reads one view sidecar (<c>&lt;derivative&gt;.view.json</c>).</summary>
    /// <param name="path">Path of the sidecar.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The view record.</returns>
    /// <exception cref="ArtifactFormatException">The file is missing, is not a view record, or is of an unknown major version.</exception>
    public static Task<ViewRecord> ReadViewAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return RecordReader.ReadFileAsync(path, RecordKind.View, RunArtifactsJsonContext.Default.ViewRecord, cancellationToken);
    }

    private static string Resolve(string dir, string relative)
        => RunPaths.TryResolve(dir, relative, out var full)
            ? full
            : throw new ArtifactFormatException($"'{Path.Combine(dir, "run.json")}' names '{relative}', which is not a path inside the run ({RunPaths.Problem(relative) ?? "it leaves the run folder"}).") { FilePath = Path.Combine(dir, "run.json") };
}
