namespace RunArtifacts.NUnit;

/// <summary>Which tests' bundles <see cref="RecordRunAttribute"/> keeps.</summary>
public enum RunKeep
{
    /// <summary>Every test's bundle is committed, whatever its outcome (the default).</summary>
    Always,

    /// <summary>Only failed tests' bundles are committed; a passing, skipped or inconclusive test's draft is dropped without touching the disk.</summary>
    FailuresOnly,
}
