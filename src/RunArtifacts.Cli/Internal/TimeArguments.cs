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
            switch (char.ToLowerInvariant(t[^1]))
            {
                case 's': return TimeSpan.FromSeconds(n);
                case 'm': return TimeSpan.FromMinutes(n);
                case 'h': return TimeSpan.FromHours(n);
                case 'd': return TimeSpan.FromDays(n);
                case 'w': return TimeSpan.FromDays(7 * n);
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
            return now - ParseDuration(text, option);
        }
        catch (CliUsageException)
        {
            throw new CliUsageException($"{option} '{text}' is neither a time (2026-03-26, 2026-03-26T21:45:12Z) nor a duration ago (12h, 7d).");
        }
    }
}
