using Microsoft.Extensions.Logging;

namespace RunArtifacts.Testing;

/// <summary>A logger factory whose loggers keep every entry (level and formatted message), for tests that check what was logged.</summary>
public sealed class ListLoggerFactory : ILoggerFactory, ILogger
{
    /// <summary>Every entry so far, in order.</summary>
    public List<(LogLevel Level, string Message)> Entries { get; } = [];

    /// <summary>The formatted messages of the entries at <paramref name="level"/> or above.</summary>
    public IReadOnlyList<string> AtLeast(LogLevel level)
    {
        lock (Entries)
        {
            return Entries.Where(e => e.Level >= level).Select(e => e.Message).ToList();
        }
    }

    public ILogger CreateLogger(string categoryName) => this;

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (Entries)
        {
            Entries.Add((logLevel, formatter(state, exception)));
        }
    }
}
