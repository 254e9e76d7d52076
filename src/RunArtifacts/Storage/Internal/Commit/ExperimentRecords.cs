using RunArtifacts.Records;

namespace RunArtifacts.Storage.Internal.Commit;

/// <summary>The AssembleRecords part of an experiment run: its fields of <c>run.json</c> and its git summary in the environment.</summary>
internal static class ExperimentRecords
{
    public static EnvironmentRecord Environment(EnvironmentRecord environment, CommitWork work)
        => work.Experiment.RunManifest?.Git is { } git
            ? environment with { GitCommit = git.Commit, GitBranch = git.Branch, GitDirty = git.Dirty }
            : environment;

    public static RunRecord Complete(RunRecord run, CommitWork work)
    {
        var e = work.Experiment;
        return run with
        {
            Project = e.Project,
            Config = e.Config,
            Metrics = e.Metrics,
            ArtifactFiles = e.ArtifactFiles.Count > 0 ? e.ArtifactFiles : null,
            RunManifestPath = e.RunManifest is null ? null : ExperimentTexts.RunManifestFile,
        };
    }
}
