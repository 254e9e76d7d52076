using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RunArtifacts.Builder;
using RunArtifacts.Builder.Internal;
using RunArtifacts.Index;
using RunArtifacts.Index.Internal;
using RunArtifacts.Records;
using RunArtifacts.Redaction.Internal;
using RunArtifacts.Storage.Internal;

namespace RunArtifacts.Storage;

/// <summary>
/// A root folder of run bundles: makes builders for new runs, commits them atomically, and reads, recovers and
/// reindexes the root. Thread-safe; one instance per root is enough (register it as a singleton).
/// Several processes may share one root.
/// </summary>
public sealed partial class RunArtifactStore
{
    private readonly RunCommitter committer;

    /// <summary>Opens a store. The options are validated now.</summary>
    /// <param name="options">The options; <see cref="RunArtifactsOptions.Root"/> is required.</param>
    /// <param name="timeProvider">Clock for creation times; the system clock by default.</param>
    /// <param name="loggerFactory">Logging; none by default.</param>
    /// <exception cref="OptionsValidationException">The options are not valid.</exception>
    public RunArtifactStore(RunArtifactsOptions options, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        TimeProvider = timeProvider ?? TimeProvider.System;
        Logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<RunArtifactStore>();
        RootPath = Path.GetFullPath(options.Root);
        Redactor = new SecretRedactor(options.Redaction);
        Index = new IndexFile(RootPath, options.IndexLockTimeout);
        Environment = BuildEnvironment(options.RecordMachineIdentity);
        var s = options.DerivativeSettings;
        DerivativeSettingsRecord = new DerivativeSettingsRecord
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
        };
        committer = new RunCommitter(this);
    }

    /// <summary>Opens a store from <see cref="IOptions{TOptions}"/> (the DI constructor).</summary>
    /// <param name="options">The options.</param>
    /// <param name="timeProvider">Clock.</param>
    /// <param name="loggerFactory">Logging.</param>
    public RunArtifactStore(IOptions<RunArtifactsOptions> options, TimeProvider timeProvider, ILoggerFactory loggerFactory)
        : this((options ?? throw new ArgumentNullException(nameof(options))).Value, timeProvider, loggerFactory)
    {
    }

    /// <summary>The options in force.</summary>
    public RunArtifactsOptions Options { get; }

    /// <summary>The clock runs are stamped with.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>Absolute path of the root.</summary>
    public string RootPath { get; }

    /// <summary>Absolute path of <c>index.jsonl</c>.</summary>
    public string IndexPath => Index.PathName;

    internal ILogger Logger { get; }

    internal SecretRedactor Redactor { get; }

    internal IndexFile Index { get; }

    internal EnvironmentRecord Environment { get; }

    internal DerivativeSettingsRecord DerivativeSettingsRecord { get; }

    internal StoreFileSystem FileSystem { get; set; } = StoreFileSystem.Real;

    /// <summary>Starts a new run of the given model.</summary>
    /// <param name="modelKey">The caller's key for the model; it is slugged into the run id.</param>
    /// <returns>A builder; nothing touches the disk before its <see cref="RunArtifactBuilder.CommitAsync"/>.</returns>
    public RunArtifactBuilder CreateRun(string modelKey) => new(this, modelKey);

    /// <summary>Reads index entries, skipping torn or bad lines (and counting them).</summary>
    /// <param name="query">Filters; with <see cref="IndexQuery.Limit"/> set, the newest entries are read from the end of the file without reading the rest.</param>
    /// <returns>The entries (oldest first, or newest first with a limit) and the number of lines skipped.</returns>
    public IndexReadResult ReadIndex(IndexQuery? query = null)
        => query?.Limit is { } limit ? Index.ReadNewest(limit, query) : Index.ReadAll(query);

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
        => committer.CommitAsync(draft, cancellationToken);

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
}
