using System.Text;
using System.Text.Json;
using RunArtifacts.Index.Internal;
using RunArtifacts.Records;
using RunArtifacts.Records.Internal;
using RunArtifacts.Schemas;
using RunArtifacts.Serialization;

namespace RunArtifacts.Verification.Internal;

/// <summary>Checks by family: the run record, its outputs and derivatives, the manifest and the index line, each against the others (join keys, paths, facts).</summary>
internal sealed partial class RunChecker
{
    private static void CheckRun(RunState run, RunRecord record)
    {
        if (record.RunId != run.RunId)
        {
            run.Problem("run.json", VerificationChecks.Join, $"run_id '{record.RunId}' is not the folder name '{run.RunId}'");
        }

        if (record.RunPath != run.RunPath)
        {
            run.Problem("run.json", VerificationChecks.Join, $"run_path '{record.RunPath}' is not where the run is ('{run.RunPath}')");
        }

        const string By = "run.json";
        run.Name(record.ManifestPath, By, "manifest_path", expectFile: false);
        run.Name(record.NotesPath, By, "notes_path");
        run.Name(record.RequestPath, By, "request_path");
        if (record.Prompts is { } p)
        {
            run.Name(p.RawPath, By, "prompts.raw_path");
            run.Name(p.EnhancedPath, By, "prompts.enhanced_path");
            run.Name(p.FinalUsedPath, By, "prompts.final_used_path");
        }

        if (record.ProviderTrace is { } t)
        {
            run.Name(t.RequestPath, By, "provider_trace.request_path");
            run.Name(t.SubmitPayloadPath, By, "provider_trace.submit_payload_path");
            run.Name(t.SubmitResponsePath, By, "provider_trace.submit_response_path");
            run.Name(t.FinalStatusPath, By, "provider_trace.final_status_path");
            foreach (var s in t.StatusPaths)
            {
                run.Name(s, By, "provider_trace.status_paths");
            }
        }

        foreach (var (name, path) in record.Logs)
        {
            run.Name(path, By, $"logs.{name}");
        }

        foreach (var c in record.Captures)
        {
            run.Name(c.Path, By, $"captures[{c.Name}].path", c.Path is null ? null : c.KeptBytes);
        }

        foreach (var w in record.Warnings)
        {
            if (w.Path is { } wp && RunPaths.Problem(wp) is { } why)
            {
                run.Problem(By, VerificationChecks.Path, $"warnings[{w.Code}].path '{wp}' {why}");
            }
        }

        for (var i = 0; i < record.Inputs.Count; i++)
        {
            var a = record.Inputs[i];
            run.Name(a.RelativePath, By, $"inputs[{i}].relative_path", a.Bytes, a.Sha256);
            run.Originals.Add(a.RelativePath);
        }

        for (var i = 0; i < record.Outputs.Count; i++)
        {
            CheckOutput(run, record, record.Outputs[i], i);
        }
    }

    private static void CheckOutput(RunState run, RunRecord record, AssetRecord output, int i)
    {
        const string By = "run.json";
        var field = $"outputs[{i}]";
        run.Name(output.RelativePath, By, field + ".relative_path", output.Bytes, output.Sha256);
        run.Originals.Add(output.RelativePath);
        foreach (var (kind, path) in new[] { ("web", output.WebPath), ("thumb", output.ThumbPath), ("poster", output.PosterPath) })
        {
            if (path is not null && !output.Derivatives.Any(d => d.RelativePath == path))
            {
                run.Problem(By, VerificationChecks.Join, $"{field}.{kind}_path '{path}' is not one of the output's derivatives");
            }
        }

        var clipPath = output.ClipPath ?? output.RelativePath + ".clip.json";
        if (!run.Name(clipPath, By, field + ".clip_path", expectFile: false))
        {
            return;
        }

        var clip = ReadRecord(run, clipPath, RecordKind.Clip, RunArtifactsJsonContext.Default.ClipRecord, $"{By} {field}");
        if (clip is not null)
        {
            var join = new List<string>();
            if (clip.RunId != record.RunId)
            {
                join.Add($"run_id '{clip.RunId}' is not the run's '{record.RunId}'");
            }

            var expectedId = RecordFactory.DeterministicId("clip", record.RunId, output.RelativePath);
            if (clip.ClipId != expectedId)
            {
                join.Add($"clip_id '{clip.ClipId}' is not the deterministic id '{expectedId}'");
            }

            if (clip.Output.Path != output.RelativePath)
            {
                join.Add($"output.path '{clip.Output.Path}' is not the output's '{output.RelativePath}'");
            }

            if (clip.Output.Sha256 != output.Sha256)
            {
                join.Add($"output.sha256 {Short(clip.Output.Sha256)} is not run.json's {Short(output.Sha256)}");
            }

            if (clip.Output.Bytes != output.Bytes)
            {
                join.Add($"output.bytes {clip.Output.Bytes} is not run.json's {output.Bytes}");
            }

            foreach (var message in join)
            {
                run.Problem(clipPath, VerificationChecks.Join, message);
            }

            run.Name(clip.Output.Path, clipPath, "output.path", clip.Output.Bytes, clip.Output.Sha256);
        }

        for (var d = 0; d < output.Derivatives.Count; d++)
        {
            CheckDerivative(run, record, output, clip, output.Derivatives[d], $"{field}.derivatives[{d}]");
        }
    }

