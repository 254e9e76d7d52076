using RunArtifacts.Derivatives;
using RunArtifacts.FFmpeg.Internal;

namespace RunArtifacts.FFmpeg;

/// <summary>Registers the FFmpeg prober and generator on a <see cref="DerivativeGeneratorCollection"/>.</summary>
public static class FFmpegDerivativeGeneratorCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="FFmpegMediaProber"/> and <see cref="FFmpegDerivativeGenerator"/> (required when
    /// <see cref="FFmpegOptions.Required"/> is set) and a validation rule: when required, ffmpeg must be found.
    /// Calling it again replaces the earlier registration. Images that another registered generator or prober
    /// handles (<c>AddVips()</c> from RunArtifacts.Vips) are left to it; video stays with ffmpeg.
    /// </summary>
    /// <param name="derivatives">The collection (<c>options.Derivatives</c>).</param>
    /// <param name="configure">Sets the FFmpeg options, when given.</param>
    /// <returns>The collection.</returns>
    public static DerivativeGeneratorCollection AddFFmpeg(this DerivativeGeneratorCollection derivatives, Action<FFmpegOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(derivatives);
        var options = new FFmpegOptions();
        configure?.Invoke(options);
        return derivatives.AddFFmpeg(options);
    }

    /// <summary>Adds the FFmpeg prober and generator with the given options (see <see cref="AddFFmpeg(DerivativeGeneratorCollection, Action{FFmpegOptions}?)"/>).</summary>
    /// <param name="derivatives">The collection.</param>
    /// <param name="options">The FFmpeg options; copied.</param>
    /// <returns>The collection.</returns>
    public static DerivativeGeneratorCollection AddFFmpeg(this DerivativeGeneratorCollection derivatives, FFmpegOptions options)
    {
        ArgumentNullException.ThrowIfNull(derivatives);
        ArgumentNullException.ThrowIfNull(options);
        var tools = new FFmpegToolset(options);
        var required = tools.Options.Required;
        var generator = new FFmpegDerivativeGenerator(tools);
        var prober = new FFmpegMediaProber(tools);

        // Images go to another registered generator (and prober) that takes them, such as RunArtifacts.Vips, in
        // whichever order the two were added; ffmpeg keeps video and the image types nobody else reads.
        generator.ImageClaimedElsewhere = source => derivatives.Any(r => !ReferenceEquals(r.Generator, generator) && r.Generator.CanHandle(source));
        prober.ImageClaimedElsewhere = source => derivatives.Probers.Any(p => !ReferenceEquals(p, prober) && p.CanProbe(source));
        derivatives.AddProber(prober);
        derivatives.Add(generator, required);

        // A later AddFFmpeg replaces this generator; its rules then no longer apply.
        derivatives.AddValidation(() => derivatives.Any(r => ReferenceEquals(r.Generator, generator)) ? Validate(tools, options, required) : []);
        return derivatives;
    }

    private static IEnumerable<string> Validate(FFmpegToolset tools, FFmpegOptions options, bool required)
    {
        var result = new FFmpegOptionsValidator().Validate(null, options);
        if (result.Failed)
        {
            foreach (var failure in result.Failures)
            {
                yield return "FFmpeg: " + failure;
            }
        }

        if (required && tools.FFmpeg is null)
        {
            yield return tools.FFmpegMissingMessage.Replace("; no web copies, thumbnails or posters were made", "; derivatives are required (FFmpegOptions.Required)", StringComparison.Ordinal);
        }

        if (required && tools.FFprobe is null)
        {
            yield return tools.FFprobeMissingMessage;
        }
    }
}
