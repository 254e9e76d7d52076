using System.Globalization;

namespace RunArtifacts.Derivatives;

/// <summary>When a video poster is taken: the first frame, a time, or a fraction of the duration.</summary>
/// <param name="Seconds">Time in seconds, when given as a time.</param>
/// <param name="Fraction">Fraction of the duration (0–1), when given as a fraction.</param>
public readonly record struct PosterTimeSpec(double? Seconds, double? Fraction)
{
    /// <summary>The first frame.</summary>
    public static PosterTimeSpec First => new(0, null);

    /// <summary>The time in seconds for a media of the given duration, never past its end.</summary>
    /// <param name="durationSeconds">The media's duration, when known.</param>
    /// <returns>Seconds from the start.</returns>
    public double Resolve(double? durationSeconds)
    {
        var seconds = Fraction is { } f ? (durationSeconds ?? 0) * f : Seconds ?? 0;
        if (durationSeconds is { } d && d > 0)
        {
            // Keep clear of the very last frame, which some containers cannot seek to.
            seconds = Math.Min(seconds, Math.Max(0, d - 0.1));
        }

        return Math.Max(0, seconds);
    }

    /// <summary>Parses <c>first</c>, <c>2.5s</c> or <c>0.5</c>.</summary>
    /// <param name="text">The text.</param>
    /// <param name="spec">The parsed value.</param>
    /// <returns>Whether the text was valid.</returns>
    public static bool TryParse(string? text, out PosterTimeSpec spec)
    {
        spec = First;
        if (string.IsNullOrWhiteSpace(text) || text.Trim().Equals("first", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var t = text.Trim();
        if (t.EndsWith('s') && double.TryParse(t.AsSpan(0, t.Length - 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0 && double.IsFinite(seconds))
        {
            spec = new PosterTimeSpec(seconds, null);
            return true;
        }

        if (double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var fraction) && fraction >= 0 && fraction <= 1)
        {
            spec = new PosterTimeSpec(null, fraction);
            return true;
        }

        return false;
    }
}
