namespace RunArtifacts.Experiments;

/// <summary>A file (output or artifact file) of the first run with the same SHA-256 as a file of the second.</summary>
/// <param name="PathA">Its path in the first run.</param>
/// <param name="PathB">Its path in the second run.</param>
/// <param name="Sha256">The shared hash.</param>
public sealed record IdenticalFile(string PathA, string PathB, string Sha256);
