using System.ComponentModel;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CliWrap;
using CliWrap.Buffered;
using RunArtifacts.Records;

namespace RunArtifacts.Experiments.Internal;

/// <summary>The git state of a working tree as captured, before redaction.</summary>
internal sealed record CapturedGit(string Commit, string? Branch, bool Dirty, string? Diff);

/// <summary>What one commit captured of the code and the machine, before redaction (WriteTexts redacts it).</summary>
internal sealed class CapturedEnvironment
{
    public CapturedGit? Git { get; set; }

    public IReadOnlyDictionary<string, string> Packages { get; set; } = new Dictionary<string, string>();

    public required HostRecord Host { get; init; }

    public List<GpuRecord>? Gpus { get; set; }

    public string? CudaVersion { get; set; }

    public List<string> Warnings { get; } = [];
}

/// <summary>GPU facts as <c>nvidia-smi</c> gave them (or the warning it gave instead); asked once per process.</summary>
internal sealed record CapturedGpu(List<GpuRecord>? Gpus, string? CudaVersion, string? Warning);

/// <summary>
/// Captures code and environment facts for <c>run_manifest.json</c>: git through its command line (one
/// <c>git status --porcelain=v2 --branch</c>, plus <c>git diff HEAD</c> when it shows a tracked change; for a tree that was
/// dirty last time, <c>git diff HEAD</c> alone with HEAD read from the repository's files), package versions from the
/// application's <c>.deps.json</c>, host facts and GPU facts from <c>nvidia-smi</c> (these three cannot change while the
/// process runs, so they are read once per process). Nothing here throws for a missing tool or a folder that is not a
/// repository: those are warnings.
/// </summary>
internal static class EnvironmentCapture
{
    private static readonly Lazy<(IReadOnlyDictionary<string, string> Packages, string? Warning)> AppPackages = new(ReadDepsJson);
    private static readonly Lazy<HostRecord> HostFacts = new(ReadHost);

    /// <summary>The arguments of the diff against HEAD (every change to tracked files, staged or not).</summary>
    private static readonly string[] DiffArguments = ["diff", "HEAD", "--no-color", "--no-ext-diff"];

    /// <summary>GPU facts by executable (tests point <see cref="NvidiaSmi"/> at a fake), each asked once per process.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<Task<CapturedGpu>>> GpuFacts = new(StringComparer.Ordinal);

    /// <summary>
    /// Working trees found dirty by their last capture in this process (a tree being worked on stays dirty from run to run):
    /// their next capture reads HEAD from the repository's files and runs <c>git diff HEAD</c> alone, whose non-empty output
    /// answers "dirty" without <c>git status</c>, so a dirty tree costs one process call, like a clean one.
    /// </summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> LastDirty = new(StringComparer.Ordinal);

    /// <summary>The executable asked for GPU facts; tests point it at a fake.</summary>
    internal static string NvidiaSmi { get; set; } = "nvidia-smi";

    public static async Task<CapturedEnvironment> CaptureAsync(ExperimentOptions options, string? codeDirectory, CancellationToken cancellationToken)
    {
        var captured = new CapturedEnvironment { Host = HostFacts.Value };
        if (options.CapturePackages)
        {
            var (packages, warning) = AppPackages.Value;
            captured.Packages = packages;
            if (warning is not null)
            {
                captured.Warnings.Add(warning);
            }
        }

        var gitTask = codeDirectory is null ? Task.FromResult<CapturedGit?>(null) : CaptureGitAsync(codeDirectory, captured.Warnings, cancellationToken);
        if (options.CaptureGpu)
        {
            var gpu = await GpuFacts.GetOrAdd(NvidiaSmi, exe => new Lazy<Task<CapturedGpu>>(() => CaptureGpuAsync(exe))).Value.WaitAsync(cancellationToken).ConfigureAwait(false);
            captured.Gpus = gpu.Gpus?.ToList();
            captured.CudaVersion = gpu.CudaVersion;
            if (gpu.Warning is not null)
            {
                AddWarning(captured.Warnings, gpu.Warning);
            }
        }

        captured.Git = await gitTask.ConfigureAwait(false);
        return captured;
    }