    private static void CheckDerivative(RunState run, RunRecord record, AssetRecord output, ClipRecord? clip, DerivativeRecord derivative, string field)
    {
        const string By = "run.json";
        run.Name(derivative.RelativePath, By, field + ".relative_path", derivative.Bytes, derivative.Sha256);
        var viewPath = derivative.ViewPath ?? derivative.RelativePath + ".view.json";
        if (!run.Name(viewPath, By, field + ".view_path", expectFile: false))
        {
            return;
        }

        var view = ReadRecord(run, viewPath, RecordKind.View, RunArtifactsJsonContext.Default.ViewRecord, $"{By} {field}");
        if (view is null)
        {
            return;
        }

        var join = new List<string>();
        if (view.RunId != record.RunId)
        {
            join.Add($"run_id '{view.RunId}' is not the run's '{record.RunId}'");
        }

        var expectedId = RecordFactory.DeterministicId("view", record.RunId, derivative.RelativePath);
        if (view.ViewId != expectedId)
        {
            join.Add($"view_id '{view.ViewId}' is not the deterministic id '{expectedId}'");
        }

        if (view.Kind != derivative.Kind)
        {
            join.Add($"kind '{view.Kind}' is not run.json's '{derivative.Kind}'");
        }

        if (view.Output.Path != derivative.RelativePath)
        {
            join.Add($"output.path '{view.Output.Path}' is not the derivative's '{derivative.RelativePath}'");
        }

        if (view.Output.Sha256 != derivative.Sha256 || view.Output.Bytes != derivative.Bytes)
        {
            join.Add($"output ({Short(view.Output.Sha256)}, {view.Output.Bytes} bytes) is not run.json's ({Short(derivative.Sha256)}, {derivative.Bytes} bytes)");
        }

        if (view.Source.Path != output.RelativePath)
        {
            join.Add($"source.path '{view.Source.Path}' is not the original '{output.RelativePath}'");
        }

        if (clip is not null)
        {
            if (view.Source.Sha256 != clip.Output.Sha256)
            {
                join.Add($"source.sha256 {Short(view.Source.Sha256)} is not the clip's output.sha256 {Short(clip.Output.Sha256)}");
            }

            if (view.ClipId != clip.ClipId)
            {
                join.Add($"clip_id '{view.ClipId}' is not the clip's '{clip.ClipId}'");
            }
        }

        foreach (var message in join)
        {
            run.Problem(viewPath, VerificationChecks.Join, message);
        }

        run.Name(view.Output.Path, viewPath, "output.path", view.Output.Bytes, view.Output.Sha256);
        run.Name(view.Source.Path, viewPath, "source.path", view.Source.Bytes, view.Source.Sha256);
    }

    private static void CheckManifest(RunState run, ManifestRecord manifest, RunRecord? record)
    {
        const string By = "manifest.json";
        run.Name(manifest.HeroOriginal, By, "hero_original");
        run.Name(manifest.HeroOutputPath, By, "hero_output_path");
        run.Name(manifest.HeroWeb, By, "hero_web");
        run.Name(manifest.HeroThumb, By, "hero_thumb");
        run.Name(manifest.ThumbnailPath, By, "thumbnail_path");
        if (manifest.RunPath != run.RunPath)
        {
            run.Problem(By, VerificationChecks.Join, $"run_path '{manifest.RunPath}' is not where the run is ('{run.RunPath}')");
        }

        if (record is null)
        {
            return;
        }

        var expected = JsonSerializer.SerializeToNode(RecordFactory.Manifest(record), RunArtifactsJsonContext.Default.ManifestRecord)!.AsObject();
        var actual = JsonSerializer.SerializeToNode(manifest, RunArtifactsJsonContext.Default.ManifestRecord)!.AsObject();
        var differing = Differences(expected, actual);
        if (differing.Count > 0)
        {
            run.Problem(By, VerificationChecks.Manifest, $"disagrees with run.json on {string.Join(", ", differing)}");
        }
    }

    private static void CheckIndex(RunState run, ManifestRecord manifest, IReadOnlyList<IndexLine> lines)
    {
        const string By = "index.jsonl";
        if (lines.Count == 0)
        {
            run.Problem(By, VerificationChecks.Index, "the run has no index line ('artifacts reindex' rebuilds the index)");
            return;
        }

        if (lines.Count > 1)
        {
            run.Problem(By, VerificationChecks.Index, $"the run has {lines.Count} index lines (lines {string.Join(", ", lines.Select(l => l.LineNumber))})");
        }

        var expected = JsonSerializer.SerializeToNode(RecordFactory.IndexEntry(manifest), RunArtifactsJsonContext.Default.IndexEntry)!.AsObject();
        foreach (var line in lines)
        {
            var where = $"{By}:{line.LineNumber}";
            var entry = ReadRecord(run, where, RecordKind.IndexEntry, RunArtifactsJsonContext.Default.IndexEntry, null, Encoding.UTF8.GetBytes(line.Text));
            if (entry is null)
            {
                continue;
            }

            var actual = JsonSerializer.SerializeToNode(entry, RunArtifactsJsonContext.Default.IndexEntry)!.AsObject();
            var differing = Differences(expected, actual);
            if (differing.Count > 0)
            {
                run.Problem(where, VerificationChecks.Index, $"disagrees with manifest.json on {string.Join(", ", differing)}");
            }
        }
    }
}
