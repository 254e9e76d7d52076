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

/// <summary>
/// Captures code and environment facts for <c>run_manifest.json</c>: git through its command line (one
/// <c>git status --porcelain=v2 --branch</c>, plus <c>git diff HEAD</c> when dirty), package versions from the
/// application's <c>.deps.json</c> and host facts (both read once per process), GPU facts from <c>nvidia-smi</c>.
/// Nothing here throws for a missing tool or a folder that is not a repository: those are warnings.
/// </summary>
internal static class EnvironmentCapture
{
    private static readonly Lazy<(IReadOnlyDictionary<string, string> Packages, string? Warning)> AppPackages = new(ReadDepsJson);
    private static readonly Lazy<HostRecord> HostFacts = new(ReadHost);

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
            await CaptureGpuAsync(captured, cancellationToken).ConfigureAwait(false);
        }

        captured.Git = await gitTask.ConfigureAwait(false);
        return captured;
    }

    /// <summary>Commit, branch and dirty flag from one <c>git status</c>; the diff against HEAD when dirty.</summary>
    internal static async Task<CapturedGit?> CaptureGitAsync(string directory, List<string> warnings, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(directory))
        {
            AddWarning(warnings, $"code capture: the folder '{Path.GetFileName(Path.TrimEndingDirectorySeparator(directory))}' does not exist; no git state recorded.");
            return null;
        }

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
            var reason = status.StandardError.Contains("not a git repository", StringComparison.OrdinalIgnoreCase) ? "is not inside a git repository" : $"could not be read by git (exit {status.ExitCode})";
            AddWarning(warnings, $"code capture: the folder {reason}; no git state recorded.");
            return null;
        }

        string? commit = null, branch = null;
        var dirty = false;
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
            }
        }

        if (commit is null or "(initial)")
        {
            AddWarning(warnings, "code capture: the repository has no commit yet; no git state recorded.");
            return null;
        }

        string? diff = null;
        if (dirty)
        {
            var result = await Git(directory, ["diff", "HEAD", "--no-color", "--no-ext-diff"]).ExecuteBufferedAsync(Encoding.UTF8, cancellationToken).ConfigureAwait(false);
            diff = result.ExitCode == 0 ? result.StandardOutput : null;
        }

        return new CapturedGit(commit, branch is "(detached)" ? null : branch, dirty, diff);
    }

    private static Command Git(string directory, string[] arguments)
        => Cli.Wrap("git")
            .WithArguments(["-C", directory, "-c", "core.quotepath=off", .. arguments])
            .WithEnvironmentVariables(e => e.Set("GIT_OPTIONAL_LOCKS", "0").Set("LC_ALL", "C"))
            .WithValidation(CommandResultValidation.None);

    private static async Task CaptureGpuAsync(CapturedEnvironment captured, CancellationToken cancellationToken)
    {
        try
        {
            var query = await Cli.Wrap(NvidiaSmi).WithArguments(["--query-gpu=name,driver_version,memory.total", "--format=csv,noheader,nounits"])
                .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync(cancellationToken).ConfigureAwait(false);
            if (query.ExitCode != 0)
            {
                AddWarning(captured.Warnings, $"gpu capture: nvidia-smi exited with {query.ExitCode}.");
                return;
            }

            captured.Gpus = query.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(line => line.Split(',', StringSplitOptions.TrimEntries))
                .Where(parts => parts.Length >= 1 && parts[0].Length > 0)
                .Select(parts => new GpuRecord
                {
                    Name = parts[0],
                    DriverVersion = parts.Length > 1 ? parts[1] : null,
                    MemoryMib = parts.Length > 2 && long.TryParse(parts[2], CultureInfo.InvariantCulture, out var mib) ? mib : null,
                }).ToList();
            var banner = await Cli.Wrap(NvidiaSmi).WithValidation(CommandResultValidation.None).ExecuteBufferedAsync(cancellationToken).ConfigureAwait(false);
            var at = banner.StandardOutput.IndexOf("CUDA Version:", StringComparison.Ordinal);
            if (at >= 0)
            {
                captured.CudaVersion = new string(banner.StandardOutput[(at + "CUDA Version:".Length)..].TrimStart().TakeWhile(c => char.IsDigit(c) || c == '.').ToArray());
            }
        }
        catch (Win32Exception)
        {
            // No nvidia-smi: no GPU facts, and nothing to warn about (most machines have no NVIDIA GPU).
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
