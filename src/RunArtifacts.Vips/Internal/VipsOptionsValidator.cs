using Microsoft.Extensions.Options;

namespace RunArtifacts.Vips.Internal;

/// <summary>Generated data-annotation validation of <see cref="VipsOptions"/>; used by DI and by <c>AddVips</c>.</summary>
[OptionsValidator]
internal sealed partial class VipsOptionsValidator : IValidateOptions<VipsOptions>
{
}
