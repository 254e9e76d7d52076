using System.Text.Json.Nodes;
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

    /// <summary>
    /// Starts loading libvips on the thread pool when the run spec names a JPEG, PNG, WebP or GIF file (an output or an
    /// input), so that its one-time set-up (an 18 MB shared library and <c>vips_init</c>, about 20 ms) runs beside
    /// the spec's validation and the copy instead of before the first probe. Reading
    /// <see cref="VipsDerivativeGenerator.IsAvailable"/> is what loads it, once per process; a probe that comes first
    /// waits for the same load. A failed load is reported where it always is: by the probe and the generator.
    /// </summary>
    public static void WarmUpImages(JsonObject spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (!NamesImage(spec["outputs"]) && !NamesImage(spec["inputs"]))
        {
            return;
        }

        _ = Task.Run(static () => new VipsDerivativeGenerator().IsAvailable);

        static bool NamesImage(JsonNode? files) => files is JsonArray array && array.Any(file =>
            (file is JsonObject o ? o["path"] : file) is JsonValue value
            && value.TryGetValue<string>(out var path)
            && Path.GetExtension(path).ToLowerInvariant() is ".jpg" or ".jpeg" or ".png" or ".webp" or ".gif");
    }
}
