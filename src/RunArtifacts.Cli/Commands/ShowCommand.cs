using System.CommandLine;
using System.Globalization;
using System.Text;
using RunArtifacts.Cli.Internal;
using RunArtifacts.Records;
using RunArtifacts.Serialization;
using RunArtifacts.Storage;

namespace RunArtifacts.Cli.Commands;

/// <summary><c>artifacts show RUN_ID</c>: one run's summary, outputs, derivatives, warnings and errors.</summary>
internal static partial class ShowCommand
{
    public static Command Create(CliContext context)
    {
        var root = CliContext.RootOption();
        var runId = new Argument<string>("RUN_ID") { Description = "The run id (the run folder's name), as 'artifacts ls' prints it." };
        var json = new Option<bool>("--json") { Description = "Write the run record (run.json, schema run v1) as one line of JSON." };
        var command = new Command("show", "Show one run: summary, prompt, inputs and outputs with sizes and dimensions, derivatives, warnings, errors and its record files.") { runId, root, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var store = CliContext.OpenStore(CliContext.ExistingRoot(parse.GetRequiredValue(root)));
            var id = parse.GetRequiredValue(runId);
            var (record, folder) = await LoadAsync(store, id, cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                await context.Out.WriteLineAsync(RecordJson.ToJsonLine(record)).ConfigureAwait(false);
            }
            else
            {
                var reviews = await store.GetReviewStatesAsync(record.RunId, cancellationToken).ConfigureAwait(false);
                await context.Out.WriteAsync(Describe(record, folder, reviews)).ConfigureAwait(false);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Finds a run by id (its date folder comes from the id, else a scan of the date folders) and reads its run.json.</summary>
    internal static async Task<(RunRecord Record, string Folder)> LoadAsync(RunArtifactStore store, string id, CancellationToken cancellationToken)
    {
        RunIdArgument.Check(id);
        var folder = store.FindRunFolder(id) ?? throw new CliUsageException($"No run '{id}' under '{store.RootPath}'.");
        var record = await RunBundle.ReadRunAsync(Path.Combine(folder, "run.json"), cancellationToken).ConfigureAwait(false);
        return (record, folder);
    }

    internal static string Describe(RunRecord run, string folder, IReadOnlyList<Reviews.ReviewState>? reviews = null)
    {
        var sb = new StringBuilder();
        void Line(string label, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                sb.Append(CultureInfo.InvariantCulture, $"{label,-10}{value}\n");
            }
        }

        Line("run", run.RunId);
        Line("status", run.Errors.Count > 0 ? $"{Status(run.Status)} ({run.Errors[0].Kind})" : Status(run.Status));
        Line("created", Time(run.CreatedAt));
        Line("finished", run.FinishedAt is { } f ? Time(f) : null);
        Line("model", run.ProviderModel is null ? run.ModelKey : $"{run.ModelKey} ({run.ProviderModel})");
        Line("task", run.TaskMode);
        Line("tags", run.Tags.Count > 0 ? string.Join(", ", run.Tags) : null);
        Line("folder", folder);
        Line("prompt", run.Prompts?.Raw);
        if (run.Prompts?.Enhanced is { } enhanced && enhanced != run.Prompts.Raw)
        {
            Line("enhanced", enhanced);
        }

        if (run.Prompts?.FinalUsed is { } final && final != run.Prompts.Raw && final != run.Prompts.Enhanced)
        {
            Line("final", final);
        }

        Assets(sb, "outputs", run.Outputs, reviews);
        External(sb, "external outputs", run.ExternalOutputs, reviews);
        Assets(sb, "inputs", run.Inputs, null);
        External(sb, "external inputs", run.ExternalInputs, null);
        Review(sb, reviews);

        sb.Append(CultureInfo.InvariantCulture, $"\nwarnings ({run.Warnings.Count})\n");
        foreach (var w in run.Warnings)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  {w.Code}: {ArtifactsCli.OneLine(w.Message)}{(w.Path is null ? string.Empty : $" [{w.Path}]")}\n");
        }

        sb.Append(CultureInfo.InvariantCulture, $"\nerrors ({run.Errors.Count})\n");
        foreach (var e in run.Errors)
        {
            var where = string.Join(", ", new[] { e.Stage is null ? null : "stage " + e.Stage, e.HttpStatus is null ? null : "http " + e.HttpStatus.Value.ToString(CultureInfo.InvariantCulture), e.Code is null ? null : "code " + e.Code }.Where(x => x is not null));
            sb.Append(CultureInfo.InvariantCulture, $"  {e.Kind}: {ArtifactsCli.OneLine(e.Message)}{(where.Length == 0 ? string.Empty : $" ({where})")}\n");
        }

        var records = new List<string> { "run.json", run.ManifestPath, run.NotesPath };
        if (run.RequestPath is not null)
        {
            records.Add(run.RequestPath);
        }

        records.AddRange(run.Logs.Values);
        sb.Append("\nrecords\n");
        foreach (var r in records.Distinct(StringComparer.Ordinal))
        {
            sb.Append(CultureInfo.InvariantCulture, $"  {r}{(File.Exists(Path.Combine(folder, r)) ? string.Empty : "  (missing)")}\n");
        }

        return sb.ToString();
    }

    internal static string FormatBytes(long bytes)
    {
        string[] units = ["B", "KB", "MB", "GB", "TB"];
        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return unit == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{bytes} B")
            : string.Create(CultureInfo.InvariantCulture, $"{value:0.0} {units[unit]}");
    }

    private static void Assets(StringBuilder sb, string title, IReadOnlyList<AssetRecord> assets, IReadOnlyList<Reviews.ReviewState>? reviews)
    {
        sb.Append(CultureInfo.InvariantCulture, $"\n{title} ({assets.Count})\n");
        foreach (var a in assets)
        {
            var facts = new List<string?> { a.Role is null || a.Role == "output" ? null : a.Role, a.MimeType, Dimensions(a.Width, a.Height, a.DurationSeconds), FormatBytes(a.Bytes), a.Sha256 is null ? null : "sha256 " + a.Sha256[..Math.Min(12, a.Sha256.Length)], ReviewOf(reviews, a.RelativePath) };
            sb.Append(CultureInfo.InvariantCulture, $"  {a.RelativePath}  {string.Join("  ", facts.Where(x => !string.IsNullOrEmpty(x)))}\n");
            foreach (var d in a.Derivatives)
            {
                var dfacts = new List<string?> { d.MimeType, Dimensions(d.Width, d.Height, d.DurationSeconds), FormatBytes(d.Bytes) };
                sb.Append(CultureInfo.InvariantCulture, $"    {DerivativeName(d.Kind),-7}{d.RelativePath}  {string.Join("  ", dfacts.Where(x => !string.IsNullOrEmpty(x)))}\n");
            }
        }
    }

    private static string DerivativeName(DerivativeKind kind) => kind.ToString().ToLowerInvariant();

    private static string? Dimensions(int? width, int? height, double? duration)
    {
        var size = width is not null && height is not null ? $"{width}x{height}" : null;
        var time = duration is { } d ? d.ToString("0.0#", CultureInfo.InvariantCulture) + "s" : null;
        return size is null ? time : time is null ? size : $"{size} {time}";
    }

    private static string Status(RunStatus status) => status.ToString().ToLowerInvariant();

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
