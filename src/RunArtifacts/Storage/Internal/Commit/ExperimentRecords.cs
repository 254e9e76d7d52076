using RunArtifacts.Records;

namespace RunArtifacts.Storage.Internal.Commit;

/// <summary>The AssembleRecords part of an experiment run: its fields of <c>run.json</c> and its git summary in the environment.</summary>
internal static class ExperimentRecords
{
    public static EnvironmentRecord Environment(EnvironmentRecord environment, CommitWork work)
        => work.Experiment.RunManifest?.Git is { } git
            ? environment with { GitCommit = git.Commit, GitBranch = git.Branch, GitDirty = git.Dirty }
            : environment;

    /// <summary>The folder the run is published under: its date, or its project under <see cref="RunLayout.ByProject"/>.</summary>
    public static string ParentFolder(CommitContext context, CommitWork work)
        => context.Options.Layout == RunLayout.ByProject
            ? ProjectFolder(work.Draft.Experiment.Project ?? context.Options.DefaultProject, context.Options.MaxModelKeyLength)
            : Naming.DateFolder(work.Draft.CreatedAt);

    /// <summary>
    /// The run id before its collision suffix: <c>YYYYMMDD_HHMMSS_model[_slug]</c>, or under the project layout the ML runs
    /// specification's <c>YYYY-MM-DD_HH-MM-SS_&lt;git hash&gt;</c> (the first 12 hex digits; the model key when no repository was captured).
    /// </summary>
    public static string RunIdBase(CommitContext context, CommitWork work)
    {
        if (context.Options.Layout != RunLayout.ByProject)
        {
            return Naming.RunIdBase(work.Draft.CreatedAt, work.ModelKeySlug, work.Slug);
        }

        var stamp = work.Draft.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd_HH-mm-ss", System.Globalization.CultureInfo.InvariantCulture);
        return stamp + "_" + (work.Experiment.RunManifest?.GitHash is { } hash ? hash[..Math.Min(12, hash.Length)] : work.ModelKeySlug);
    }

    /// <summary>A project name as a folder name (slugged; never a date folder, never hidden).</summary>
    public static string ProjectFolder(string project, int maxLength)
    {
        var slug = Naming.Slug(project, maxLength);
        return slug.Length == 0 ? "default" : slug;
    }

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
