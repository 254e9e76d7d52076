namespace RunArtifacts;

/// <summary>
/// The steps of a commit, in the order they run. <see cref="ArtifactCommitException.Stage"/> names the step that failed;
/// <see cref="Derivatives.CommitProgress.Stage"/> names the step being reported.
/// </summary>
public enum CommitStage
{
    /// <summary>The builder's draft is frozen and the whole-run rules are checked; nothing has touched the root yet.</summary>
    Freeze,

    /// <summary>A staging folder is made under <c>&lt;root&gt;/.staging/</c>; inputs and outputs are copied and hashed in one pass.</summary>
    StageFiles,

    /// <summary>Media facts (dimensions, duration, codec) are read by the registered probers.</summary>
    Probe,

    /// <summary>Web copies, thumbnails and posters are made by the registered derivative generators.</summary>
    Derive,

    /// <summary>Prompts, the request, logs, errors, warnings and every other text pass the redactor and are written.</summary>
    WriteTexts,

    /// <summary>Sidecars, <c>run.json</c>, <c>manifest.json</c> and <c>notes.md</c> are written; files and folders are flushed.</summary>
    AssembleRecords,

    /// <summary>The staged folder is renamed into its date folder; the rename decides the run id's suffix.</summary>
    Publish,

    /// <summary>The index line is appended (the run is already published: a failure here leaves it for <c>reindex</c>).</summary>
    Index,
}
