using Microsoft.Extensions.Options;
using RunArtifacts.Derivatives;

namespace RunArtifacts;

/// <summary>Generated data-annotation validation of <see cref="RunArtifactsOptions"/>.</summary>
[OptionsValidator]
internal sealed partial class RunArtifactsOptionsValidator : IValidateOptions<RunArtifactsOptions>
{
}

/// <summary>Rules that span several fields of <see cref="RunArtifactsOptions"/>.</summary>
internal sealed class RunArtifactsOptionsCrossValidator : IValidateOptions<RunArtifactsOptions>
{
    public ValidateOptionsResult Validate(string? name, RunArtifactsOptions options)
    {
        var builder = new ValidateOptionsResultBuilder();
        if (!string.IsNullOrWhiteSpace(options.Root) && options.Root.IndexOfAny(['\0']) >= 0)
        {
            builder.AddError("Root must not contain NUL characters.", nameof(options.Root));
        }

        if (options.IndexLockTimeout < TimeSpan.FromMilliseconds(10) || options.IndexLockTimeout > TimeSpan.FromHours(1))
        {
            builder.AddError($"IndexLockTimeout ({options.IndexLockTimeout}) must be between 10 ms and 1 hour.", nameof(options.IndexLockTimeout));
        }

        if (options.DerivativeTimeout < TimeSpan.FromMilliseconds(100) || options.DerivativeTimeout > TimeSpan.FromDays(1))
        {
            builder.AddError($"DerivativeTimeout ({options.DerivativeTimeout}) must be between 100 ms and 1 day.", nameof(options.DerivativeTimeout));
        }

        var capture = options.Capture;
        if (capture.HeadBytes + capture.TailBytes > capture.MaxBytes)
        {
            builder.AddError($"Capture.HeadBytes ({capture.HeadBytes}) + Capture.TailBytes ({capture.TailBytes}) must not exceed Capture.MaxBytes ({capture.MaxBytes}).", nameof(options.Capture));
        }

        var settings = options.DerivativeSettings;
        if (settings.ImageThumbMaxDimension > settings.ImageWebMaxDimension)
        {
            builder.AddError($"DerivativeSettings.ImageThumbMaxDimension ({settings.ImageThumbMaxDimension}) must not exceed ImageWebMaxDimension ({settings.ImageWebMaxDimension}).", nameof(options.DerivativeSettings));
        }

        if (!PosterTimeSpec.TryParse(settings.PosterTime, out _))
        {
            builder.AddError($"DerivativeSettings.PosterTime '{settings.PosterTime}' is not 'first', a time such as '2.5s', or a fraction such as '0.5'.", nameof(options.DerivativeSettings));
        }

        foreach (var problem in options.Derivatives.Validate())
        {
            builder.AddError(problem, nameof(options.Derivatives));
        }

        foreach (var problem in options.Redaction.Validate())
        {
            builder.AddError(problem, nameof(options.Redaction));
        }

        return builder.Build();
    }
}
