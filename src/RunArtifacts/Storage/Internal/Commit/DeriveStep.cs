using RunArtifacts.Derivatives;
using RunArtifacts.Internal;
using RunArtifacts.IO.Internal;
using RunArtifacts.Records;

namespace RunArtifacts.Storage.Internal.Commit;

/// <summary>
/// Step 4, <see cref="CommitStage.Derive"/>: web copies, thumbnails and posters of every output through the store's and
/// the run's generators. Best effort unless a generator is required: a failure adds a <c>derivative_failed</c> warning (and a
/// log entry) and the run commits with its originals; a required generator's failure fails the commit.
/// </summary>
internal static class DeriveStep
{
    public static async Task RunAsync(CommitContext context, CommitWork work, CancellationToken cancellationToken)
    {
        var draft = work.Draft;
        if (draft.SkipDerivatives)
        {
            return;
        }

        var options = context.Options;
        var outputs = work.Outputs;
        var dir = work.Directory;
        var warnings = work.Warnings;
        var progress = draft.Progress;
        var registrations = options.Derivatives.Concat(draft.ExtraGenerators).ToList();
        if (registrations.Count == 0 || outputs.Count == 0)
        {
            return;
        }

        var jobs = outputs
            .SelectMany(asset => registrations.Select(r => (asset, r, source: asset.ToSource(dir))))
            .Where(j => j.r.Generator.CanHandle(j.source))
            .ToList();
        if (jobs.Count == 0)
        {
            return;
        }

        using var gate = new SemaphoreSlim(options.MaxParallelDerivatives);
        var done = 0;
        var settings = options.DerivativeSettings;
        var results = await Task.WhenAll(jobs.Select(async job =>
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var request = new DerivativeRequest { Source = job.source, RunDirectory = dir, Settings = settings, Progress = progress };
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(options.DerivativeTimeout);
                DerivativeResult result;
                try
                {
                    result = await job.r.Generator.GenerateAsync(request, timeout.Token).ConfigureAwait(false);
                    result = CheckResult(result, job.source, dir);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    result = DerivativeResult.Failed($"timed out after {options.DerivativeTimeout}");
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    result = DerivativeResult.Failed($"{ex.GetType().Name}: {ex.Message}");
                }

                var hashed = new List<(GeneratedDerivative, long, string?, string)>();
                if (result.Succeeded)
                {
                    foreach (var d in result.Derivatives)
                    {
                        var full = Path.Combine(dir, d.RelativePath);
                        if (settings.Sha256)
                        {
                            var (bytes, sha) = FileCopier.HashFile(full, cancellationToken);
                            hashed.Add((d, bytes, sha, job.r.Generator.Name));
                        }
                        else
                        {
                            hashed.Add((d, new FileInfo(full).Length, null, job.r.Generator.Name));
                        }

                        if (options.FlushToDisk)
                        {
                            FsyncFile(full);
                        }
                    }
                }

                progress?.Report(new CommitProgress(CommitStage.Derive, job.asset.RelativePath, Interlocked.Increment(ref done), jobs.Count));
                return (job, result, hashed);
            }
            finally
            {
                gate.Release();
            }
        })).ConfigureAwait(false);

        foreach (var (job, result, hashed) in results)
        {
            work.AddToolVersion(result.ToolVersion);

            foreach (var w in result.Warnings)
            {
                // The same warning from several files (ffmpeg missing, say) is recorded once; it then names no single file.
                var message = $"{job.r.Generator.Name}: {w}";
                var same = warnings.FindIndex(x => x.Code == "derivative_warning" && x.Message == message);
                if (same >= 0)
                {
                    if (warnings[same].Path != job.asset.RelativePath)
                    {
                        warnings[same] = warnings[same] with { Path = null };
                    }

                    continue;
                }

                warnings.Add(new WarningRecord { Code = "derivative_warning", Message = message, Path = job.asset.RelativePath });
            }

            if (!result.Succeeded)
            {
                if (job.r.Required)
                {
                    throw new ArtifactCommitException($"Required derivative generator '{job.r.Generator.Name}' failed for {job.asset.RelativePath}: {result.Error}; nothing was published.") { Stage = CommitStage.Derive };
                }

                Log.DerivativeFailed(context.Logger, job.r.Generator.Name, job.asset.RelativePath, result.Error);
                warnings.Add(new WarningRecord { Code = "derivative_failed", Message = $"{job.r.Generator.Name} failed for {job.asset.RelativePath}: {result.Error}", Path = job.asset.RelativePath });
                continue;
            }

            job.asset.Derivatives.AddRange(hashed);
        }

        RemoveUnclaimed(dir, outputs);
    }

    /// <summary>Refuses results that name files outside <c>web/</c> and <c>thumb/</c>, or files that are not there.</summary>
    private static DerivativeResult CheckResult(DerivativeResult result, DerivativeSource source, string dir)
    {
        if (!result.Succeeded)
        {
            return result;
        }

        foreach (var d in result.Derivatives)
        {
            var rel = d.RelativePath;
            var inside = (rel.StartsWith("web/", StringComparison.Ordinal) || rel.StartsWith("thumb/", StringComparison.Ordinal))
                && !rel.Contains("..", StringComparison.Ordinal) && !rel.Contains('\\') && rel.Count(c => c == '/') == 1
                && Path.GetFileName(rel).StartsWith(source.Stem, StringComparison.Ordinal);
            if (!inside)
            {
                return DerivativeResult.Failed($"the generator named '{rel}', which is not a derivative path of {source.RelativePath}", result.ToolVersion);
            }

            var info = new FileInfo(Path.Combine(dir, rel));
            if (!info.Exists || info.Length == 0)
            {
                return DerivativeResult.Failed($"the generator reported '{rel}' but it is missing or empty", result.ToolVersion);
            }
        }

        return result;
    }

    /// <summary>Deletes files in web/ and thumb/ that no successful generator claimed (leftovers of failed ones).</summary>
    private static void RemoveUnclaimed(string dir, List<StagedAsset> outputs)
    {
        var claimed = outputs.SelectMany(o => o.Derivatives.Select(d => d.Generated.RelativePath)).ToHashSet(StringComparer.Ordinal);
        foreach (var folder in new[] { "web", "thumb" })
        {
            var full = Path.Combine(dir, folder);
            if (!Directory.Exists(full))
            {
                continue;
            }

            foreach (var file in Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories))
            {
                var rel = Path.GetRelativePath(dir, file).Replace('\\', '/');
                if (!claimed.Contains(rel))
                {
                    File.Delete(file);
                }
            }

            foreach (var sub in Directory.EnumerateDirectories(full, "*", SearchOption.AllDirectories).OrderByDescending(s => s.Length))
            {
                if (!Directory.EnumerateFileSystemEntries(sub).Any())
                {
                    Directory.Delete(sub);
                }
            }

            if (!Directory.EnumerateFileSystemEntries(full).Any())
            {
                Directory.Delete(full);
            }
        }
    }

    private static void FsyncFile(string path)
    {
        using var fs = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, 1);
        fs.Flush(flushToDisk: true);
    }
}
