using RunArtifacts.FFmpeg;
using RunArtifacts.Vips;

namespace RunArtifacts.Cli;

/// <summary>Hooks for optional packages (derivatives). Kept in one place so each package adds one line.</summary>
internal static class CliExtensions
{
    public static void ConfigureDerivatives(RunArtifactsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        // Images in process with libvips (it ships in the NuGet packages, so a fresh machine gets web copies and
        // thumbnails); video with the machine's ffmpeg, which leaves the images libvips reads to it. Both best effort:
        // without ffmpeg on PATH a video run still commits, with one warning saying where ffmpeg was looked for.
        options.Derivatives.AddVips();
        options.Derivatives.AddFFmpeg();
    }
}
