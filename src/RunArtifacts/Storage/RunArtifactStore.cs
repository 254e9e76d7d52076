using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RunArtifacts.Builder;
using RunArtifacts.Builder.Internal;
using RunArtifacts.Capture.Internal;
using RunArtifacts.Index;
using RunArtifacts.Index.Internal;
using RunArtifacts.Records;
using RunArtifacts.Redaction.Internal;
using RunArtifacts.Storage.Internal;
using RunArtifacts.Storage.Internal.Commit;

namespace RunArtifacts.Storage;

/// <summary>
/// A root folder of run bundles: makes builders for new runs, commits them atomically, and reads, recovers and
/// reindexes the root. Thread-safe; one instance per root is enough (register it as a singleton).
/// Several processes may share one root.
/// </summary>
public sealed partial class RunArtifactStore
{
    private readonly CommitPipeline pipeline;

    /// <summary>Opens a store. The options are validated now, then copied: the store works from that copy only.</summary>
    /// <param name="options">The options; <see cref="RunArtifactsOptions.Root"/> is required.</param>
    /// <param name="timeProvider">Clock for creation times; the system clock by default.</param>
    /// <param name="loggerFactory">Logging; none by default.</param>
    /// <exception cref="OptionsValidationException">The options are not valid.</exception>
    /// <remarks>
    /// The options are frozen at construction: changing <paramref name="options"/> (or its collections, such as its
    /// derivative generators) after the store exists has no effect on this store. Make a new store to use other options.
    /// </remarks>
    public RunArtifactStore(RunArtifactsOptions options, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options.Snapshot();
        TimeProvider = timeProvider ?? TimeProvider.System;
        Logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<RunArtifactStore>();
        RootPath = Path.GetFullPath(Options.Root);
        Redactor = new SecretRedactor(Options.Redaction);
        Index = new IndexFile(RootPath, Options.IndexLockTimeout);
        var s = Options.DerivativeSettings;
        var publishFolders = new PublishFolders();
        Context = new CommitContext
        {
            PublishFolders = publishFolders,
            Flusher = new PublishFlusher(RootPath, Index.PathName, () => Context!.FileSystem, publishFolders, Logger),
            Options = Options,
            RootPath = RootPath,
            Redactor = Redactor,
            Privacy = ErrorShaper.PrivacyFor(Options),
            Index = Index,
            Clock = TimeProvider,
            Logger = Logger,
            RecordInCatalog = run => Catalog.RecordCommitted(run),
            Environment = BuildEnvironment(Options.RecordMachineIdentity),
            DerivativeSettings = new DerivativeSettingsRecord
            {
                ImageWebMaxDimension = s.ImageWebMaxDimension,
                ImageWebFormat = s.ImageWebFormat,
                ImageWebQuality = s.ImageWebQuality,
                ImageThumbMaxDimension = s.ImageThumbMaxDimension,
                ImageThumbFormat = s.ImageThumbFormat,
                ImageThumbQuality = s.ImageThumbQuality,
                VideoWebMaxWidth = s.VideoWebMaxWidth,
                PosterWidth = s.PosterWidth,
                PosterFormat = s.PosterFormat,
                PosterTime = s.PosterTime,
                AllowUpscale = s.AllowUpscale,
                Sha256 = s.Sha256,
            },
        };
        pipeline = new CommitPipeline(Context);
    }

    /// <summary>The clock runs are stamped with.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>Absolute path of the root.</summary>
    public string RootPath { get; }

    /// <summary>Absolute path of <c>index.jsonl</c>.</summary>
    public string IndexPath => Index.PathName;

    /// <summary>The validated snapshot of the options the store was made with.</summary>
    internal RunArtifactsOptions Options { get; }

    internal ILogger Logger { get; }

    internal SecretRedactor Redactor { get; }

    internal IndexFile Index { get; }

    /// <summary>What every commit of this store uses, built once.</summary>
    internal CommitContext Context { get; }

    /// <summary>The publish seam (tests replace it).</summary>
    internal StoreFileSystem FileSystem
    {
        get => Context.FileSystem;
        set => Context.FileSystem = value;
    }

    /// <summary>Starts a new run of the given model.</summary>
    /// <param name="modelKey">The caller's key for the model; it is slugged into the run id.</param>
    /// <returns>A builder; nothing touches the disk before its <see cref="RunArtifactBuilder.CommitAsync"/>.</returns>
    public RunArtifactBuilder CreateRun(string modelKey) => new(this, modelKey);

    /// <summary>
    /// Reads index entries, <b>newest first</b> (the last appended line first), with or without a limit; torn or bad
    /// lines are skipped and counted.
    /// </summary>
    /// <param name="query">Filters; with <see cref="IndexQuery.Limit"/> set, the newest entries are read from the end of the file without reading the rest.</param>
    /// <returns>The entries, newest first, and the number of lines skipped.</returns>
    public IndexReadResult ReadIndex(IndexQuery? query = null)
    {
        if (query?.Limit is { } limit)
        {
            return Index.ReadNewest(limit, query);
        }

        var all = Index.ReadAll(query);
        return new IndexReadResult([.. all.Entries.Reverse()], all.SkippedLines);
    }

    /// <summary>Reads index entries asynchronously (on the thread pool).</summary>
    /// <param name="query">Filters.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The entries and the number of lines skipped.</returns>
    public Task<IndexReadResult> ReadIndexAsync(IndexQuery? query = null, CancellationToken cancellationToken = default)
        => Task.Run(() => ReadIndex(query), cancellationToken);

    /// <summary>
    /// Removes what crashed writers left in <c>.staging/</c>: folders whose lock is no longer held by a live process,
    /// orphaned lock files and temporary index files. A commit in progress (its lock held) is never touched.
    /// </summary>
    /// <param name="cancellationToken">Cancels the scan.</param>
    /// <returns>What was removed and what was left.</returns>
    public Task<RecoverResult> RecoverAsync(CancellationToken cancellationToken = default)
        => RecoverAsync(TimeSpan.FromSeconds(2), cancellationToken);

    internal Task<CommittedRun> CommitAsync(RunDraft draft, CancellationToken cancellationToken)
        => pipeline.CommitAsync(draft, cancellationToken);

    private static EnvironmentRecord BuildEnvironment(bool identity)
    {
        var version = typeof(RunArtifactStore).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return new EnvironmentRecord
        {
            LibraryVersion = plus > 0 ? version[..plus] : version,
            DotnetRuntime = RuntimeInformation.FrameworkDescription,
            Os = RuntimeInformation.OSDescription,
            Architecture = RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant(),
            HostName = identity ? System.Environment.MachineName : null,
            UserName = identity ? System.Environment.UserName : null,
        };
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$")]
    internal static partial Regex DateFolderPattern();

    /// <summary>A folder that holds runs: a date folder, or a project folder (a slug) of the project layout (issue 14).</summary>
    internal static bool IsRunParentFolder(string name) => DateFolderPattern().IsMatch(name) || ProjectFolderPattern().IsMatch(name);

    [GeneratedRegex(@"^[a-z0-9]+(_[a-z0-9]+)*$")]
    internal static partial Regex ProjectFolderPattern();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}_\d{2}-\d{2}-\d{2}_[a-z0-9_]+$")]
    internal static partial Regex ProjectRunPattern();
}
