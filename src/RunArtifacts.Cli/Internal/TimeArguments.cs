using System.Globalization;

namespace RunArtifacts.Cli.Internal;

/// <summary>Parses times (<c>2026-03-26</c>, RFC 3339) and durations (<c>90s</c>, <c>45m</c>, <c>12h</c>, <c>7d</c>, <c>2w</c>).</summary>
internal static class TimeArguments
{
    public static TimeSpan ParseDuration(string text, string option)
    {
        var t = text.Trim();
        if (t.Length >= 2 && double.TryParse(t.AsSpan(0, t.Length - 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n >= 0)
        {
            var unit = char.ToLowerInvariant(t[^1]) switch
            {
                's' => 1.0,
                'm' => 60.0,
                'h' => 3600.0,
                'd' => 86_400.0,
                'w' => 7 * 86_400.0,
                _ => 0.0,
            };
            if (unit > 0)
            {
                // Longer than TimeSpan holds (about 29,000 years; "Infinity" parses too) is an answer, not a crash.
                return n * unit < TimeSpan.MaxValue.TotalSeconds
                    ? TimeSpan.FromSeconds(n * unit)
                    : throw new CliUsageException($"{option} '{text}' is longer than {TimeSpan.MaxValue.Days:N0} days.");
            }
        }

        if (TimeSpan.TryParse(t, CultureInfo.InvariantCulture, out var span) && span >= TimeSpan.Zero)
        {
            return span;
        }

        throw new CliUsageException($"{option} '{text}' is not a duration such as 90s, 45m, 12h, 7d or 2w.");
    }

    /// <summary>A point in time: an absolute time, or a duration meaning that long ago.</summary>
    public static DateTimeOffset ParseTime(string text, string option, DateTimeOffset now)
    {
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
        {
            return at;
        }

        try
        {
            // That long ago, or the earliest time there is when it reaches back beyond year 1.
            var ago = ParseDuration(text, option);
            return ago < now - DateTimeOffset.MinValue ? now - ago : DateTimeOffset.MinValue;
        }
        catch (CliUsageException)
        {
            throw new CliUsageException($"{option} '{text}' is neither a time (2026-03-26, 2026-03-26T21:45:12Z) nor a duration ago (12h, 7d).");
        }
    }
}
