using System.Globalization;
using System.Text.Json;
using RunArtifacts.Records;

namespace RunArtifacts.FFmpeg.Internal;

/// <summary>Turns <c>ffprobe -print_format json -show_format -show_streams</c> output into <see cref="MediaFacts"/>.</summary>
internal static class FFprobeFacts
{
    /// <summary>The arguments that produce what <see cref="Parse"/> reads.</summary>
    /// <param name="path">The file.</param>
    /// <param name="maxPixels">
    /// <see cref="FFmpegOptions.MaxPixels"/>, passed to the decoders: ffprobe decodes a frame to complete a stream's
    /// facts, and a 250 KB TIFF of 16000×16000 cost it 3.7 s and 550 MB. Over it, the decoder refuses the frame and the
    /// stream's size comes back as 0 (unknown).
    /// </param>
    /// <returns>The arguments.</returns>
    public static IReadOnlyList<string> Arguments(string path, long maxPixels) =>
        ["-v", "error", "-max_pixels", maxPixels.ToString(CultureInfo.InvariantCulture), "-print_format", "json", "-show_format", "-show_streams", "--", path];

    /// <summary>Parses ffprobe's JSON.</summary>
    /// <param name="json">The JSON.</param>
    /// <param name="error">Why there are no usable facts, when there are none.</param>
    /// <returns>The facts, or <see langword="null"/>.</returns>
    public static MediaFacts? Parse(string json, out string? error)
    {
        error = null;
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            error = $"ffprobe printed no readable JSON: {ex.Message}";
            return null;
        }

        using (doc)
        {
            var root = doc.RootElement;
            var streams = root.TryGetProperty("streams", out var s) && s.ValueKind == JsonValueKind.Array ? s.EnumerateArray().ToList() : [];
            var video = streams.FirstOrDefault(x => Str(x, "codec_type") == "video" && !IsAttachedPicture(x));
            var audio = streams.FirstOrDefault(x => Str(x, "codec_type") == "audio");
            var hasVideo = video.ValueKind == JsonValueKind.Object;
            var hasAudio = audio.ValueKind == JsonValueKind.Object;
            if (!hasVideo && !hasAudio)
            {
                error = "ffprobe found no video or audio stream";
                return null;
            }

            double? duration = root.TryGetProperty("format", out var format) ? Num(format, "duration") : null;
            if (!hasVideo)
            {
                return new MediaFacts
                {
                    DurationSeconds = duration ?? Num(audio, "duration"),
                    HasAudio = true,
                    AudioCodecName = Str(audio, "codec_name"),
                    CodecName = Str(audio, "codec_name"),
                };
            }

            var w = Int(video, "width") ?? 0;
            var h = Int(video, "height") ?? 0;
            if (w <= 0 || h <= 0)
            {
                // ffmpeg 5.1 reports an animated WebP as a 0×0 stream with exit code 0: it cannot decode it. So does a
                // decoder refusing a frame over -max_pixels (FFmpegOptions.MaxPixels).
                error = $"ffprobe reports a {w}×{h} {Str(video, "codec_name") ?? "video"} stream (ffmpeg cannot decode it, or its frames are over FFmpegOptions.MaxPixels)";
                return null;
            }

            var rotation = Rotation(video);
            var swap = Math.Abs(rotation) % 180 == 90;
            long? frames = Int(video, "nb_frames") is { } nb and > 0 ? nb : null;
            return new MediaFacts
            {
                Width = swap ? h : w,
                Height = swap ? w : h,
                DurationSeconds = duration ?? Num(video, "duration"),
                Fps = Rate(Str(video, "avg_frame_rate")) ?? Rate(Str(video, "r_frame_rate")),
                FrameCount = frames,
                CodecName = Str(video, "codec_name"),
                PixFmt = Str(video, "pix_fmt"),
                ColorSpace = Str(video, "color_space"),
                HasAudio = hasAudio,
                AudioCodecName = hasAudio ? Str(audio, "codec_name") : null,
                Rotation = ((rotation % 360) + 360) % 360,
                HasAlpha = Str(video, "pix_fmt") is { } pf ? HasAlphaChannel(pf) : null,
            };
        }
    }

    /// <summary>Clockwise display rotation in degrees: ffprobe's display matrix gives the counter-clockwise angle.</summary>
    private static int Rotation(JsonElement video)
    {
        if (video.TryGetProperty("side_data_list", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var sd in list.EnumerateArray())
            {
                if (Num(sd, "rotation") is { } r)
                {
                    return -(int)Math.Round(r);
                }
            }
        }

        return video.TryGetProperty("tags", out var tags) && Int(tags, "rotate") is { } rotate ? rotate : 0;
    }

    private static bool HasAlphaChannel(string pixFmt)
        => pixFmt.StartsWith("yuva", StringComparison.Ordinal) || pixFmt.StartsWith("ya", StringComparison.Ordinal) || pixFmt.StartsWith("gbrap", StringComparison.Ordinal)
            || pixFmt.Contains("rgba", StringComparison.Ordinal) || pixFmt.Contains("bgra", StringComparison.Ordinal) || pixFmt.Contains("argb", StringComparison.Ordinal) || pixFmt.Contains("abgr", StringComparison.Ordinal);

    private static bool IsAttachedPicture(JsonElement stream)
        => stream.TryGetProperty("disposition", out var d) && Int(d, "attached_pic") == 1;

    private static string? Str(JsonElement e, string name)
        => e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static double? Num(JsonElement e, string name)
    {
        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(name, out var v))
        {
            return null;
        }

        if (v.ValueKind == JsonValueKind.Number)
        {
            return v.GetDouble();
        }

        return v.ValueKind == JsonValueKind.String && double.TryParse(v.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) ? d : null;
    }

    private static int? Int(JsonElement e, string name) => Num(e, name) is { } d ? (int)d : null;

    private static double? Rate(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0
            && double.TryParse(text.AsSpan(0, slash), NumberStyles.Float, CultureInfo.InvariantCulture, out var n)
            && double.TryParse(text.AsSpan(slash + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            && d > 0 && n > 0)
        {
            return Math.Round(n / d, 3);
        }

        return null;
    }
}
