using System.Collections;

namespace RunArtifacts.Derivatives;

/// <summary>The derivative generators and media probers a store uses. Extension packages add theirs here (<c>AddFFmpeg()</c>).</summary>
public sealed class DerivativeGeneratorCollection : IEnumerable<DerivativeRegistration>
{
    private readonly List<DerivativeRegistration> generators = [];
    private readonly List<IMediaProber> probers = [];
    private readonly List<Func<IEnumerable<string>>> validators = [];

    /// <summary>The media probers, in the order they are tried.</summary>
    public IReadOnlyList<IMediaProber> Probers => probers;

    /// <summary>Number of registered generators.</summary>
    public int Count => generators.Count;

    /// <summary>Adds a generator; a generator of the same <see cref="IDerivativeGenerator.Name"/> is replaced.</summary>
    /// <param name="generator">The generator.</param>
    /// <param name="required">When true, a failure of this generator fails the commit (nothing is published).</param>
    /// <returns>This collection.</returns>
    public DerivativeGeneratorCollection Add(IDerivativeGenerator generator, bool required = false)
    {
        ArgumentNullException.ThrowIfNull(generator);
        generators.RemoveAll(r => r.Generator.Name == generator.Name);
        generators.Add(new DerivativeRegistration(generator, required));
        return this;
    }

    /// <summary>Adds a media prober; one of the same name is replaced.</summary>
    /// <param name="prober">The prober.</param>
    /// <returns>This collection.</returns>
    public DerivativeGeneratorCollection AddProber(IMediaProber prober)
    {
        ArgumentNullException.ThrowIfNull(prober);
        probers.RemoveAll(p => p.Name == prober.Name);
        probers.Add(prober);
        return this;
    }

    /// <summary>Adds a check run by option validation (for example: ffmpeg must be found when a generator is required).</summary>
    /// <param name="validator">Returns one line per problem.</param>
    /// <returns>This collection.</returns>
    public DerivativeGeneratorCollection AddValidation(Func<IEnumerable<string>> validator)
    {
        ArgumentNullException.ThrowIfNull(validator);
        validators.Add(validator);
        return this;
    }

    /// <summary>Removes every generator and prober.</summary>
    public void Clear()
    {
        generators.Clear();
        probers.Clear();
        validators.Clear();
    }

    /// <inheritdoc/>
    public IEnumerator<DerivativeRegistration> GetEnumerator() => generators.GetEnumerator();

    /// <inheritdoc/>
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal IEnumerable<string> Validate() => validators.SelectMany(v => v());

    /// <summary>A copy holding the same registrations, probers and validations (the store's snapshot).</summary>
    internal DerivativeGeneratorCollection Copy()
    {
        var copy = new DerivativeGeneratorCollection();
        copy.generators.AddRange(generators);
        copy.probers.AddRange(probers);
        copy.validators.AddRange(validators);
        return copy;
    }
}
