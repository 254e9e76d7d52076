namespace RunArtifacts.Storage;

/// <summary>What <see cref="RunArtifactStore.RecoverAsync(CancellationToken)"/> removed and what it left alone.</summary>
/// <param name="RemovedStagingFolders">Stale staging folders (of writers that crashed) that were removed.</param>
/// <param name="RemovedLockFiles">Stale lock and temporary files that were removed.</param>
/// <param name="InProgress">Staging folders of commits still running, left alone.</param>
public sealed record RecoverResult(int RemovedStagingFolders, int RemovedLockFiles, int InProgress);
