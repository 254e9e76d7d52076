using RunArtifacts.Storage;

namespace RunArtifacts.NUnit.Internal;

/// <summary>
/// A store the recorder opened, with the two settings it reads itself (the store keeps its frozen options private).
/// </summary>
/// <param name="Store">The store, shared by every test of the assembly that uses the same root.</param>
/// <param name="CaptureStackTraces">Whether a failed test's stack is recorded.</param>
/// <param name="MaxSlugLength">The slug cap the store applies, for the test slug's short-hash fallback.</param>
internal sealed record RecorderStore(RunArtifactStore Store, bool CaptureStackTraces, int MaxSlugLength);
