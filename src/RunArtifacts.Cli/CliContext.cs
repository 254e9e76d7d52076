using System.CommandLine;
using RunArtifacts.Storage;

namespace RunArtifacts.Cli;

/// <summary>What every verb shares: the output writers and the common options.</summary>
internal sealed class CliContext(TextWriter stdout, TextWriter stderr, TextReader stdin)
{
    public TextReader In { get; } = stdin;

    public TextWriter Out { get; } = stdout;

    public TextWriter Error { get; } = stderr;

    /// <summary>Whether stdout is a terminal (progress bars are shown only then).</summary>
    public bool Interactive => ReferenceEquals(Out, Console.Out) && !Console.IsOutputRedirected && !Console.IsErrorRedirected;

    public static Option<DirectoryInfo> RootOption(bool required = true) => new("--root")
    {
        Description = "The run root (holds index.jsonl and the date folders).",
        Required = required,
    };

    /// <summary>The root of a verb that reads runs: a missing root or a file is bad input (exit 2), not "no runs".</summary>
    public static DirectoryInfo ExistingRoot(DirectoryInfo root)
    {
        if (File.Exists(root.FullName))
        {
            throw new CliUsageException($"--root '{root.FullName}' is a file, not a run root.");
        }

        return root.Exists ? root : throw new CliUsageException($"--root '{root.FullName}' does not exist.");
    }

    public static Option<bool> JsonOption() => new("--json") { Description = "Write JSON for scripts instead of text." };

    /// <summary>A store over the root, with libvips image derivatives and FFmpeg video derivatives registered.</summary>
    public static RunArtifactStore OpenStore(DirectoryInfo root, Action<RunArtifactsOptions>? configure = null)
    {
        var options = new RunArtifactsOptions { Root = root.FullName };
        configure?.Invoke(options);
        CliExtensions.ConfigureDerivatives(options);
        return new RunArtifactStore(options);
    }
}

/// <summary>Bad command-line usage found by a verb (exit code 2).</summary>
internal sealed class CliUsageException(string message) : Exception(message);
