using RunArtifacts.Derivatives;
using RunArtifacts.Vips.Internal;

namespace RunArtifacts.Vips;

/// <summary>Registers the libvips prober and generator on a <see cref="DerivativeGeneratorCollection"/>.</summary>
public static class VipsDerivativeGeneratorCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="VipsMediaProber"/> and <see cref="VipsDerivativeGenerator"/> (required when
    /// <see cref="VipsOptions.Required"/> is set) and a validation rule: the options must be valid and, when required,
    /// libvips must load. Calling it again replaces the earlier registration. Register it before
    /// <c>AddFFmpeg()</c> or after: FFmpeg leaves the images this generator handles to it.
    /// </summary>
    /// <param name="derivatives">The collection (<c>options.Derivatives</c>).</param>
    /// <param name="configure">Sets the libvips options, when given.</param>
    /// <returns>The collection.</returns>
    public static DerivativeGeneratorCollection AddVips(this DerivativeGeneratorCollection derivatives, Action<VipsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(derivatives);
        var options = new VipsOptions();
        configure?.Invoke(options);
        return derivatives.AddVips(options);
    }

    /// <summary>Adds the libvips prober and generator with the given options (see <see cref="AddVips(DerivativeGeneratorCollection, Action{VipsOptions}?)"/>).</summary>
    /// <param name="derivatives">The collection.</param>
    /// <param name="options">The libvips options; copied.</param>
    /// <returns>The collection.</returns>
    public static DerivativeGeneratorCollection AddVips(this DerivativeGeneratorCollection derivatives, VipsOptions options)
    {
        ArgumentNullException.ThrowIfNull(derivatives);
        ArgumentNullException.ThrowIfNull(options);
        var copy = options.Copy();
        var generator = new VipsDerivativeGenerator(copy);
        derivatives.AddProber(new VipsMediaProber());
        derivatives.Add(generator, copy.Required);

        // A later AddVips replaces this generator; its rules then no longer apply.
        derivatives.AddValidation(() => derivatives.Any(r => ReferenceEquals(r.Generator, generator)) ? Validate(copy) : []);
        return derivatives;
    }

    private static IEnumerable<string> Validate(VipsOptions options)
    {
        var result = new VipsOptionsValidator().Validate(null, options);
        if (result.Failed)
        {
            foreach (var failure in result.Failures)
            {
                yield return "Vips: " + failure;
            }
        }

        if (options.Required && !VipsRuntime.IsAvailable)
        {
            yield return $"Vips: {VipsRuntime.Error}; derivatives are required (VipsOptions.Required)";
        }
    }
}
