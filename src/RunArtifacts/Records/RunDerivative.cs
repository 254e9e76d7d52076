namespace RunArtifacts.Records;

/// <summary>One derivative of an output (web copy, thumbnail, poster), joined with its view sidecar.</summary>
/// <param name="Record">The derivative's record from <c>run.json</c>.</param>
/// <param name="View">Its view sidecar (<c>&lt;derivative&gt;.view.json</c>); <c>View.Source.Sha256</c> is the output's hash.</param>
/// <param name="FullPath">Absolute path of the derivative file.</param>
public sealed record RunDerivative(DerivativeRecord Record, ViewRecord View, string FullPath);
