using Microsoft.Extensions.Options;

namespace RunArtifacts.FFmpeg.Internal;

/// <summary>
/// Validation of <see cref="FFmpegOptions"/>, used by DI and by <c>AddFFmpeg</c>: the data annotations (generated),
/// and the range of <see cref="FFmpegOptions.MaxWebVideoDuration"/>, which an annotation would check through
/// reflection-based type conversion (not trim-safe).
/// </summary>
internal sealed partial class FFmpegOptionsValidator : IValidateOptions<FFmpegOptions>
{
    private static readonly TimeSpan ShortestWebVideo = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestWebVideo = TimeSpan.FromDays(1);

    private readonly Annotations annotations = new();

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, FFmpegOptions options)
    {
        var builder = new ValidateOptionsResultBuilder();
        builder.AddResult(annotations.Validate(name, options));
        if (options.MaxWebVideoDuration < ShortestWebVideo || options.MaxWebVideoDuration > LongestWebVideo)
        {
            builder.AddError($"MaxWebVideoDuration ({options.MaxWebVideoDuration}) must be between 1 second and 1 day.", nameof(options.MaxWebVideoDuration));
        }

        return builder.Build();
    }

    /// <summary>The data annotations of <see cref="FFmpegOptions"/>.</summary>
    [OptionsValidator]
    private sealed partial class Annotations : IValidateOptions<FFmpegOptions>
    {
    }
}
