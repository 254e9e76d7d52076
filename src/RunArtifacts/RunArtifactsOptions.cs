using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using RunArtifacts.Capture;
using RunArtifacts.Derivatives;
using RunArtifacts.Experiments;
using RunArtifacts.Redaction;
using RunArtifacts.Storage;

namespace RunArtifacts;

/// <summary>Configuration of a <see cref="Storage.RunArtifactStore"/>. Bind it from configuration or set it in code.</summary>
public sealed class RunArtifactsOptions
{
    /// <summary>The configuration section name used by <c>AddRunArtifacts(IConfiguration)</c>.</summary>
    public const string SectionName = "RunArtifacts";

    /// <summary>Folder that holds <c>index.jsonl</c>, <c>.staging/</c> and the date folders. Required.</summary>
    [Required(AllowEmptyStrings = false)]
    public string Root { get; set; } = string.Empty;

    /// <summary>How files come into a run.</summary>
    /// <value>Default <see cref="CopyMode.Copy"/>.</value>
    public CopyMode CopyMode { get; set; } = CopyMode.Copy;

    /// <summary>Whether every copied file is hashed with SHA-256 (in the same pass as the copy).</summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool ComputeSha256 { get; set; } = true;

    /// <summary>Whether files, folders and the index are flushed to disk (fsync) before the run is published.</summary>
    /// <value>Default <see langword="true"/>. Turning it off trades crash durability for speed; atomic visibility is kept.</value>
    public bool FlushToDisk { get; set; } = true;

    /// <summary>
    /// Whether a commit returns before its publish rename and its index line are flushed to disk (group commit, like
    /// PostgreSQL's <c>synchronous_commit = off</c> or SQLite's WAL <c>synchronous = NORMAL</c>). Only matters when
    /// <see cref="FlushToDisk"/> is on.
    /// </summary>
    /// <value>Default <see langword="false"/>: <c>CommitAsync</c> returns once the run is durable.</value>
    /// <remarks>
    /// <para>When on, a commit still flushes every file and folder of the run before its rename (a run is whole or absent,
    /// also after a power loss) and still appends its index line before it returns (a process that is killed loses
    /// nothing: the line is in the operating system's cache). What it does not wait for is the second flush: the folder the
    /// run was renamed into and <c>index.jsonl</c>. A background flusher does those, one flush for every commit that
    /// came before it, and <see cref="RunArtifactStore.FlushAsync"/> (and disposing the store) waits for it.</para>
    /// <para>After a power loss or an operating-system crash, the runs committed since the last completed flush may be:
    /// absent (their staging folder is left in <c>.staging/</c>, which <c>recover</c> removes), present but missing from
    /// the index (<c>reindex</c> restores the line), or, rarely, listed in the index but absent (<c>reindex</c> drops the
    /// line). Never half a run. A failed background flush is logged and thrown by the next
    /// <see cref="RunArtifactStore.FlushAsync"/> or dispose.</para>
    /// </remarks>
    public bool DeferPublishFlush { get; set; }

    /// <summary>Longest slug, in characters, after slugging.</summary>
    /// <value>Default 48.</value>
    [Range(8, 120)]
    public int MaxSlugLength { get; set; } = 48;

    /// <summary>Longest model key, in characters, after slugging.</summary>
    /// <value>Default 64.</value>
    [Range(8, 120)]
    public int MaxModelKeyLength { get; set; } = 64;

    /// <summary>Largest prompt accepted, in UTF-8 bytes; a larger one is refused at commit.</summary>
    /// <value>Default 1 MiB.</value>
    [Range(1024, 256 * 1024 * 1024)]
    public int MaxPromptBytes { get; set; } = 1024 * 1024;

    /// <summary>Whether asset records keep the absolute path the file came from.</summary>
    /// <value>Default <see langword="false"/>: records hold relative paths only.</value>
    public bool RecordAbsolutePaths { get; set; }

    /// <summary>Whether the environment record keeps the host and user names.</summary>
    /// <value>Default <see langword="false"/>.</value>
    public bool RecordMachineIdentity { get; set; }

    /// <summary>Whether shaped errors keep their (redacted) stack traces.</summary>
    /// <value>Default <see langword="false"/>.</value>
    public bool CaptureStackTraces { get; set; }

    /// <summary>How long a commit waits for the inter-process index lock.</summary>
    /// <value>Default 30 seconds; between 10 ms and 1 hour.</value>
    public TimeSpan IndexLockTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many derivative generators run at once in one commit.</summary>
    /// <value>Default 2.</value>
    [Range(1, 64)]
    public int MaxParallelDerivatives { get; set; } = 2;

