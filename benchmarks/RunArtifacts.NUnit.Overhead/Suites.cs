using NUnit.Framework;
using RunArtifacts;
using RunArtifacts.NUnit;

[assembly: RecordRunSetup(typeof(NUnitOverhead.Setup))]

namespace NUnitOverhead;

/// <summary>
/// OVERHEAD_NOFLUSH=1 turns flushing off, to split the cost between fsync and the rest; OVERHEAD_FULLFLUSH=1 turns the
/// NUnit default (the publish flush grouped in the background, DeferPublishFlush) off, so each commit waits for both flush rounds.
/// </summary>
public sealed class Setup : IRecordRunSetup
{
    public void Configure(RunArtifactsOptions options)
    {
        options.FlushToDisk = Environment.GetEnvironmentVariable("OVERHEAD_NOFLUSH") != "1";
        if (Environment.GetEnvironmentVariable("OVERHEAD_FULLFLUSH") == "1")
        {
            options.DeferPublishFlush = false;
        }
    }
}

internal static class Cases
{
    public static IEnumerable<int> FiveHundred => Enumerable.Range(1, 500);
}

/// <summary>Each test commits a prompt-only bundle (flush to disk on, the default).</summary>
[RecordRun(ModelKey = "overhead")]
public class Recorded
{
    [TestCaseSource(typeof(Cases), nameof(Cases.FiveHundred))]
    public void Trivial(int n)
    {
        TestRun.Current.WithPrompt($"prompt {n}");
        Assert.That(n, Is.Positive);
    }
}

/// <summary>The same tests without the attribute.</summary>
public class Plain
{
    [TestCaseSource(typeof(Cases), nameof(Cases.FiveHundred))]
    public void Trivial(int n)
    {
        _ = $"prompt {n}";
        Assert.That(n, Is.Positive);
    }
}
