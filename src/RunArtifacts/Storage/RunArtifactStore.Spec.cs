using RunArtifacts.Builder;
using RunArtifacts.Specs;

namespace RunArtifacts.Storage;

public sealed partial class RunArtifactStore
{
    /// <summary>Starts a run described by a spec: <c>CreateRun(spec.ModelKey).Apply(spec)</c>.</summary>
    /// <param name="spec">The run, as data; see <see cref="RunSpec.Parse"/>.</param>
    /// <returns>A builder holding the spec; add more, then <see cref="RunArtifactBuilder.CommitAsync"/>.</returns>
    /// <exception cref="ArtifactValidationException">The spec holds values the builder refuses; every problem is listed.</exception>
    public RunArtifactBuilder CreateRun(RunSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return CreateRun(spec.ModelKey).Apply(spec);
    }
}
