namespace RunArtifacts.Experiments;

/// <summary>How a value differs between two runs.</summary>
public enum ChangeKind
{
    /// <summary>Only the second run has it.</summary>
    Added,

    /// <summary>Only the first run has it.</summary>
    Removed,

    /// <summary>Both have it, with different values.</summary>
    Changed,
}
