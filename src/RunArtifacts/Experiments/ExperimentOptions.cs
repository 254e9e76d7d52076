using System.ComponentModel.DataAnnotations;

namespace RunArtifacts.Experiments;

/// <summary>
/// How experiment runs (runs with a configuration, metrics, artifact files, a project or code capture) are recorded:
/// what <c>run_manifest.json</c> captures and which artifact file types are refused. What costs a process call
/// (git, <c>nvidia-smi</c>) is off by default.
/// </summary>
public sealed class ExperimentOptions
{
    /// <summary>Whether every experiment run captures the git state of <see cref="CodeDirectory"/> (a process call to <c>git</c>).</summary>
    /// <value>Default <see langword="false"/>; a run can still ask with <c>WithCodeCapture</c>.</value>
    public bool CaptureGit { get; set; }

    /// <summary>The working tree whose git state <see cref="CaptureGit"/> captures.</summary>
    /// <value>Default <see langword="null"/>: the current directory.</value>
    public string? CodeDirectory { get; set; }

    /// <summary>Whether <c>run_manifest.json</c> lists the package versions of the running application (read from its <c>.deps.json</c>, no process call).</summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool CapturePackages { get; set; } = true;

    /// <summary>Whether GPU facts (name, driver, memory, CUDA version) are asked of <c>nvidia-smi</c> when it is on the PATH (a process call).</summary>
    /// <value>Default <see langword="false"/>.</value>
    public bool CaptureGpu { get; set; }

    /// <summary>Largest git diff kept, in bytes; a longer diff keeps its head and is marked truncated.</summary>
    /// <value>Default 256 KiB; between 0 (no diff file) and 64 MiB.</value>
    [Range(0, 64 * 1024 * 1024)]
    public int MaxDiffBytes { get; set; } = 256 * 1024;

    /// <summary>Whether every run (not only experiment runs) gets a <c>run_manifest.json</c>.</summary>
    /// <value>Default <see langword="false"/>.</value>
    public bool AlwaysWriteRunManifest { get; set; }

    /// <summary>
    /// File extensions refused for artifact files and outputs (with the dot, any case), for example <c>.pkl</c> and
    /// <c>.pickle</c> for a team that forbids pickles of custom classes. A refused file is an
    /// <see cref="ArtifactValidationException"/> at commit, before anything is written.
    /// </summary>
    /// <value>Default empty.</value>
    public IList<string> ForbiddenExtensions { get; init; } = new List<string>();

    /// <summary>A deep copy, for the store's snapshot.</summary>
    internal ExperimentOptions Copy() => new()
    {
        CaptureGit = CaptureGit,
        CodeDirectory = CodeDirectory,
        CapturePackages = CapturePackages,
        CaptureGpu = CaptureGpu,
        MaxDiffBytes = MaxDiffBytes,
        AlwaysWriteRunManifest = AlwaysWriteRunManifest,
        ForbiddenExtensions = new List<string>(ForbiddenExtensions).AsReadOnly(),
    };
}
