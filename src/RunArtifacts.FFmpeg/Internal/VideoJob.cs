using System.Globalization;
using System.Text.Json.Nodes;
using RunArtifacts.Derivatives;
using RunArtifacts.Records;

namespace RunArtifacts.FFmpeg.Internal;

/// <summary>
/// Web MP4, poster and thumb of one video from ONE ffmpeg process: the source is decoded once and split; one branch
/// is encoded to H.264, the other is trimmed to the poster time, scaled, and split again for the thumb.
/// </summary>
internal static class VideoJob
{
    // WebSeconds: how long the web copy is, the duration or MaxWebVideoDuration when the video is longer (null when unknown).
    internal sealed record Plan(IReadOnlyList<string> Arguments, IReadOnlyList<string> RecordedArguments, string FilterGraph, IReadOnlyList<(DerivativeKind Kind, string FullPath, string RelativePath, string MimeType)> Outputs, JsonObject Settings, double? DurationSeconds, double? WebSeconds);

    public static async Task<DerivativeResult> RunAsync(FFmpegToolset tools, DerivativeRequest request, string ffmpeg, CancellationToken cancellationToken)
    {
        var source = request.Source;
        var facts = source.Facts;
        if (facts is not { Width: > 0, Height: > 0 } && tools.FFprobe is { } ffprobe)
        {
            var probe = await ToolProcess.RunAsync(ffprobe, FFprobeFacts.Arguments(source.FullPath, tools.Options.MaxPixels), null, cancellationToken).ConfigureAwait(false);
            facts = probe.ExitCode == 0 ? FFprobeFacts.Parse(probe.StandardOutput, out _) : null;
            if (facts is null)
            {
                return DerivativeResult.Failed(probe.ExitCode != 0 ? probe.Describe("ffprobe") : $"ffprobe found no decodable video in {source.RelativePath}");
            }
        }

        if (facts is not { Width: > 0, Height: > 0 })
        {
            return DerivativeResult.Failed($"the size of {source.RelativePath} is unknown (it could not be probed)");
        }

        if (PixelBudget.Refusal(source.RelativePath, facts, tools.Options.MaxPixels) is { } refusal)
        {
            return DerivativeResult.Failed(refusal);
        }

        var version = await tools.GetFFmpegVersionAsync(cancellationToken).ConfigureAwait(false);
        var plan = BuildPlan(request, facts, tools.Options);
        var totalMs = plan.WebSeconds is { } d ? (long)(d * 1000) : (long?)null;
        var run = await ToolProcess.RunAsync(ffmpeg, plan.Arguments, line =>
        {
            // -progress pipe:1 prints key=value lines; out_time_us is how far the encode is.
            if (request.Progress is { } progress && line.StartsWith("out_time_us=", StringComparison.Ordinal)
                && long.TryParse(line.AsSpan("out_time_us=".Length), NumberStyles.Integer, CultureInfo.InvariantCulture, out var us) && us >= 0)
            {
                progress.Report(new CommitProgress(CommitStage.Derive, source.RelativePath, us / 1000, totalMs));
            }
        }, cancellationToken).ConfigureAwait(false);
        if (run.ExitCode != 0)
        {
            return DerivativeResult.Failed(run.Describe("ffmpeg"), version);
        }

        var made = new List<GeneratedDerivative>();
        foreach (var (kind, full, relative, mime) in plan.Outputs)
        {
            if (!File.Exists(full) || new FileInfo(full).Length == 0)
            {
                return DerivativeResult.Failed($"ffmpeg exited 0 but wrote no {relative} (is the poster time past the last frame?)", version);
            }

            MediaFacts? outFacts;
            if (kind == DerivativeKind.Web && tools.FFprobe is { } probeExe)
            {
                var probe = await ToolProcess.RunAsync(probeExe, FFprobeFacts.Arguments(full, tools.Options.MaxPixels), null, cancellationToken).ConfigureAwait(false);
                outFacts = probe.ExitCode == 0 ? FFprobeFacts.Parse(probe.StandardOutput, out _) : null;
            }
            else
            {
                outFacts = kind == DerivativeKind.Web ? null : ImageHeader.TryRead(full, out _)?.Facts;
            }

            made.Add(new GeneratedDerivative
            {
                Kind = kind,
                RelativePath = relative,
                MimeType = mime,
                Facts = outFacts,
                Transform = new TransformRecord { Generator = ImageJob.GeneratorName, Settings = plan.Settings.DeepClone().AsObject(), Arguments = plan.RecordedArguments, FilterGraph = plan.FilterGraph },
            });
        }

        var max = tools.Options.MaxWebVideoDuration.TotalSeconds;
        return plan.DurationSeconds > plan.WebSeconds
            ? new DerivativeResult
            {
                Derivatives = made,
                ToolVersion = version,
                Warnings = [string.Create(CultureInfo.InvariantCulture, $"{source.RelativePath} lasts {facts.DurationSeconds:0.###} s, over FFmpegOptions.MaxWebVideoDuration ({max:0.###} s); the web copy is its first {max:0.###} s")],
            }
            : DerivativeResult.Success(made, version);
    }

