using Microsoft.Extensions.Options;

namespace RunArtifacts.FFmpeg.Internal;

/// <summary>Generated data-annotation validation of <see cref="FFmpegOptions"/>; used by DI and by <c>AddFFmpeg</c>.</summary>
[OptionsValidator]
internal sealed partial class FFmpegOptionsValidator : IValidateOptions<FFmpegOptions>
{
}