    /// <summary>How long one generator may work on one file before it is cancelled.</summary>
    /// <value>Default 5 minutes; between 100 ms and 1 day.</value>
    public TimeSpan DerivativeTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Settings of the derivatives (sizes, formats, qualities).</summary>
    [ValidateObjectMembers]
    public ArtifactDerivativeSettings DerivativeSettings { get; set; } = new();

    /// <summary>The registered derivative generators and media probers.</summary>
    public DerivativeGeneratorCollection Derivatives { get; private init; } = new();

    /// <summary>The storage policy for external assets: allowed providers, signed URLs refused or stripped.</summary>
    public StoragePolicyOptions StoragePolicy { get; set; } = new();

    /// <summary>What the redactor removes.</summary>
    public RedactionOptions Redaction { get; set; } = new();

    /// <summary>How long text (logs, error bodies) is captured and truncated.</summary>
    [ValidateObjectMembers]
    public TextCapturePolicy Capture { get; set; } = new();

    // Issue 14: experiment runs and the project layout.

    /// <summary>How experiment runs are recorded (<c>run_manifest.json</c> capture, refused artifact types).</summary>
    [ValidateObjectMembers]
    public ExperimentOptions Experiments { get; set; } = new();

    /// <summary>How run folders are arranged under the root.</summary>
    /// <value>Default <see cref="Storage.RunLayout.ByDate"/>.</value>
    public Storage.RunLayout Layout { get; set; } = Storage.RunLayout.ByDate;

    /// <summary>The project of a run that names none, under <see cref="Storage.RunLayout.ByProject"/>.</summary>
    /// <value>Default <c>default</c>.</value>
    [Required(AllowEmptyStrings = false)]
    public string DefaultProject { get; set; } = "default";

    /// <summary>Classifiers asked, in order, for the kind of each failure before the built-in rules (exception type, HTTP status, message).</summary>
    public IList<IFailureClassifier> FailureClassifiers { get; private init; } = new List<IFailureClassifier>();

    /// <summary>Adds a failure classifier written as a function.</summary>
    /// <param name="classify">Returns a snake_case kind, or <see langword="null"/> to let the next classifier decide.</param>
    /// <returns>These options.</returns>
    public RunArtifactsOptions AddFailureClassifier(Func<FailureInfo, string?> classify)
    {
        ArgumentNullException.ThrowIfNull(classify);
        FailureClassifiers.Add(new Capture.Internal.DelegateFailureClassifier(classify));
        return this;
    }

    /// <summary>Runs every validation rule (data annotations and cross-field rules), as the DI container does on start.</summary>
    /// <exception cref="OptionsValidationException">Some rule failed; the message lists each.</exception>
    public void Validate()
    {
        var result = new RunArtifactsOptionsValidator().Validate(null, this);
        if (result.Succeeded)
        {
            result = new RunArtifactsOptionsCrossValidator().Validate(null, this);
        }

        if (result.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(RunArtifactsOptions), result.Failures);
        }
    }

    /// <summary>
    /// A deep copy the store keeps: the store validates the options, then works from this copy only, so changing the
    /// options object (or its collections) after the store exists has no effect on it.
    /// </summary>
    internal RunArtifactsOptions Snapshot() => new()
    {
        Root = Root,
        CopyMode = CopyMode,
        ComputeSha256 = ComputeSha256,
        FlushToDisk = FlushToDisk,
        DeferPublishFlush = DeferPublishFlush,
        MaxSlugLength = MaxSlugLength,
        MaxModelKeyLength = MaxModelKeyLength,
        MaxPromptBytes = MaxPromptBytes,
        RecordAbsolutePaths = RecordAbsolutePaths,
        RecordMachineIdentity = RecordMachineIdentity,
        CaptureStackTraces = CaptureStackTraces,
        IndexLockTimeout = IndexLockTimeout,
        MaxParallelDerivatives = MaxParallelDerivatives,
        DerivativeTimeout = DerivativeTimeout,
        DerivativeSettings = DerivativeSettings.Copy(),
        Derivatives = Derivatives.Copy(),
        Redaction = Redaction.Copy(),
        StoragePolicy = StoragePolicy.Copy(),
        Capture = Capture.Copy(),
        FailureClassifiers = new List<IFailureClassifier>(FailureClassifiers).AsReadOnly(),
        Experiments = Experiments.Copy(),
        Layout = Layout,
        DefaultProject = DefaultProject,
    };
}
