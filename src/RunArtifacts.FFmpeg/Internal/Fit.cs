namespace RunArtifacts.FFmpeg.Internal;

/// <summary>Target sizes: aspect ratio kept, never larger than the source unless allowed.</summary>
internal static class Fit
{
    /// <summary>Fits the longest side into <paramref name="maxDimension"/>.</summary>
    public static (int Width, int Height) Within(int width, int height, int maxDimension, bool allowUpscale)
    {
        var scale = Math.Min((double)maxDimension / width, (double)maxDimension / height);
        if (!allowUpscale)
        {
            scale = Math.Min(scale, 1);
        }

        return (Math.Max(1, (int)Math.Round(width * scale)), Math.Max(1, (int)Math.Round(height * scale)));
    }

    /// <summary>Caps the width at <paramref name="maxWidth"/>.</summary>
    public static (int Width, int Height) ToWidth(int width, int height, int maxWidth, bool allowUpscale)
    {
        var w = allowUpscale ? maxWidth : Math.Min(width, maxWidth);
        return (Math.Max(1, w), Math.Max(1, (int)Math.Round((double)height * w / width)));
    }

    /// <summary>Rounds both sides down to even numbers (H.264 in yuv420p needs them), at least 2.</summary>
    public static (int Width, int Height) Even((int Width, int Height) size)
        => (Math.Max(2, size.Width / 2 * 2), Math.Max(2, size.Height / 2 * 2));
}
