using System.Globalization;
using RunArtifacts.Internal;
using RunArtifacts.Records;
using RunArtifacts.Redaction.Internal;

namespace RunArtifacts.Storage.Internal.Commit;

/// <summary>
/// Part of <see cref="CommitStage.StageFiles"/>: originals are kept byte for byte, so a secret pattern inside one (a text
/// file a model returned, a request dump given as input) cannot be redacted. It is found here instead and recorded as a
/// <c>secret_in_original</c> warning naming the file, the rule and the lines, never the value; <c>verify</c> reports the
/// same finding as a warning that does not fail the run.
/// </summary>
internal static class OriginalSecrets
{
    /// <summary>The warning code recorded in <c>run.json</c>.</summary>
    public const string WarningCode = "secret_in_original";

    public static void Check(CommitContext context, CommitWork work, CancellationToken cancellationToken)
    {
        foreach (var asset in work.Inputs.Concat(work.Outputs))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var found = TextFileSecretScan.Scan(context.Redactor, Path.Combine(work.Directory, asset.RelativePath), cancellationToken);
            foreach (var rule in found.GroupBy(f => f.Rule, StringComparer.Ordinal))
            {
                var lines = string.Join(", ", rule.Select(f => f.Line.ToString(CultureInfo.InvariantCulture)).Distinct().Take(10));
                work.Warnings.Add(new WarningRecord
                {
                    Code = WarningCode,
                    Path = asset.RelativePath,
                    Message = $"The {(asset.IsOutput ? "output" : "input")} '{asset.RelativePath}' matches secret rule '{rule.Key}' (line {lines}); "
                        + "originals are kept byte for byte, so it was not redacted.",
                });
                Log.SecretInOriginal(context.Logger, asset.RelativePath, work.ModelKeySlug, rule.Key);
            }
        }
    }
}
