namespace RunArtifacts.Derivatives;

/// <summary>A registered generator and whether it is required.</summary>
/// <param name="Generator">The generator.</param>
/// <param name="Required">When true, a failure of this generator fails the commit with nothing published.</param>
public sealed record DerivativeRegistration(IDerivativeGenerator Generator, bool Required);