    internal static Plan BuildPlan(DerivativeRequest request, MediaFacts facts, FFmpegOptions options)
    {
        var settings = request.Settings;
        var source = request.Source;
        var (dw, dh) = (facts.Width!.Value, facts.Height!.Value);
        var web = Fit.Even(Fit.ToWidth(dw, dh, settings.VideoWebMaxWidth, settings.AllowUpscale));
        var poster = Fit.ToWidth(dw, dh, settings.PosterWidth, settings.AllowUpscale);
        var thumb = Fit.Within(poster.Width, poster.Height, settings.ImageThumbMaxDimension, settings.AllowUpscale);
        var cut = !(facts.DurationSeconds <= options.MaxWebVideoDuration.TotalSeconds); // longer, or of unknown length

        // A video known to be longer has its poster taken within the web copy, as if it lasted as long: a poster at
        // half of a ten-hour file would otherwise mean decoding five hours.
        var at = settings.GetPosterTime().Resolve(cut && facts.DurationSeconds is not null ? options.MaxWebVideoDuration.TotalSeconds : facts.DurationSeconds);
        var hasAudio = facts.HasAudio == true;

        var (webFull, webRel) = request.GetTarget(DerivativeKind.Web, "mp4");
        var (posterFull, posterRel) = request.GetTarget(DerivativeKind.Poster, settings.PosterFormat);
        var (thumbFull, thumbRel) = request.GetTarget(DerivativeKind.Thumb, settings.ImageThumbFormat);

        // ffmpeg applies the display matrix (autorotate) before the graph, so sizes are the displayed ones.
        var trim = at > 0 ? $"trim=start={Encoders.Num(at)},setpts=PTS-STARTPTS," : string.Empty;
        var graph = $"[0:v]split=2[v0][p0];"
            + $"[v0]scale={web.Width}:{web.Height},setsar=1,format=yuv420p[web];"
            + $"[p0]{trim}scale={poster.Width}:{poster.Height},setsar=1,split=2[poster][t0];"
            + $"[t0]scale={thumb.Width}:{thumb.Height}[thumb]";

        var args = new List<string> { "-nostdin", "-y", "-loglevel", "error", "-progress", "pipe:1", "-nostats", "-i", source.FullPath, "-filter_complex", graph };
        args.AddRange(["-map", "[web]"]);
        if (cut)
        {
            args.AddRange(["-t", Encoders.Num(options.MaxWebVideoDuration.TotalSeconds)]);
        }

        if (hasAudio)
        {
            args.AddRange(["-map", "0:a:0", "-c:a", "aac", "-b:a", $"{Encoders.Num(options.AudioBitrateKbps)}k"]);
        }
        else
        {
            args.Add("-an");
        }

        args.AddRange(["-c:v", "libx264", "-preset", options.VideoPreset, "-crf", Encoders.Num(options.VideoCrf), "-profile:v", "high", "-movflags", "+faststart", "-f", "mp4", webFull]);
        args.AddRange(["-map", "[poster]", .. Encoders.Still(settings.PosterFormat, settings.ImageWebQuality, animated: false), posterFull]);
        args.AddRange(["-map", "[thumb]", .. Encoders.Still(settings.ImageThumbFormat, settings.ImageThumbQuality, animated: false), thumbFull]);

        var recorded = args.Select(a => a == source.FullPath ? source.RelativePath : a == webFull ? webRel : a == posterFull ? posterRel : a == thumbFull ? thumbRel : a).ToList();
        var json = new JsonObject
        {
            ["video_web_max_width"] = settings.VideoWebMaxWidth,
            ["video_codec"] = "h264",
            ["preset"] = options.VideoPreset,
            ["crf"] = options.VideoCrf,
            ["audio"] = hasAudio ? "aac" : "none",
            ["poster_width"] = settings.PosterWidth,
            ["poster_format"] = settings.PosterFormat,
            ["poster_time"] = settings.PosterTime,
            ["poster_seconds"] = Math.Round(at, 3),
            ["thumb_max_dimension"] = settings.ImageThumbMaxDimension,
            ["thumb_format"] = settings.ImageThumbFormat,
            ["allow_upscale"] = settings.AllowUpscale,
        };
        if (cut)
        {
            json["web_max_seconds"] = options.MaxWebVideoDuration.TotalSeconds;
        }

        return new Plan(
            args,
            recorded,
            graph,
            [(DerivativeKind.Web, webFull, webRel, "video/mp4"), (DerivativeKind.Poster, posterFull, posterRel, Encoders.MimeType(settings.PosterFormat)), (DerivativeKind.Thumb, thumbFull, thumbRel, Encoders.MimeType(settings.ImageThumbFormat))],
            json,
            facts.DurationSeconds,
            facts.DurationSeconds is { } d ? Math.Min(d, options.MaxWebVideoDuration.TotalSeconds) : null);
    }
}