    /// <summary>
    /// Commit, branch, dirty flag and the diff against HEAD when dirty. A tree that was clean (or not seen) last time: one
    /// <c>git status</c>, then <c>git diff HEAD</c> when it shows a tracked change. A tree that was dirty last time: HEAD read
    /// from the repository's files (<see cref="GitHeadReader"/>) and <c>git diff HEAD</c> alone; a non-empty diff means dirty
    /// (git status would list the same change), and only an empty diff (untracked files, a staged change the work tree
    /// reverts, or a clean tree) or a failure goes on to <c>git status</c>, which decides as before.
    /// </summary>
    internal static async Task<CapturedGit?> CaptureGitAsync(string directory, List<string> warnings, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(directory))
        {
            AddWarning(warnings, $"code capture: the folder '{Path.GetFileName(Path.TrimEndingDirectorySeparator(directory))}' does not exist; no git state recorded.");
            return null;
        }

        var key = Path.GetFullPath(directory);
        string? knownDiff = null;
        if (LastDirty.TryGetValue(key, out var wasDirty) && wasDirty && GitHeadReader.TryRead(key) is { } head)
        {
            BufferedCommandResult? diff = null;
            try
            {
                diff = await Git(directory, DiffArguments).ExecuteBufferedAsync(Encoding.UTF8, cancellationToken).ConfigureAwait(false);
            }
            catch (Win32Exception)
            {
                // git went missing: git status below reports it.
            }

            if (diff is { ExitCode: 0, StandardOutput.Length: > 0 })
            {
                return new CapturedGit(head.Commit, head.Branch, true, diff.StandardOutput);
            }

            knownDiff = diff is { ExitCode: 0 } ? diff.StandardOutput : null;
        }

        return await CaptureWithStatusAsync(directory, key, knownDiff, warnings, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Commit, branch and dirty flag from one <c>git status</c>; the diff against HEAD (or the one already taken) when dirty.</summary>
    private static async Task<CapturedGit?> CaptureWithStatusAsync(string directory, string key, string? knownDiff, List<string> warnings, CancellationToken cancellationToken)
    {
        BufferedCommandResult status;
        try
        {
            status = await Git(directory, ["status", "--porcelain=v2", "--branch", "--untracked-files=normal"]).ExecuteBufferedAsync(Encoding.UTF8, cancellationToken).ConfigureAwait(false);
        }
        catch (Win32Exception)
        {
            AddWarning(warnings, "code capture: git is not installed (or not on the PATH); no git state recorded.");
            return null;
        }

        if (status.ExitCode != 0)
        {
            LastDirty.TryRemove(key, out _);
            var reason = status.StandardError.Contains("not a git repository", StringComparison.OrdinalIgnoreCase) ? "is not inside a git repository" : $"could not be read by git (exit {status.ExitCode})";
            AddWarning(warnings, $"code capture: the folder {reason}; no git state recorded.");
            return null;
        }

        string? commit = null, branch = null;
        bool dirty = false, tracked = false;
        foreach (var line in status.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith("# branch.oid ", StringComparison.Ordinal))
            {
                commit = line["# branch.oid ".Length..].Trim();
            }
            else if (line.StartsWith("# branch.head ", StringComparison.Ordinal))
            {
                branch = line["# branch.head ".Length..].Trim();
            }
            else if (!line.StartsWith('#'))
            {
                dirty = true;
                tracked |= !line.StartsWith('?');
            }
        }

        LastDirty[key] = dirty;
        if (commit is null or "(initial)")
        {
            AddWarning(warnings, "code capture: the repository has no commit yet; no git state recorded.");
            return null;
        }

        // Only untracked files ("?" lines): HEAD, the index and the work tree agree on every tracked file, so git diff HEAD is empty.
        var diff = !dirty ? null : !tracked ? string.Empty : knownDiff ?? await DiffAsync(directory, cancellationToken).ConfigureAwait(false);
        return new CapturedGit(commit, branch is "(detached)" ? null : branch, dirty, diff);
    }

    /// <summary>The tree's changes against HEAD (tracked files, staged or not); null when git refuses.</summary>
    private static async Task<string?> DiffAsync(string directory, CancellationToken cancellationToken)
    {
        var result = await Git(directory, DiffArguments).ExecuteBufferedAsync(Encoding.UTF8, cancellationToken).ConfigureAwait(false);
        return result.ExitCode == 0 ? result.StandardOutput : null;
    }

