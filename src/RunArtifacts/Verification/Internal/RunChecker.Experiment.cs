using RunArtifacts.Records;
using RunArtifacts.Schemas;
using RunArtifacts.Serialization;

namespace RunArtifacts.Verification.Internal;

/// <summary>Checks of an experiment run (schema 1.1.0): configuration files, <c>metrics.json</c>, <c>run_manifest.json</c>, the git diff, artifact files.</summary>
internal sealed partial class RunChecker
{
    private static void CheckExperiment(RunState run, RunRecord record)
    {
        const string By = "run.json";
        if (record.Config is { } config)
        {
            run.Name(config.Path, By, "config.path", sha256: config.Sha256);
            run.Name(config.ResolvedPath, By, "config.resolved_path", sha256: config.ResolvedSha256);
        }

        if (record.Metrics is { } metrics && run.Name(metrics.Path, By, "metrics.path", expectFile: false))
        {
            var read = ReadRecord(run, metrics.Path, RecordKind.Metrics, RunArtifactsJsonContext.Default.MetricsRecord, By + " metrics.path");
            if (read is not null)
            {
                var names = read.Scalars.Keys.Concat(read.Series.Keys).ToHashSet(StringComparer.Ordinal);
                if (!names.SetEquals(metrics.Values.Keys))
                {
                    run.Problem(metrics.Path, VerificationChecks.Join, "the metric names differ from the summary in run.json");
                }
            }
        }

        if (record.RunManifestPath is { } manifestPath && run.Name(manifestPath, By, "run_manifest_path", expectFile: false))
        {
            var manifest = ReadRecord(run, manifestPath, RecordKind.RunManifest, RunArtifactsJsonContext.Default.RunManifestRecord, By + " run_manifest_path");
            if (manifest?.Git is { } git)
            {
                run.Name(git.DiffPath, manifestPath, "git.diff_path");
                if (record.Environment.GitCommit is { } commit && commit != git.Commit)
                {
                    run.Problem(manifestPath, VerificationChecks.Join, $"git commit {Short(git.Commit)} differs from run.json's environment ({Short(commit)})");
                }
            }
        }

        for (var i = 0; i < record.ArtifactFiles?.Count; i++)
        {
            var a = record.ArtifactFiles[i];
            if (!a.RelativePath.StartsWith("artifacts/", StringComparison.Ordinal) || a.RelativePath != "artifacts/" + a.Name)
            {
                run.Problem(a.RelativePath, VerificationChecks.Path, $"artifact file '{a.Name}' is not at artifacts/{a.Name}");
            }

            run.Name(a.RelativePath, By, $"artifact_files[{i}].relative_path", a.Bytes, a.Sha256);
        }
    }
}
