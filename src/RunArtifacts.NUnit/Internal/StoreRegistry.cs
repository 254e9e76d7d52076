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

    public static RecorderStore For(Assembly testAssembly)
    {
        var root = Path.GetFullPath(ResolveRoot());
        var lazy = Stores.GetOrAdd((testAssembly.FullName ?? testAssembly.GetName().Name ?? "tests", root),
            key => new Lazy<RecorderStore>(() => Open(testAssembly, key.Root), LazyThreadSafetyMode.ExecutionAndPublication));
        return lazy.Value;
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
        var options = new RunArtifactsOptions { Root = root };
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
        return new RecorderStore(new RunArtifactStore(options), options.CaptureStackTraces, options.MaxSlugLength);
    }
}
