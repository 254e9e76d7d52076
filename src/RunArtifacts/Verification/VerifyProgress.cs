namespace RunArtifacts.Verification;

/// <summary>Progress of a verification.</summary>
/// <param name="RunsDone">Runs verified so far.</param>
/// <param name="RunsTotal">Runs to verify.</param>
/// <param name="BytesHashed">Bytes hashed so far.</param>
/// <param name="RunsFailed">Runs with problems so far.</param>
public readonly record struct VerifyProgress(int RunsDone, int RunsTotal, long BytesHashed, int RunsFailed);
