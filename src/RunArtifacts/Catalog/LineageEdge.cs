namespace RunArtifacts.Catalog;

/// <summary>
/// One link between two runs: an input of <see cref="DownstreamRunId"/> has the same SHA-256 as an output or a
/// derivative of <see cref="UpstreamRunId"/>.
/// </summary>
/// <param name="UpstreamRunId">The run that produced the content.</param>
/// <param name="DownstreamRunId">The run that consumed it.</param>
/// <param name="Sha256">The shared hash.</param>
/// <param name="UpstreamPath">The output or derivative in the upstream run (relative to its folder).</param>
/// <param name="UpstreamRole">Whether the upstream file is an output or a derivative.</param>
/// <param name="DownstreamPath">The input in the downstream run (relative to its folder).</param>
public sealed record LineageEdge(string UpstreamRunId, string DownstreamRunId, string Sha256, string UpstreamPath, RunFileRole UpstreamRole, string DownstreamPath);
