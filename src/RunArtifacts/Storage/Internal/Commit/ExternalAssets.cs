using RunArtifacts.Builder.Internal;
using RunArtifacts.Records;
using RunArtifacts.Redaction.Internal;

namespace RunArtifacts.Storage.Internal.Commit;

/// <summary>
/// External assets in the commit (issue 13): their texts pass the redactor in <see cref="WriteTextsStep"/> (title,
/// description, created_by, relationships, the URI itself as a last line of defence), and they become
/// <see cref="ExternalAssetRecord"/>s for <see cref="AssembleRecordsStep"/>. They have no file: nothing is staged.
/// </summary>
internal static class ExternalAssets
{
    /// <summary>The records of one side (inputs or outputs), redacted; null when there are none (1.0.0 readers see no new field).</summary>
    public static List<ExternalAssetRecord>? Redact(IReadOnlyList<PendingExternal> pending, bool outputs, ReviewStatus? runDefault, SecretRedactor redactor, RedactionLedger ledger)
    {
        if (pending.Count == 0)
        {
            return null;
        }

        var side = outputs ? "external_outputs" : "external_inputs";
        var records = new List<ExternalAssetRecord>(pending.Count);
        for (var i = 0; i < pending.Count; i++)
        {
            var (asset, provider) = pending[i];
            var place = $"run.json#{side}";
            string? R(string? s, string field) => s is null ? null : redactor.RedactText(s, place, $"[{i}].{field}", ledger);
            records.Add(new ExternalAssetRecord
            {
                AssetId = $"{(outputs ? "ext_output" : "ext_input")}_{i + 1:D2}",
                Uri = R(asset.Uri, "uri")!,
                Provider = provider,
                Type = R(asset.Type, "type")!,
                Title = R(asset.Title, "title"),
                Description = R(asset.Description, "description"),
                ContentType = asset.ContentType,
                Bytes = asset.Bytes,
                Sha256 = asset.Sha256,
                Visibility = asset.Visibility,
                Relationships = asset.Relationships is null ? null : new SortedDictionary<string, string>(
                    asset.Relationships.ToDictionary(p => R(p.Key, "relationships")!, p => R(p.Value, "relationships." + p.Key)!, StringComparer.Ordinal),
                    StringComparer.Ordinal),
                SourceType = asset.SourceType,
                CreatedBy = R(asset.CreatedBy, "created_by"),
                ReviewStatus = outputs ? asset.ReviewStatus ?? runDefault : null,
            });
        }

        return records;
    }
}
