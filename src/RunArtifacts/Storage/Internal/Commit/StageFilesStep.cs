using RunArtifacts.Builder.Internal;
using RunArtifacts.Derivatives;
using RunArtifacts.Index.Internal;
using RunArtifacts.IO.Internal;
using RunArtifacts.Records.Internal;

namespace RunArtifacts.Storage.Internal.Commit;

/// <summary>
/// Step 2, <see cref="CommitStage.StageFiles"/>: a staging folder under <c>&lt;root&gt;/.staging/</c> (its held lock file
/// marks it live), then inputs, outputs and artifact files copied in one pass that also hashes them, and named by kind; a
/// secret pattern inside an original becomes a warning (<see cref="OriginalSecrets"/>).
/// </summary>
internal static class StageFilesStep
{
    /// <summary>Makes the staging folder; a root that cannot be written is a commit error naming the root.</summary>
    public static StagingArea OpenStaging(CommitContext context)
    {
        var root = context.RootPath;
        try
        {
            // Before anything is written: the entries a commit writes through (staging, the index and its lock).
            RootEntries.EnsurePlain(Path.Combine(root, StagingArea.FolderName), directory: true);
            RootEntries.EnsurePlain(Path.Combine(root, IndexFile.FileName), directory: false);
            RootEntries.EnsurePlain(Path.Combine(root, IndexFile.LockFileName), directory: false);
        }
        catch (IOException ex)
        {
            throw new ArtifactCommitException($"Nothing was committed: {ex.Message}", ex) { Stage = CommitStage.StageFiles };
        }

        try
        {
            Directory.CreateDirectory(root);
            return StagingArea.Create(root, context.Clock.GetUtcNow());
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ArtifactCommitException($"The root '{root}' is not writable: {ex.Message}", ex) { Stage = CommitStage.StageFiles };
        }
    }

    public static async Task RunAsync(CommitContext context, CommitWork work, StagingArea staging, CancellationToken cancellationToken)
    {
        var draft = work.Draft;
        var progress = draft.Progress;
        work.Directory = staging.RunDirectory;
        work.Experiment.Capturing = ArtifactFiles.StartCapture(context, draft, cancellationToken);
        var totalBytes = draft.Inputs.Concat(draft.Outputs).Concat(draft.Experiment.Artifacts.Select(a => a.File)).Sum(f => f.SourcePath is { } p ? new FileInfo(p).Length : f.Bytes?.Length ?? 0);
        long doneBytes = 0;
        void OnBytes(long n)
        {
            var done = Interlocked.Add(ref doneBytes, n);
            progress?.Report(new CommitProgress(CommitStage.StageFiles, null, done, totalBytes));
        }

        work.Inputs = await StageAsync(context, draft.Inputs, work.Directory, "inputs", isOutput: false, OnBytes, cancellationToken).ConfigureAwait(false);
        work.Outputs = await StageAsync(context, draft.Outputs, work.Directory, "original", isOutput: true, OnBytes, cancellationToken).ConfigureAwait(false);
        work.Experiment.ArtifactFiles = await ArtifactFiles.StageAsync(context, draft, work.Directory, OnBytes, cancellationToken).ConfigureAwait(false);
        OriginalSecrets.Check(context, work, cancellationToken);
    }

    private static async Task<List<StagedAsset>> StageAsync(CommitContext context, List<PendingFile> files, string dir, string folder, bool isOutput, Action<long> onBytes, CancellationToken cancellationToken)
    {
        var options = context.Options;
        var staged = new List<StagedAsset>(files.Count);
        if (files.Count == 0)
        {
            return staged;
        }

        Directory.CreateDirectory(Path.Combine(dir, folder));
        var slots = new StagedAsset[files.Count];

        // Files are staged concurrently (SHA-256 is the CPU-bound part; one file per core keeps every core hashing
        // while the disk works). Each copy is itself one pass that overlaps reading, hashing and writing.
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Clamp(Environment.ProcessorCount, 1, 4), CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, files.Count), parallel, async (i, ct) =>
        {
            var file = files[i];
            var temp = $"{folder}/.pending_{i:0000}";
            CopyResult copy;
            try
            {
                copy = await FileCopier.CopyAsync(file, Path.Combine(dir, temp), options.CopyMode, options.ComputeSha256, options.FlushToDisk, onBytes, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when ((ex is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException) && file.SourcePath is not null)
            {
                throw new ArtifactValidationException($"{(isOutput ? "Output" : "Input")} {i + 1} '{file.SourcePath}' could not be read: {ex.Message}", ex);
            }

            var mime = file.MimeType ?? MediaTypes.Detect(copy.Head, file.OriginalFileName);
            var kind = file.Kind ?? MediaTypes.KindOf(mime);
            slots[i] = new StagedAsset { Source = file, IsOutput = isOutput, RelativePath = temp, Copy = copy, MimeType = mime, Kind = kind };
        }).ConfigureAwait(false);
        staged.AddRange(slots);

        // Names depend on every file's kind, so they are given once all are staged.
        var counters = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var asset in staged)
        {
            var prefix = isOutput ? "output" : Naming.InputPrefix(asset.Source.Role, asset.Kind);
            var n = counters[prefix] = counters.GetValueOrDefault(prefix) + 1;
            var finalPath = $"{folder}/{prefix}_{n:00}.{Naming.Extension(asset.Source.OriginalFileName, asset.MimeType)}";
            File.Move(Path.Combine(dir, asset.RelativePath), Path.Combine(dir, finalPath));
            asset.RelativePath = finalPath;
        }

        return staged;
    }
}
