using RunArtifacts.Records;
using RunArtifacts.Storage;

namespace RunArtifacts.Verification.Internal;

/// <summary>External assets (issue 13): their shape and the storage policy, never their bytes (they have none here).</summary>
internal sealed partial class RunChecker
{
    private static void CheckExternal(RunState run, RunRecord record)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (list, prefix) in new[] { (record.ExternalInputs, "ext_input_"), (record.ExternalOutputs, "ext_output_") })
        {
            foreach (var asset in list ?? [])
            {
                if (!asset.AssetId.StartsWith(prefix, StringComparison.Ordinal) || !ids.Add(asset.AssetId))
                {
                    run.Problem("run.json", VerificationChecks.External, $"external asset id '{asset.AssetId}' is repeated or on the wrong side");
                }

                try
                {
                    var (uri, provider, _) = StoragePolicy.Apply(asset.Uri);
                    if (provider != asset.Provider)
                    {
                        run.Problem("run.json", VerificationChecks.External, $"{asset.AssetId}: provider '{StoragePolicy.Name(asset.Provider)}' is not the one its URI names ('{StoragePolicy.Name(provider)}')");
                    }
                }
                catch (ArtifactStoragePolicyException ex)
                {
                    run.Problem("run.json", VerificationChecks.External, $"{asset.AssetId}: {ex.Rule}{(ex.Parameter is null ? string.Empty : " (" + ex.Parameter + ")")}: the stored URI breaks the storage policy");
                }
            }
        }
    }
}
