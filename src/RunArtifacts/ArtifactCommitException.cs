namespace RunArtifacts;

/// <summary>Committing a run failed part-way (I/O, a full disk, a required derivative); nothing was published.</summary>
public sealed class ArtifactCommitException : ArtifactsException
{
    /// <summary>Creates the exception.</summary>
    public ArtifactCommitException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public ArtifactCommitException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public ArtifactCommitException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>
    /// The commit step that failed: <see cref="CommitStage.StageFiles"/> (the root is not writable, a copy failed),
    /// <see cref="CommitStage.Derive"/> (a required generator failed), <see cref="CommitStage.WriteTexts"/>,
    /// <see cref="CommitStage.AssembleRecords"/> or <see cref="CommitStage.Publish"/> (I/O), or
    /// <see cref="CommitStage.Index"/> (the run was published, see <see cref="Published"/>).
    /// Null when the exception was not raised by a commit.
    /// </summary>
    public CommitStage? Stage { get; init; }

    /// <summary>True when the run folder was published and only the index line failed; <c>reindex</c> recovers it.</summary>
    public bool Published { get; init; }
}
