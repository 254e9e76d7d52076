using RunArtifacts.Derivatives;
using RunArtifacts.Internal;
using RunArtifacts.Records;

namespace RunArtifacts.Storage.Internal.Commit;

/// <summary>
/// Step 3, <see cref="CommitStage.Probe"/>: media facts of every staged file from the first prober that takes it. Best
/// effort: a prober that fails or times out adds a <c>probe_failed</c> warning (and a log entry); the run still commits.
/// </summary>
internal static class ProbeStep
{
    public static async Task RunAsync(CommitContext context, CommitWork work, CancellationToken cancellationToken)
    {
        var options = context.Options;
        var probers = options.Derivatives.Probers;
        var assets = work.Assets.ToList();
        var dir = work.Directory;
        var warnings = work.Warnings;
        if (probers.Count == 0 || assets.Count == 0)
        {
            return;
        }

        using var gate = new SemaphoreSlim(options.MaxParallelDerivatives);
        var sync = new Lock();
        var tasks = assets.Select(async asset =>
        {
            var source = asset.ToSource(dir);
            var prober = probers.FirstOrDefault(p => p.CanProbe(source));
            if (prober is null)
            {
                return;
            }

            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(options.DerivativeTimeout);
                MediaProbeResult result;
                try
                {
                    result = await prober.ProbeAsync(source, timeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    result = MediaProbeResult.Failed($"timed out after {options.DerivativeTimeout}");
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    result = MediaProbeResult.Failed(ex.Message);
                }

                work.AddToolVersion(result.ToolVersion);
                lock (sync)
                {
                    if (result.Facts is not null)
                    {
                        asset.Facts = result.Facts;
                    }
                    else
                    {
                        Log.ProbeFailed(context.Logger, prober.Name, asset.RelativePath, result.Error);
                        warnings.Add(new WarningRecord { Code = "probe_failed", Message = $"{prober.Name} could not read {asset.RelativePath}: {result.Error}", Path = asset.RelativePath });
                    }
                }
            }
            finally
            {
                gate.Release();
            }
        });
        await Task.WhenAll(tasks).ConfigureAwait(false);
    }
}
