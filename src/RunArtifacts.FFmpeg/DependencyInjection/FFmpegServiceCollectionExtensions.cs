using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RunArtifacts;
using RunArtifacts.FFmpeg;
using RunArtifacts.FFmpeg.Internal;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the FFmpeg derivatives for a store registered with <c>AddRunArtifacts</c>. Safe to call more than once.</summary>
public static class FFmpegServiceCollectionExtensions
{
    /// <summary>
    /// Adds the FFmpeg prober and generator to <see cref="RunArtifactsOptions.Derivatives"/> and validates
    /// <see cref="FFmpegOptions"/> on start (when required, ffmpeg must be found). Everything also works without a
    /// container: <c>options.Derivatives.AddFFmpeg()</c>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the FFmpeg options, when given.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddRunArtifactsFFmpeg(this IServiceCollection services, Action<FFmpegOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = services.AddOptions<FFmpegOptions>();
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FFmpegOptions>, FFmpegOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<RunArtifactsOptions>, FFmpegRunArtifactsSetup>());
        return services;
    }
}