    private static Command Git(string directory, string[] arguments)
        => Cli.Wrap("git")
            .WithArguments(["-C", directory, "-c", "core.quotepath=off", .. arguments])
            .WithEnvironmentVariables(e => e.Set("GIT_OPTIONAL_LOCKS", "0").Set("LC_ALL", "C"))
            .WithValidation(CommandResultValidation.None);

    /// <summary>Asks <c>nvidia-smi</c> once (shared by every commit of the process, so it takes no commit's cancellation).</summary>
    private static async Task<CapturedGpu> CaptureGpuAsync(string nvidiaSmi)
    {
        try
        {
            var query = await Cli.Wrap(nvidiaSmi).WithArguments(["--query-gpu=name,driver_version,memory.total", "--format=csv,noheader,nounits"])
                .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync().ConfigureAwait(false);
            if (query.ExitCode != 0)
            {
                return new CapturedGpu(null, null, $"gpu capture: nvidia-smi exited with {query.ExitCode}.");
            }

            var gpus = query.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(line => line.Split(',', StringSplitOptions.TrimEntries))
                .Where(parts => parts.Length >= 1 && parts[0].Length > 0)
                .Select(parts => new GpuRecord
                {
                    Name = parts[0],
                    DriverVersion = parts.Length > 1 ? parts[1] : null,
                    MemoryMib = parts.Length > 2 && long.TryParse(parts[2], CultureInfo.InvariantCulture, out var mib) ? mib : null,
                }).ToList();
            var banner = await Cli.Wrap(nvidiaSmi).WithValidation(CommandResultValidation.None).ExecuteBufferedAsync().ConfigureAwait(false);
            var at = banner.StandardOutput.IndexOf("CUDA Version:", StringComparison.Ordinal);
            var cuda = at < 0 ? null : new string(banner.StandardOutput[(at + "CUDA Version:".Length)..].TrimStart().TakeWhile(c => char.IsDigit(c) || c == '.').ToArray());
            return new CapturedGpu(gpus, cuda, null);
        }
        catch (Win32Exception)
        {
            // No nvidia-smi: no GPU facts, and nothing to warn about (most machines have no NVIDIA GPU).
            return new CapturedGpu(null, null, null);
        }
    }

    private static void AddWarning(List<string> warnings, string warning)
    {
        lock (warnings)
        {
            warnings.Add(warning);
        }
    }

    private static (IReadOnlyDictionary<string, string>, string?) ReadDepsJson()
    {
        var files = (AppContext.GetData("APP_CONTEXT_DEPS_FILES") as string)?.Split(';', StringSplitOptions.RemoveEmptyEntries) ?? [];
        var deps = files.FirstOrDefault(File.Exists);
        if (deps is null)
        {
            return (new Dictionary<string, string>(), "package capture: the application has no .deps.json (native AOT or single-file); no package versions recorded.");
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(deps));
            var packages = new SortedDictionary<string, string>(StringComparer.Ordinal);
            if (document.RootElement.TryGetProperty("libraries", out var libraries) && libraries.ValueKind == JsonValueKind.Object)
            {
                foreach (var library in libraries.EnumerateObject())
                {
                    var slash = library.Name.LastIndexOf('/');
                    var type = library.Value.TryGetProperty("type", out var t) ? t.GetString() : null;
                    if (slash > 0 && type is "package" or "project")
                    {
                        packages[library.Name[..slash]] = library.Name[(slash + 1)..];
                    }
                }
            }

            return (packages, null);
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            return (new Dictionary<string, string>(), $"package capture: the .deps.json could not be read ({ex.Message}).");
        }
    }

    private static HostRecord ReadHost()
    {
        string? cpu = null;
        try
        {
            if (File.Exists("/proc/cpuinfo"))
            {
                cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim();
            }
        }
        catch (IOException)
        {
        }

        var memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        return new HostRecord
        {
            DotnetRuntime = RuntimeInformation.FrameworkDescription,
            Os = RuntimeInformation.OSDescription,
            Architecture = RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant(),
            CpuModel = cpu,
            CpuCount = Environment.ProcessorCount,
            MemoryBytes = memory > 0 ? memory : null,
        };
    }

    /// <summary>Lower-case hex SHA-256 of a text's UTF-8 bytes.</summary>
    public static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
