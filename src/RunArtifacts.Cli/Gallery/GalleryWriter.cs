using System.Globalization;
using System.Text;
using System.Text.Json;
using RunArtifacts.Cli.Internal;
using RunArtifacts.Records;
using RunArtifacts.Reviews;
using RunArtifacts.Storage;

namespace RunArtifacts.Cli.Gallery;

/// <summary>What <see cref="GalleryWriter.WriteAsync"/> wrote.</summary>
/// <param name="OutputPath">Absolute path of the HTML file.</param>
/// <param name="Runs">Runs in the page.</param>
/// <param name="MissingRecords">Index entries whose run.json could not be read (shown from the index line alone), relative to the root.</param>
/// <param name="Bytes">Size of the page.</param>
/// <param name="SkippedIndexLines">Torn or bad index lines skipped.</param>
internal sealed record GalleryResult(string OutputPath, int Runs, IReadOnlyList<string> MissingRecords, long Bytes, int SkippedIndexLines);

/// <summary>
/// Writes the gallery: one self-contained HTML page (template embedded in this assembly) with every run's browsing
/// data as one JSON blob. Media are referenced by paths relative to the page, so it works from <c>file://</c> with no
/// server; nothing in the page points at the network.
/// </summary>
internal static partial class GalleryWriter
{
    internal const string DataMarker = "__GALLERY_DATA__";
    internal const string DetailsMarker = "__GALLERY_DETAILS__";
    private const int MaxPromptChars = 4000;
    private static readonly string[] ImageExtensions = [".png", ".jpg", ".jpeg", ".webp", ".gif", ".avif", ".bmp"];
    private static readonly string[] VideoExtensions = [".mp4", ".webm", ".mov", ".m4v", ".mkv"];

    public static async Task<GalleryResult> WriteAsync(RunArtifactStore store, string outputPath, IProgress<ProgressTick> progress, CancellationToken cancellationToken)
    {
        var output = Path.GetFullPath(outputPath);
        var outputDir = Path.GetDirectoryName(output)!;
        Directory.CreateDirectory(outputDir);

        progress.Report(new ProgressTick("index", 0, 0));
        var index = await store.ReadIndexAsync(null, cancellationToken).ConfigureAwait(false);
        var entries = index.Entries.ToArray();

        // Read every run.json in parallel; the page needs each run's outputs, prompt, warnings and errors.
        var records = new RunRecord?[entries.Length];
        var done = 0;
        await Parallel.ForAsync(0, entries.Length, new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Math.Max(2, Environment.ProcessorCount) }, async (i, ct) =>
        {
            records[i] = await TryReadRunAsync(Path.Combine(store.RootPath, entries[i].RunPath, "run.json"), ct).ConfigureAwait(false);
            var n = Interlocked.Increment(ref done);
            if ((n & 255) == 0 || n == entries.Length)
            {
                progress.Report(new ProgressTick("read", n, entries.Length));
            }
        }).ConfigureAwait(false);

        // Issue 13: the current review status of every run and output, from one pass over reviews.jsonl.
        var events = store.ReadReviews().GroupBy(e => e.RunId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var reviews = records.Select(r => r is null ? null : ReviewFold.Fold(r, events.TryGetValue(r.RunId, out var list) ? list : [])).ToArray();
        var missing = new List<string>();
        for (var i = 0; i < entries.Length; i++)
        {
            if (records[i] is null)
            {
                missing.Add(entries[i].RunPath);
            }
        }

        progress.Report(new ProgressTick("write", 0, 1));
        var (head, middle, tail) = Template();
        var temp = Path.Combine(outputDir, $".{Path.GetFileName(output)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            {
                await stream.WriteAsync(head, cancellationToken).ConfigureAwait(false);
                await using (var json = new Utf8JsonWriter(stream))
                {
                    WriteData(json, store, outputDir, entries, records, reviews);
                    await json.FlushAsync(cancellationToken).ConfigureAwait(false);
                }

                await stream.WriteAsync(middle, cancellationToken).ConfigureAwait(false);
                await using (var json = new Utf8JsonWriter(stream))
                {
                    WriteDetails(json, entries, records, reviews);
                    await json.FlushAsync(cancellationToken).ConfigureAwait(false);
                }

                await stream.WriteAsync(tail, cancellationToken).ConfigureAwait(false);
            }

            File.Move(temp, output, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }

        progress.Report(new ProgressTick("write", 1, 1));
        return new GalleryResult(output, entries.Length, missing, new FileInfo(output).Length, index.SkippedLines);
    }

