using System.Globalization;
using System.Text.Json;

namespace RunArtifacts.FFmpeg.Tests.Support;

/// <summary>Makes real test media with the machine's ffmpeg and exiftool, and reads results back with ffprobe.</summary>
public static class Media
{
    /// <summary>Runs ffmpeg with lavfi inputs; fails the test on a non-zero exit.</summary>
    public static async Task<string> FFmpegAsync(string output, CancellationToken cancellationToken, params string[] args)
    {
        await RunAsync("ffmpeg", ["-nostdin", "-y", "-loglevel", "error", .. args, output], cancellationToken);
        return output;
    }

    /// <summary>A still image from a lavfi source expression (<c>testsrc2=s=WxH</c>, <c>color=…</c>).</summary>
    public static Task<string> ImageAsync(string output, string lavfi, CancellationToken cancellationToken, params string[] extra)
        => FFmpegAsync(output, cancellationToken, ["-f", "lavfi", "-i", lavfi, "-frames:v", "1", .. extra, "-update", "1"]);

    /// <summary>A clip: testsrc2 video of the given size and length, with a sine tone when <paramref name="audio"/>.</summary>
    public static Task<string> VideoAsync(string output, int width, int height, double seconds, bool audio, CancellationToken cancellationToken, int fps = 25)
    {
        var d = seconds.ToString(CultureInfo.InvariantCulture);
        string[] video = ["-f", "lavfi", "-i", $"testsrc2=s={width}x{height}:r={fps}:d={d}"];
        string[] sound = audio ? ["-f", "lavfi", "-i", $"sine=f=440:d={d}"] : [];
        string[] codecs = ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", .. (audio ? new[] { "-c:a", "aac", "-shortest" } : ["-an"])];
        return FFmpegAsync(output, cancellationToken, [.. video, .. sound, .. codecs]);
    }

    /// <summary>Sets the EXIF orientation of a JPEG with exiftool.</summary>
    public static Task SetOrientationAsync(string jpeg, int orientation, CancellationToken cancellationToken)
        => RunAsync("exiftool", ["-q", "-overwrite_original", "-n", $"-Orientation={orientation}", jpeg], cancellationToken);

    /// <summary>ffprobe's view of a file: streams and format.</summary>
    public static async Task<JsonElement> ProbeAsync(string path, CancellationToken cancellationToken)
    {
        var json = await RunAsync("ffprobe", ["-v", "error", "-print_format", "json", "-show_format", "-show_streams", path], cancellationToken);
        return JsonDocument.Parse(json).RootElement.Clone();
    }

    public static JsonElement VideoStream(JsonElement probe) => probe.GetProperty("streams").EnumerateArray().First(s => s.GetProperty("codec_type").GetString() == "video");

    public static JsonElement? AudioStream(JsonElement probe)
        => probe.GetProperty("streams").EnumerateArray().Where(s => s.GetProperty("codec_type").GetString() == "audio").Select(s => (JsonElement?)s).FirstOrDefault();

    /// <summary>Decodes the first frame, scaled to <paramref name="w"/>×<paramref name="h"/>, as raw RGB24 bytes.</summary>
    public static Task<byte[]> PixelsAsync(string path, int w, int h, CancellationToken cancellationToken)
        => ChildProcess.RunForBytesAsync("ffmpeg", ["-nostdin", "-loglevel", "error", "-i", path, "-frames:v", "1", "-vf", $"scale={w}:{h}:flags=area", "-f", "rawvideo", "-pix_fmt", "rgb24", "-"], cancellationToken);

    /// <summary>Runs a tool through CliWrap (argument list, tree kill on cancellation); fails the test unless it exits 0.</summary>
    public static Task<string> RunAsync(string exe, string[] args, CancellationToken cancellationToken)
        => ChildProcess.RunCheckedAsync(exe, args, cancellationToken);
}
