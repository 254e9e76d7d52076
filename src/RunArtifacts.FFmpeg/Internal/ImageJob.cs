using System.Text.Json.Nodes;
using RunArtifacts.Derivatives;
using RunArtifacts.Records;

namespace RunArtifacts.FFmpeg.Internal;

/// <summary>
/// Web and thumb of one still or animated image from ONE ffmpeg process: the source is decoded once, oriented,
/// scaled to the web size, then split; the thumb is scaled from the web-sized frame.
/// </summary>
internal static class ImageJob
{
    public const string GeneratorName = "ffmpeg";

    /// <summary>The ffmpeg command and what it will produce.</summary>
    internal sealed record Plan(IReadOnlyList<string> Arguments, IReadOnlyList<string> RecordedArguments, string FilterGraph, IReadOnlyList<(DerivativeKind Kind, string FullPath, string RelativePath, string Format)> Outputs, JsonObject Settings);

    public static async Task<DerivativeResult> RunAsync(FFmpegToolset tools, DerivativeRequest request, string ffmpeg, CancellationToken cancellationToken)
    {
        var source = request.Source;
        var header = ImageHeader.TryRead(source.FullPath, out var headerError);
        if (header is { Format: "webp", Facts.Animated: true })
        {
            // ffmpeg 5.1's WebP decoder has no animation support: it fails on ANIM/ANMF chunks. Documented choice: warn, keep the original.
            return new DerivativeResult
            {
                Warnings = [$"{source.RelativePath} is an animated WebP, which ffmpeg 5.1 cannot decode; no web or thumb was made and the original is kept."],
            };
        }

        var facts = header?.Facts ?? source.Facts;
        if (facts is not { Width: > 0, Height: > 0 })
        {
            return DerivativeResult.Failed(headerError ?? $"the size of {source.RelativePath} is unknown (no readable header and no probed facts)");
        }

        if (PixelBudget.Refusal(source.RelativePath, facts, tools.Options.MaxPixels) is { } refusal)
        {
            return DerivativeResult.Failed(refusal);
        }

        string[] warnings = [];
        if (PixelBudget.StillInstead(source.RelativePath, facts, tools.Options.MaxPixels, request.Settings.ImageWebFormat) is { } still)
        {
            facts = facts with { Animated = false };
            warnings = [still];
        }

        var version = await tools.GetFFmpegVersionAsync(cancellationToken).ConfigureAwait(false);
        var plan = BuildPlan(request, facts, header?.Orientation ?? 1, tools.Options.FlattenBackground);
        var run = await ToolProcess.RunAsync(ffmpeg, plan.Arguments, null, cancellationToken).ConfigureAwait(false);
        if (run.ExitCode != 0)
        {
            return DerivativeResult.Failed(run.Describe("ffmpeg"), version);
        }

        var made = new List<GeneratedDerivative>();
        foreach (var (kind, full, relative, format) in plan.Outputs)
        {
            if (!File.Exists(full) || new FileInfo(full).Length == 0)
            {
                return DerivativeResult.Failed($"ffmpeg exited 0 but wrote no {relative} ({run.Describe("ffmpeg")})", version);
            }

            made.Add(new GeneratedDerivative
            {
                Kind = kind,
                RelativePath = relative,
                MimeType = Encoders.MimeType(format),
                Facts = ImageHeader.TryRead(full, out _)?.Facts,
                Transform = new TransformRecord { Generator = GeneratorName, Settings = plan.Settings.DeepClone().AsObject(), Arguments = plan.RecordedArguments, FilterGraph = plan.FilterGraph },
            });
            request.Progress?.Report(new CommitProgress(CommitStage.Derive, relative, made.Count, plan.Outputs.Count));
        }

        return DerivativeResult.Success(made, version) with { Warnings = warnings };
    }

    internal static Plan BuildPlan(DerivativeRequest request, MediaFacts facts, int orientation, string background)
    {
        var settings = request.Settings;
        var source = request.Source;
        var (dw, dh) = (facts.Width!.Value, facts.Height!.Value);
        var animated = facts.Animated == true;
        var alpha = facts.HasAlpha != false; // unknown (GIF) counts as possibly transparent: flattening an opaque image changes nothing
        var web = Fit.Within(dw, dh, settings.ImageWebMaxDimension, settings.AllowUpscale);
        var thumb = Fit.Within(dw, dh, settings.ImageThumbMaxDimension, settings.AllowUpscale);
        var (webFull, webRel) = request.GetTarget(DerivativeKind.Web, settings.ImageWebFormat);
        var (thumbFull, thumbRel) = request.GetTarget(DerivativeKind.Thumb, settings.ImageThumbFormat);

        var orient = orientation switch
        {
            2 => "hflip,",
            3 => "hflip,vflip,",
            4 => "vflip,",
            5 => "transpose=cclock_flip,",
            6 => "transpose=clock,",
            7 => "transpose=clock_flip,",
            8 => "transpose=cclock,",
            _ => string.Empty,
        };
        var graph = $"[0:v]{orient}scale={web.Width}:{web.Height},split=2[w0][t0];"
            + Finish("w0", "web", web, settings.ImageWebFormat, alpha, background) + ";"
            + Finish("t0", "thumb", thumb, settings.ImageThumbFormat, alpha, background, $"scale={thumb.Width}:{thumb.Height}");

        var webAnimated = animated && settings.ImageWebFormat == "webp";
        var args = new List<string> { "-nostdin", "-y", "-loglevel", "error", "-noautorotate", "-i", source.FullPath, "-filter_complex", graph };
        args.AddRange(["-map", "[web]", .. Encoders.Still(settings.ImageWebFormat, settings.ImageWebQuality, webAnimated), webFull]);
        args.AddRange(["-map", "[thumb]", .. Encoders.Still(settings.ImageThumbFormat, settings.ImageThumbQuality, animated: false), thumbFull]);
        var recorded = args.Select(a => a == source.FullPath ? source.RelativePath : a == webFull ? webRel : a == thumbFull ? thumbRel : a).ToList();
        var json = new JsonObject
        {
            ["web_max_dimension"] = settings.ImageWebMaxDimension,
            ["web_format"] = settings.ImageWebFormat,
            ["web_quality"] = settings.ImageWebQuality,
            ["thumb_max_dimension"] = settings.ImageThumbMaxDimension,
            ["thumb_format"] = settings.ImageThumbFormat,
            ["thumb_quality"] = settings.ImageThumbQuality,
            ["allow_upscale"] = settings.AllowUpscale,
            ["exif_orientation"] = orientation,
            ["animated"] = animated,
        };
        return new Plan(args, recorded, graph, [(DerivativeKind.Web, webFull, webRel, settings.ImageWebFormat), (DerivativeKind.Thumb, thumbFull, thumbRel, settings.ImageThumbFormat)], json);
    }

    /// <summary>The tail of one branch: an optional scale, then flattening onto the background when the format has no alpha.</summary>
    private static string Finish(string input, string output, (int Width, int Height) size, string format, bool alpha, string background, string? scale = null)
    {
        var head = scale is null ? string.Empty : scale + ",";
        if (format == "jpg" && alpha)
        {
            return $"[{input}]{head}format=rgba[{output}_fg];color=c={background}:s={size.Width}x{size.Height}[{output}_bg];[{output}_bg][{output}_fg]overlay=shortest=1:format=auto,format=yuvj420p[{output}]";
        }

        return scale is null ? $"[{input}]null[{output}]" : $"[{input}]{scale}[{output}]";
    }
}
