using System.Collections.Concurrent;
using System.Reflection;
using NUnit.Framework;
using RunArtifacts.Storage;

namespace RunArtifacts.NUnit.Internal;

/// <summary>One store per root per test assembly, made on first use and shared by every test (the store is thread-safe).</summary>
internal static class StoreRegistry
{
    /// <summary>The NUnit test parameter naming the root.</summary>
    public const string RootParameter = "RunArtifactsRoot";

    /// <summary>The environment variable naming the root when the test parameter is not given.</summary>
    public const string RootVariable = "RUNARTIFACTS_ROOT";

    private static readonly ConcurrentDictionary<(string Assembly, string Root), Lazy<RecorderStore>> Stores = new();

    private static int exitHooked;

    public static RecorderStore For(Assembly testAssembly) => For(testAssembly, ResolveRoot());

    /// <summary>The store of <paramref name="testAssembly"/>'s recorded runs under <paramref name="root"/>.</summary>
    public static RecorderStore For(Assembly testAssembly, string root)
    {
        root = Path.GetFullPath(root);
        var lazy = Stores.GetOrAdd((testAssembly.FullName ?? testAssembly.GetName().Name ?? "tests", root),
            key => new Lazy<RecorderStore>(() => Open(testAssembly, key.Root), LazyThreadSafetyMode.ExecutionAndPublication));
        return lazy.Value;
    }

    /// <summary>
    /// Waits until every run committed through the stores opened so far is on disk (the stores defer the flush of their
    /// publish renames and index lines, <see cref="RunArtifactsOptions.DeferPublishFlush"/>). Called after each suite that
    /// a <see cref="RecordRunAttribute"/> is on, and when the test process exits.
    /// </summary>
    /// <exception cref="ArtifactCommitException">A background flush failed.</exception>
    public static async Task FlushAllAsync()
    {
        List<Exception>? failures = null;
        foreach (var lazy in Stores.Values)
        {
            if (!lazy.IsValueCreated)
            {
                continue;
            }

            try
            {
                await lazy.Value.Store.FlushAsync().ConfigureAwait(false);
            }
            catch (ArtifactCommitException ex)
            {
                (failures ??= []).Add(ex);
            }
        }

        if (failures is [var only])
        {
            throw only;
        }

        if (failures is not null)
        {
            throw new AggregateException("Background flushes of recorded runs failed.", failures);
        }
    }

    /// <summary>The test parameter, else the environment variable, else <c>test-runs</c> in the work directory.</summary>
    public static string ResolveRoot()
    {
        var fromParameter = TestContext.Parameters.Get(RootParameter);
        if (!string.IsNullOrWhiteSpace(fromParameter))
        {
            return fromParameter;
        }

        var fromEnvironment = Environment.GetEnvironmentVariable(RootVariable);
        return !string.IsNullOrWhiteSpace(fromEnvironment) ? fromEnvironment : Path.Combine(TestContext.CurrentContext.WorkDirectory, "test-runs");
    }

    private static RecorderStore Open(Assembly testAssembly, string root)
    {
        // Each test's commit returns once its bundle is whole, published and indexed; the last flush round (the rename
        // and the index line) is grouped in the background and waited for after the suite (FlushAllAsync). A setup may turn it off.
        var options = new RunArtifactsOptions { Root = root, DeferPublishFlush = true };
        if (testAssembly.GetCustomAttribute<RecordRunSetupAttribute>() is { } setup)
        {
            if (Activator.CreateInstance(setup.SetupType) is not IRecordRunSetup configure)
            {
                throw new ArtifactsException($"[assembly: RecordRunSetup] names {setup.SetupType.FullName}, which does not implement {nameof(IRecordRunSetup)}.");
            }

            configure.Configure(options);
        }

        // The test outcome's kind travels on TestOutcomeException; every other failure is classified as usual.
        options.AddFailureClassifier(static info => info.Exception is TestOutcomeException outcome ? outcome.Kind : null);
        HookProcessExit();
        return new RecorderStore(new RunArtifactStore(options), options.CaptureStackTraces, options.MaxSlugLength);
    }

    /// <summary>
    /// The last chance: a test with <see cref="RecordRunAttribute"/> on its method only (no suite of its own ends after
    /// it) is flushed when the test process exits. A failure there can only be written to the standard error.
    /// </summary>
    private static void HookProcessExit()
    {
        if (Interlocked.Exchange(ref exitHooked, 1) == 1)
        {
            return;
        }

        AppDomain.CurrentDomain.ProcessExit += static (_, _) =>
        {
            try
            {
                FlushAllAsync().GetAwaiter().GetResult();
            }
            catch (Exception ex) when (ex is ArtifactCommitException or AggregateException)
            {
                Console.Error.WriteLine($"RunArtifacts: {ex.Message}");
            }
        };
    }
}
