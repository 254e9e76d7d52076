using RunArtifacts.FFmpeg;

namespace RunArtifacts.Cli;

/// <summary>Hooks for optional packages (derivatives). Kept in one place so each package adds one line.</summary>
internal static class CliExtensions
{
    public static void ConfigureDerivatives(RunArtifactsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        // Best effort: without ffmpeg on PATH the run still commits, with one warning saying where ffmpeg was looked for.
        options.Derivatives.AddFFmpeg();
    }
}
