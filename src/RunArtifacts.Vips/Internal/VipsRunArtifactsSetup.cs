using Microsoft.Extensions.Options;

namespace RunArtifacts.Vips.Internal;

/// <summary>Adds the libvips prober and generator to <see cref="RunArtifactsOptions"/> when the container builds them.</summary>
internal sealed class VipsRunArtifactsSetup(IOptions<VipsOptions> vips) : IConfigureOptions<RunArtifactsOptions>
{
    public void Configure(RunArtifactsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Derivatives.AddVips(vips.Value);
    }
}
