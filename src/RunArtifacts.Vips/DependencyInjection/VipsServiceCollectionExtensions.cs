using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RunArtifacts;
using RunArtifacts.Vips;
using RunArtifacts.Vips.Internal;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the libvips derivatives for a store registered with <c>AddRunArtifacts</c>. Safe to call more than once.</summary>
public static class VipsServiceCollectionExtensions
{
    /// <summary>
    /// Adds the libvips prober and generator to <see cref="RunArtifactsOptions.Derivatives"/> and validates
    /// <see cref="VipsOptions"/> on start (when required, libvips must load). Everything also works without a
    /// container: <c>options.Derivatives.AddVips()</c>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the libvips options, when given.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddRunArtifactsVips(this IServiceCollection services, Action<VipsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = services.AddOptions<VipsOptions>();
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<VipsOptions>, VipsOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<RunArtifactsOptions>, VipsRunArtifactsSetup>());
        return services;
    }
}
