using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RunArtifacts;
using RunArtifacts.Storage;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers RunArtifacts in a service collection. Safe to call more than once; everything also works with <c>new</c>.</summary>
public static class RunArtifactsServiceCollectionExtensions
{
    /// <summary>Registers <see cref="RunArtifactStore"/> as a singleton with options configured in code, validated on start.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options (at least <see cref="RunArtifactsOptions.Root"/>).</param>
    /// <returns>The options builder, to chain further configuration.</returns>
    public static OptionsBuilder<RunArtifactsOptions> AddRunArtifacts(this IServiceCollection services, Action<RunArtifactsOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return services.AddRunArtifactsCore().Configure(configure);
    }

    /// <summary>Registers <see cref="RunArtifactStore"/> as a singleton with options bound from a configuration section (for example <c>RunArtifacts</c>), validated on start.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The section holding the options.</param>
    /// <returns>The options builder.</returns>
    public static OptionsBuilder<RunArtifactsOptions> AddRunArtifacts(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services.AddRunArtifactsCore().Bind(configuration);
    }

    private static OptionsBuilder<RunArtifactsOptions> AddRunArtifactsCore(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RunArtifactsOptions>, RunArtifactsOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RunArtifactsOptions>, RunArtifactsOptionsCrossValidator>());
        services.TryAddSingleton(sp => new RunArtifactStore(
            sp.GetRequiredService<IOptions<RunArtifactsOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILoggerFactory>()));
        return services.AddOptionsWithValidateOnStart<RunArtifactsOptions>();
    }
}
