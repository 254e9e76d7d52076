using NUnit.Framework;
using NUnit.Framework.Interfaces;
using RunArtifacts.NUnit.Internal;

namespace RunArtifacts.NUnit;

/// <summary>
/// Records a run bundle for every test it applies to: a <see cref="Builder.RunArtifactBuilder"/> is started before the test
/// (reach it with <see cref="TestRun.Current"/>) and committed after it with the test's outcome, then <c>run.json</c>, the hero
/// output and its thumbnail are attached to the test result and the bundle's path is written to the test's output.
/// Put it on a test method, a fixture class or the assembly; when several apply to one test, the nearest one wins.
/// </summary>
/// <remarks>
/// <para>Outcome: passed becomes <c>succeeded</c> (a warning result also records a <c>test_warning</c> warning); failed becomes
/// <c>failed</c> with kind <c>assertion_failed</c>, an error <c>test_error</c>, an exceeded <c>[CancelAfter]</c> <c>timeout</c>;
/// ignored (<c>Assert.Ignore</c>), skipped and inconclusive become <c>cancelled</c> with the reason. A test NUnit never starts
/// (<c>[Ignore]</c> on the method, an unselected <c>[Explicit]</c>) gets no bundle: nothing ran.</para>
/// <para>On a method the run spans the test body; on a fixture or the assembly it also spans <c>[SetUp]</c> and <c>[TearDown]</c>.</para>
/// <para>The root is the NUnit test parameter <c>RunArtifactsRoot</c>, else the environment variable <c>RUNARTIFACTS_ROOT</c>,
/// else <c>test-runs</c> in the test work directory; options come from <see cref="RecordRunSetupAttribute"/>.</para>
/// </remarks>
[AttributeUsage(AttributeTargets.Assembly | AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class RecordRunAttribute : Attribute, ITestAction
{
    /// <summary>The model key of the runs; by default the fixture's name.</summary>
    public string? ModelKey { get; set; }

    /// <summary>Which bundles are kept. <value>Default: <see cref="RunKeep.Always"/>.</value></summary>
    public RunKeep Keep { get; set; } = RunKeep.Always;

    /// <summary>Whether <c>run.json</c>, the hero output and its thumbnail are attached to the test result. <value>Default: <see langword="true"/>.</value></summary>
    public bool AttachToResult { get; set; } = true;

    /// <summary>The task mode recorded for the runs (<c>text_to_image</c>), if any.</summary>
    public string? TaskMode { get; set; }

    /// <summary>
    /// Runs around each test, and after each suite it is on (the fixture, a parameterized method, the assembly), where it
    /// waits for the background flush of the suite's runs: every bundle is on disk when its suite ends.
    /// </summary>
    public ActionTargets Targets => ActionTargets.Test | ActionTargets.Suite;

    /// <summary>Starts the test's run (when this is the nearest <see cref="RecordRunAttribute"/>).</summary>
    /// <param name="test">The test about to run.</param>
    public void BeforeTest(ITest test) => TestRecorder.Begin(this, test);

    /// <summary>
    /// Commits (or drops) the test's run with its outcome and attaches the bundle to the result; after a suite, waits until
    /// the runs committed so far are on disk.
    /// </summary>
    /// <param name="test">The test or suite that ran.</param>
    /// <exception cref="ArtifactCommitException">After a suite: a background flush of its runs failed (NUnit reports it on the suite).</exception>
    public void AfterTest(ITest test) => TestRecorder.End(this, test);

    internal bool SameSettings(RecordRunAttribute other)
        => string.Equals(ModelKey, other.ModelKey, StringComparison.Ordinal) && Keep == other.Keep && AttachToResult == other.AttachToResult
            && string.Equals(TaskMode, other.TaskMode, StringComparison.Ordinal);
}
