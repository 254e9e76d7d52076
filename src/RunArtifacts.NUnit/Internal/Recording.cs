using System.Collections.Concurrent;
using System.Diagnostics;
using RunArtifacts.Builder;

namespace RunArtifacts.NUnit.Internal;

/// <summary>One test's run in progress: who started it, its builder and its store.</summary>
internal sealed class Recording
{
    private static readonly AsyncLocal<Recording?> Current = new();
    private static readonly ConcurrentDictionary<string, Recording> ByTest = new(StringComparer.Ordinal);

    private Recording(RecordRunAttribute owner, RecorderStore store, RunArtifactBuilder builder)
    {
        Owner = owner;
        Store = store;
        Builder = builder;
    }

    /// <summary>The recording on this async flow, if any.</summary>
    public static Recording? Active => Current.Value;

    public RecordRunAttribute Owner { get; }

    public RecorderStore Store { get; }

    public RunArtifactBuilder Builder { get; }

    public long StartedAt { get; } = Stopwatch.GetTimestamp();

    /// <summary>Starts a recording for the test unless one is already running (an equal attribute at another level started it).</summary>
    public static Recording? TryStart(string testId, RecordRunAttribute owner, RecorderStore store, Func<RunArtifactBuilder> create)
    {
        if (ByTest.ContainsKey(testId))
        {
            return null;
        }

        var recording = new Recording(owner, store, create());
        if (!ByTest.TryAdd(testId, recording))
        {
            return null;
        }

        Current.Value = recording;
        return recording;
    }

    /// <summary>Ends the recording of the test when <paramref name="owner"/> started it.</summary>
    public static Recording? TryEnd(string testId, RecordRunAttribute owner)
    {
        if (!ByTest.TryGetValue(testId, out var recording) || !ReferenceEquals(recording.Owner, owner))
        {
            return null;
        }

        ByTest.TryRemove(testId, out _);
        if (ReferenceEquals(Current.Value, recording))
        {
            Current.Value = null;
        }

        return recording;
    }
}
