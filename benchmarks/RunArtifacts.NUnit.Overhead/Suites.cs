using NUnit.Framework;
using RunArtifacts.NUnit;

namespace RunArtifacts.NUnit.Overhead;

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
