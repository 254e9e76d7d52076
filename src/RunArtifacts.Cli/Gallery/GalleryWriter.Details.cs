using System.Text.Json;
using RunArtifacts.Records;

namespace RunArtifacts.Cli.Gallery;

/// <summary>The per-run details block of the page: prompts, assets with their derivatives, warnings, errors and record files.</summary>
internal static partial class GalleryWriter
{
    /// <summary>The run view's data, one entry per card in the same order (<see langword="null"/> when run.json was unreadable).</summary>
    private static void WriteDetails(Utf8JsonWriter w, IndexEntry[] entries, RunRecord?[] records, IReadOnlyList<Reviews.ReviewState>?[] reviews)
    {
        var (up, down) = GalleryLineage.Compute(entries, records);
        w.WriteStartArray();
        for (var i = 0; i < records.Length; i++)
        {
            var run = records[i];
            if (run is null)
            {
                w.WriteNullValue();
                continue;
            }

            w.WriteStartObject();
            OptionalString(w, "pm", run.ProviderModel);

            // A short prompt is its own summary, already in the card: not written twice.
            if (run.Prompts?.Raw is { } raw && raw != entries[i].PromptSummary)
            {
                w.WriteString("prompt", Cap(raw, MaxPromptChars));
            }

            if (run.Prompts?.Enhanced is { } enhanced && enhanced != run.Prompts.Raw)
            {
                w.WriteString("enh", Cap(enhanced, MaxPromptChars));
            }

            Assets(w, "outs", run.Outputs);
            Assets(w, "ins", run.Inputs);
            WriteReviewDetails(w, run, reviews[i]);
            if (run.Warnings.Count > 0)
            {
                w.WriteStartArray("warn");
                foreach (var x in run.Warnings)
                {
                    w.WriteStartObject();
                    w.WriteString("code", x.Code);
                    w.WriteString("msg", Cap(x.Message, 1000));
                    OptionalString(w, "path", x.Path);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            if (run.Errors.Count > 0)
            {
                w.WriteStartArray("errs");
                foreach (var x in run.Errors)
                {
                    w.WriteStartObject();
                    w.WriteString("kind", x.Kind);
                    w.WriteString("msg", Cap(x.Message, 2000));
                    OptionalString(w, "stage", x.Stage);
                    OptionalString(w, "code", x.Code);
                    if (x.HttpStatus is { } http)
                    {
                        w.WriteNumber("http", http);
                    }

                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            // run.json, manifest.json and notes.md are always linked by the page; only the others are listed.
            var recordFiles = new List<string>();
            if (run.ManifestPath != "manifest.json")
            {
                recordFiles.Add(run.ManifestPath);
            }

            if (run.NotesPath != "notes.md")
            {
                recordFiles.Add(run.NotesPath);
            }

            if (run.RequestPath is not null)
            {
                recordFiles.Add(run.RequestPath);
            }

            if (run.Prompts?.RawPath is { } rawPath)
            {
                recordFiles.Add(rawPath);
            }

            if (run.Prompts?.EnhancedPath is { } enhancedPath)
            {
                recordFiles.Add(enhancedPath);
            }

            recordFiles.AddRange(run.Logs.Values);
            if (recordFiles.Count > 0)
            {
                w.WriteStartArray("rec");
                foreach (var r in recordFiles.Distinct(StringComparer.Ordinal))
                {
                    w.WriteStringValue(r);
                }

                w.WriteEndArray();
            }

            GalleryLineage.Write(w, up[i], down[i]);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void Assets(Utf8JsonWriter w, string name, IReadOnlyList<AssetRecord> assets)
    {
        w.WriteStartArray(name);
        foreach (var a in assets)
        {
            w.WriteStartObject();
            w.WriteString("path", a.RelativePath);
            w.WriteString("kind", a.Kind.ToString().ToLowerInvariant());
            if (a.Role is not null and not "output")
            {
                w.WriteString("role", a.Role);
            }

            OptionalString(w, "mime", a.MimeType);
            OptionalNumber(w, "w", a.Width);
            OptionalNumber(w, "h", a.Height);
            if (a.DurationSeconds is { } dur)
            {
                w.WriteNumber("dur", Math.Round(dur, 3));
            }

            w.WriteNumber("bytes", a.Bytes);
            OptionalString(w, "web", a.WebPath);
            OptionalString(w, "thumb", a.ThumbPath);
            OptionalString(w, "poster", a.PosterPath);
            if (a.ClipPath is not null && a.ClipPath != a.RelativePath + ".clip.json")
            {
                w.WriteString("clip", a.ClipPath);
            }
            else if (a.ClipPath is not null)
            {
                w.WriteBoolean("clip", true);
            }

            if (a.Derivatives.Count > 0)
            {
                w.WriteStartArray("der");
                foreach (var d in a.Derivatives)
                {
                    w.WriteStartObject();
                    w.WriteString("kind", d.Kind.ToString().ToLowerInvariant());
                    w.WriteString("path", d.RelativePath);
                    OptionalString(w, "view", d.ViewPath);
                    OptionalNumber(w, "w", d.Width);
                    OptionalNumber(w, "h", d.Height);
                    w.WriteNumber("bytes", d.Bytes);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
    }
}
