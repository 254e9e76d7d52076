using System.Globalization;
using RunArtifacts.Records;

namespace RunArtifacts.FFmpeg.Internal;

/// <summary>
/// <see cref="FFmpegOptions.MaxPixels"/> applied to the size the header or ffprobe gives, before ffmpeg starts: a
/// frame over it is refused, and an animation whose frames together are over it gets a still web copy.
/// </summary>
internal static class PixelBudget
{
    /// <summary>Why a frame of this size is not decoded, or null.</summary>
    public static string? Refusal(string relativePath, MediaFacts facts, long maxPixels)
    {
        var (width, height) = (facts.Width!.Value, facts.Height!.Value);
        var pixels = (long)width * height;
        return pixels <= maxPixels ? null
            : string.Create(CultureInfo.InvariantCulture, $"{relativePath} is {width}×{height} ({pixels:N0} pixels), over FFmpegOptions.MaxPixels ({maxPixels:N0}); ffmpeg was not started, no derivatives were made, and the original is kept");
    }

    /// <summary>
    /// Why an animated web copy is not made (every frame would be decoded, and the frames together are over the
    /// budget), or null. A frame count the header does not give is not guessed.
    /// </summary>
    public static string? StillInstead(string relativePath, MediaFacts facts, long maxPixels, string webFormat)
    {
        if (facts.Animated != true || webFormat != "webp" || facts.FrameCount is not { } frames || frames <= 1)
        {
            return null;
        }

        var framePixels = (long)facts.Width!.Value * facts.Height!.Value;
        return framePixels <= maxPixels / frames ? null
            : string.Create(CultureInfo.InvariantCulture, $"{relativePath} has {frames} frames of {facts.Width}×{facts.Height} ({(double)framePixels * frames:N0} pixels in all), over FFmpegOptions.MaxPixels ({maxPixels:N0}) for an animated web copy; the web copy is the first frame, still");
    }
}
