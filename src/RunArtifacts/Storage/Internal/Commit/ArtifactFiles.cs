using RunArtifacts.Builder.Internal;
using RunArtifacts.Experiments.Internal;
using RunArtifacts.IO.Internal;
using RunArtifacts.Records;
using RunArtifacts.Records.Internal;

namespace RunArtifacts.Storage.Internal.Commit;

/// <summary>
/// The StageFiles part of an experiment run: artifact files copied under <c>artifacts/</c> with the same one-pass copy
/// and hash as the outputs, and the code and environment capture, which runs beside the copies.
/// </summary>
internal static class ArtifactFiles
{
    /// <summary>Starts the capture of code and environment (process calls run while files are copied); null when the run records none.</summary>
    public static Task<CapturedEnvironment>? StartCapture(CommitContext context, RunDraft draft, CancellationToken cancellationToken)
    {
        var options = context.Options.Experiments;
        var experiment = draft.Experiment;
        if (!experiment.Any && !options.AlwaysWriteRunManifest)
        {
            return null;
        }

        var code = experiment.CodeDirectory ?? (options.CaptureGit ? options.CodeDirectory ?? Environment.CurrentDirectory : null);

        // On the thread pool: starting git (fork and exec) and the first read of .deps.json happen beside the copies, not before them.
        return Task.Run(() => EnvironmentCapture.CaptureAsync(options, code, cancellationToken), cancellationToken);
    }

    /// <summary>Waits for the capture started in StageFiles (before WriteTexts, the first step that needs it).</summary>
    public static async Task FinishCaptureAsync(CommitWork work)
    {
        if (work.Experiment.Capturing is { } capturing)
        {
            work.Experiment.Captured = await capturing.ConfigureAwait(false);
        }
    }

    public static async Task<List<ArtifactFileRecord>> StageAsync(CommitContext context, RunDraft draft, string dir, Action<long> onBytes, CancellationToken cancellationToken)
    {
        var artifacts = draft.Experiment.Artifacts;
        var records = new ArtifactFileRecord[artifacts.Count];
        if (artifacts.Count == 0)
        {
            return [];
        }

        var options = context.Options;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Clamp(Environment.ProcessorCount, 1, 4), CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, artifacts.Count), parallel, async (i, ct) =>
        {
            var artifact = artifacts[i];
            var relative = "artifacts/" + artifact.Name;
            var destination = Path.Combine(dir, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            CopyResult copy;
            try
            {
                copy = await FileCopier.CopyAsync(artifact.File, destination, options.CopyMode, options.ComputeSha256, options.FlushToDisk, onBytes, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
            {
                throw new ArtifactValidationException($"Artifact file '{artifact.Name}' ('{artifact.File.SourcePath}') could not be read: {ex.Message}", ex);
            }

            records[i] = new ArtifactFileRecord
            {
                Name = artifact.Name,
                RelativePath = relative,
                OriginalFilename = artifact.File.OriginalFileName,
                MimeType = MediaTypes.Detect(copy.Head, artifact.Name),
                Bytes = copy.Bytes,
                Sha256 = copy.Sha256,
                HardLinked = copy.HardLinked ? true : null,
            };
        }).ConfigureAwait(false);
        return [.. records];
    }
}
