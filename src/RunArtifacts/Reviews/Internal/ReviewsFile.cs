using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using RunArtifacts.Index.Internal;
using RunArtifacts.IO.Internal;
using RunArtifacts.Serialization;

namespace RunArtifacts.Reviews.Internal;

/// <summary>
/// <c>reviews.jsonl</c>: hash-chained review events, appended one whole line at a time under the root's index lock and
/// flushed, like <c>index.jsonl</c>. Read forward; the last line is found by reading backwards from the end.
/// </summary>
internal sealed class ReviewsFile(string root, IndexFile index)
{
    public const string FileName = "reviews.jsonl";

    /// <summary>The <c>prev_sha256</c> of the first line.</summary>
    public static readonly string Genesis = new('0', 64);

    public string PathName { get; } = Path.Combine(root, FileName);

    public static string HashLine(ReadOnlySpan<byte> line) => Convert.ToHexStringLower(SHA256.HashData(line));

    /// <summary>Appends one event made by <paramref name="make"/> from the previous line's hash and the event it supersedes, under the lock.</summary>
    public async Task<ReviewEvent> AppendAsync(Func<string, string?, ReviewEvent> make, string runId, ReviewTarget target, bool flush, CancellationToken cancellationToken)
    {
        using var gate = await index.LockAsync(cancellationToken).ConfigureAwait(false);
        RootEntries.EnsurePlain(PathName, directory: false); // never appended through a link (outside the root) nor into a FIFO
        using var handle = File.OpenHandle(PathName, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
        var length = RandomAccess.GetLength(handle);
        var (lastLine, endsWithNewline) = LastLine(handle, length);
        var prev = lastLine is null ? Genesis : HashLine(lastLine);
        var supersedes = FindLatestFor(runId, target);
        var entry = make(prev, supersedes);
        var line = JsonSerializer.SerializeToUtf8Bytes(entry, RunArtifactsJsonContext.Compact.ReviewEvent);
        var needsNewline = length > 0 && !endsWithNewline;
        JsonLines.Append(handle, length, line, needsNewline, flush);

        return entry;
    }

    /// <summary>Every line, oldest first, as raw bytes (without the newline) with its 1-based number.</summary>
    public IEnumerable<(int Number, byte[] Bytes)> Lines()
    {
        if (!File.Exists(PathName))
        {
            yield break;
        }

        RegularFiles.EnsureReadable(PathName);
        using var stream = new FileStream(PathName, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16);
        var number = 0;
        var pending = new List<byte>(512);
        var buffer = new byte[1 << 16];
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            var start = 0;
            for (var i = 0; i < read; i++)
            {
                if (buffer[i] == (byte)'\n')
                {
                    pending.AddRange(buffer.AsSpan(start, i - start));
                    yield return (++number, pending.ToArray());
                    pending.Clear();
                    start = i + 1;
                }
            }

            pending.AddRange(buffer.AsSpan(start, read - start));
        }

        if (pending.Count > 0)
        {
            yield return (++number, pending.ToArray());
        }
    }

    /// <summary>Every event that parses, oldest first (a torn or edited line is skipped here; verify reports it).</summary>
    public IEnumerable<ReviewEvent> ReadAll(string? runId = null)
    {
        var needle = runId is null ? null : Encoding.UTF8.GetBytes("\"run_id\":" + JsonSerializer.Serialize(runId, RunArtifactsJsonContext.Compact.String));
        foreach (var (_, bytes) in Lines())
        {
            if (needle is not null && bytes.AsSpan().IndexOf(needle) < 0)
            {
                continue;
            }

            if (TryParse(bytes, out var e) && (runId is null || e.RunId == runId))
            {
                yield return e;
            }
        }
    }

    public static bool TryParse(ReadOnlySpan<byte> line, out ReviewEvent entry)
    {
        try
        {
            entry = JsonSerializer.Deserialize(line, RunArtifactsJsonContext.Compact.ReviewEvent)!;
            return entry is not null;
        }
        catch (JsonException)
        {
            entry = null!;
            return false;
        }
    }

    /// <summary>The latest event for the same run and target (by file order), scanning backwards.</summary>
    private string? FindLatestFor(string runId, ReviewTarget target)
    {
        string? found = null;
        foreach (var e in ReadAll(runId))
        {
            if (e.Target == target)
            {
                found = e.EventId;
            }
        }

        return found;
    }

    private static (byte[]? Line, bool EndsWithNewline) LastLine(Microsoft.Win32.SafeHandles.SafeFileHandle handle, long length)
    {
        if (length == 0)
        {
            return (null, true);
        }

        var last = new byte[1];
        RandomAccess.Read(handle, last, length - 1);
        var ends = last[0] == (byte)'\n';
        var end = ends ? length - 1 : length;
        var collected = new List<byte[]>();
        var position = end;
        const int Chunk = 4096;
        while (position > 0)
        {
            var size = (int)Math.Min(Chunk, position);
            var chunk = new byte[size];
            RandomAccess.Read(handle, chunk, position - size);
            var nl = Array.LastIndexOf(chunk, (byte)'\n');
            if (nl >= 0)
            {
                collected.Insert(0, chunk[(nl + 1)..]);
                position = -1;
                break;
            }

            collected.Insert(0, chunk);
            position -= size;
        }

        return (collected.SelectMany(c => c).ToArray(), ends);
    }
}
