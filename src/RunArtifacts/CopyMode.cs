namespace RunArtifacts;

/// <summary>How input and output files are brought into a run folder.</summary>
public enum CopyMode
{
    /// <summary>Copy the bytes (hashing in the same pass). The run never shares storage with the source.</summary>
    Copy,

    /// <summary>Hard-link the file where the volume allows it (hashing by reading once), else copy.
    /// The run then shares the file's storage with the source: a later in-place edit of the source changes the run (verify catches it).</summary>
    HardLink,
}
