using NetVips;
using RunArtifacts.Derivatives;

namespace RunArtifacts.Vips.Internal;

/// <summary>
/// libvips' own messages (GLib's log, domain <c>VIPS</c>: "iCCP: profile 'icc': 0h: too short", "error in tile 0 x
/// 600"), which GLib would print to the process's standard error, where neither a library's caller nor the
/// <c>artifacts</c> tool's could use them. They are taken instead (<see cref="Install"/>) and become warnings of the
/// image job they belong to (<see cref="Begin"/>): a message from the job's own thread is its own; one from libvips'
/// worker threads is given to the job only when it is the one job running, and dropped otherwise (several images in
/// flight: it could be any one's, and a warning in the wrong run is worse than none).
/// </summary>
internal static class VipsMessages
{
    /// <summary>Distinct messages kept per job; more are counted.</summary>
    private const int MaxPerJob = 5;

    private static readonly Lock Gate = new();
    private static readonly List<Collector> Running = [];

    [ThreadStatic]
    private static Collector? onThisThread;

    /// <summary>Takes libvips' criticals, warnings and messages, which GLib prints by default (once, when libvips is first set up); its info and debug lines stay off, as GLib leaves them.</summary>
    public static void Install()
        => Log.SetLogHandler("VIPS", Enums.LogLevelFlags.Critical | Enums.LogLevelFlags.Warning | Enums.LogLevelFlags.Message, Take);

    /// <summary>Collects the messages of the job about to run on this thread, until disposed.</summary>
    public static Collector Begin()
    {
        var collector = new Collector(onThisThread);
        onThisThread = collector;
        lock (Gate)
        {
            Running.Add(collector);
        }

        return collector;
    }

    private static void Take(string domain, Enums.LogLevelFlags level, string message)
    {
        try
        {
            var target = onThisThread;
            if (target is null)
            {
                lock (Gate)
                {
                    target = Running.Count == 1 ? Running[0] : null;
                }
            }

            target?.Add(message);
        }
        catch (Exception)
        {
            // Called from native code: nothing may escape.
        }
    }

    /// <summary>The messages of one job.</summary>
    internal sealed class Collector(Collector? outer) : IDisposable
    {
        private readonly List<string> messages = [];
        private int dropped;

        /// <summary>The job's messages as warnings about <paramref name="file"/>, each once.</summary>
        public IReadOnlyList<string> Warnings(string file)
        {
            lock (messages)
            {
                var warnings = messages.Select(m => $"libvips, reading {file}: {m}").ToList();
                if (dropped > 0)
                {
                    warnings.Add($"libvips, reading {file}: {dropped} more message(s)");
                }

                return warnings;
            }
        }

        /// <summary>The result with the job's messages added to its warnings.</summary>
        public DerivativeResult AddTo(DerivativeResult result, string file)
            => Warnings(file) is { Count: > 0 } more ? result with { Warnings = [.. result.Warnings, .. more] } : result;

        /// <inheritdoc />
        public void Dispose()
        {
            onThisThread = outer;
            lock (Gate)
            {
                Running.Remove(this);
            }
        }

        internal void Add(string message)
        {
            message = message.Trim();
            lock (messages)
            {
                if (messages.Contains(message, StringComparer.Ordinal))
                {
                    return;
                }

                if (messages.Count < MaxPerJob)
                {
                    messages.Add(message);
                }
                else
                {
                    dropped++;
                }
            }
        }
    }
}