    /// <summary>The URL prefix from the page's folder to the root: relative when it can be, a file URI otherwise.</summary>
    internal static string RootUrl(string outputDir, string root)
    {
        var relative = Path.GetRelativePath(outputDir, root);
        if (Path.IsPathRooted(relative))
        {
            return new Uri(Path.TrimEndingDirectorySeparator(root) + Path.DirectorySeparatorChar).AbsoluteUri.TrimEnd('/');
        }

        return relative == "." ? "." : string.Join('/', relative.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar).Select(Uri.EscapeDataString));
    }

    private static void WriteData(Utf8JsonWriter w, RunArtifactStore store, string outputDir, IndexEntry[] entries, RunRecord?[] records, IReadOnlyList<ReviewState>?[] reviews)
    {
        w.WriteStartObject();
        w.WriteString("generated_at", store.TimeProvider.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        w.WriteString("root", store.RootPath);
        w.WriteString("base", RootUrl(outputDir, store.RootPath));

        w.WriteStartArray("models");
        foreach (var m in entries.Select(e => e.ModelKey).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            w.WriteStringValue(m);
        }

        w.WriteEndArray();
        w.WriteStartArray("tags");
        foreach (var t in entries.SelectMany(e => e.Tags).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            w.WriteStringValue(t);
        }

        w.WriteEndArray();
        w.WriteStartArray("runs");
        for (var i = 0; i < entries.Length; i++)
        {
            WriteRun(w, entries[i], records[i], reviews[i]);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>A card: what the grid and the filters need, nothing more (the details go in a second blob, parsed on first use).</summary>
    private static void WriteRun(Utf8JsonWriter w, IndexEntry e, RunRecord? run, IReadOnlyList<ReviewState>? reviews)
    {
        w.WriteStartObject();
        w.WriteString("id", e.RunId);
        var t = e.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        if (e.RunPath != $"{t[..10]}/{e.RunId}")
        {
            w.WriteString("path", e.RunPath);
        }

        w.WriteString("t", t);
        w.WriteString("s", Status(e.Status));
        w.WriteString("m", e.ModelKey);
        OptionalString(w, "mode", e.TaskMode);
        w.WriteStartArray("tags");
        foreach (var tag in e.Tags)
        {
            w.WriteStringValue(tag);
        }

        w.WriteEndArray();
        OptionalString(w, "p", e.PromptSummary);
        if (e.OutputCount != 1)
        {
            w.WriteNumber("n", e.OutputCount);
        }

        var hero = run is { Outputs.Count: > 0 } ? run.Outputs[0] : null;
        var (image, video) = Visuals(e, hero);
        OptionalString(w, "img", image);
        OptionalString(w, "vid", video);
        WriteReviewSummary(w, reviews);
        if (run is null)
        {
            OptionalString(w, "ek", e.ErrorKind);
            w.WriteBoolean("missing", true);
        }
        else if (run.Errors.Count > 0)
        {
            w.WriteString("ek", run.Errors[0].Kind);
            w.WriteString("em", Cap(run.Errors[0].Message, 300));
        }

        w.WriteEndObject();
    }

    /// <summary>
    /// The card's still image and, for a video hero, the video to play. Works with whatever the records hold today:
    /// a thumb, a poster, a web copy, or only the original (a PNG, or an MP4 that then has no still).
    /// </summary>
    internal static (string? Image, string? Video) Visuals(IndexEntry entry, AssetRecord? hero)
    {
        if (hero is null)
        {
            var thumb = entry.HeroThumb ?? entry.HeroWeb ?? entry.HeroOriginal;
            return (IsImage(thumb) ? thumb : null, IsVideo(thumb) ? thumb : null);
        }

        string?[] stills = hero.Kind == AssetKind.Video
            ? [hero.PosterPath, hero.ThumbPath, entry.HeroThumb]
            : [hero.ThumbPath, hero.PosterPath, entry.HeroThumb, hero.WebPath, hero.RelativePath];
        var image = stills.FirstOrDefault(IsImage);
        string? video = null;
        if (hero.Kind == AssetKind.Video)
        {
            video = new[] { hero.WebPath, hero.RelativePath }.FirstOrDefault(IsVideo);
        }

        return (image, video);
    }

    private static bool IsImage(string? path) => path is not null && ImageExtensions.Any(x => path.EndsWith(x, StringComparison.OrdinalIgnoreCase));

    private static bool IsVideo(string? path) => path is not null && VideoExtensions.Any(x => path.EndsWith(x, StringComparison.OrdinalIgnoreCase));

    private static async Task<RunRecord?> TryReadRunAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await RunBundle.ReadRunAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArtifactFormatException)
        {
            return null;
        }
    }

    private static (byte[] Head, byte[] Middle, byte[] Tail) Template()
    {
        using var resource = typeof(GalleryWriter).Assembly.GetManifestResourceStream("RunArtifacts.Cli.Gallery.gallery.html")
            ?? throw new InvalidOperationException("The gallery template is missing from the assembly.");
        using var reader = new StreamReader(resource, Encoding.UTF8);
        var text = reader.ReadToEnd();
        var data = text.IndexOf(DataMarker, StringComparison.Ordinal);
        var details = text.IndexOf(DetailsMarker, StringComparison.Ordinal);
        if (data < 0 || details < data)
        {
            throw new InvalidOperationException("The gallery template has no data or details marker.");
        }

        return (
            Encoding.UTF8.GetBytes(text[..data]),
            Encoding.UTF8.GetBytes(text[(data + DataMarker.Length)..details]),
            Encoding.UTF8.GetBytes(text[(details + DetailsMarker.Length)..]));
    }

    private static string Status(RunStatus status) => status.ToString().ToLowerInvariant();

    private static string? Cap(string? text, int max) => text is null || text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 3), "...");

    private static void OptionalString(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }

    private static void OptionalNumber(Utf8JsonWriter w, string name, int? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
    }
}
