using Microsoft.Extensions.Options;

namespace RunArtifacts.FFmpeg.Internal;

/// <summary>Adds the FFmpeg prober and generator to <see cref="RunArtifactsOptions"/> when the container builds them.</summary>
internal sealed class FFmpegRunArtifactsSetup(IOptions<FFmpegOptions> ffmpeg) : IConfigureOptions<RunArtifactsOptions>
{
    public void Configure(RunArtifactsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Derivatives.AddFFmpeg(ffmpeg.Value);
    }
}
