using System.Collections.Concurrent;
using NUnit.Framework;
using RunArtifacts;
using RunArtifacts.NUnit;

[assembly: RecordRunSetup(typeof(RecordedSuite.Setup))]

namespace RecordedSuite;

public sealed class Setup : IRecordRunSetup
{
    public void Configure(RunArtifactsOptions options) => options.CaptureStackTraces = true;
}

internal static class Png
{
    // A 1x1 PNG.
    public static readonly byte[] Pixel = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
}

[RecordRun(ModelKey = "fake_image_model", TaskMode = "text_to_image")]
[Category("image")]
public class Outcomes
{
    [Test]
    [Property("Owner", "vision")]
    public void Passes()
    {
        TestRun.Current.WithPrompt("a red square").AddOutput(Png.Pixel, "out.png");
        Assert.Pass();
    }

    [Test]
    public void FailsAssertion()
    {
        TestRun.Current.WithPrompt("a blue circle");
        Assert.That(2 + 2, Is.EqualTo(5), "the model drew the wrong shape");
    }

    [Test]
    public void Throws()
    {
        TestRun.Current.WithPrompt("a green triangle");
        throw new InvalidOperationException("the model exploded");
    }

    [Test]
    public void IgnoredInBody() => Assert.Ignore("provider is down today");

    [Test]
    public void Inconclusive() => Assert.Inconclusive("no reference image");

    [Test]
    [Ignore("never started")]
    public void IgnoredByAttribute() => Assert.Fail("not run");

    [Test]
    [CancelAfter(300)]
    public async Task TimesOut(CancellationToken cancellationToken) => await Task.Delay(TimeSpan.FromMinutes(2), cancellationToken);

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(-3)]
    [TestCase("a lighthouse at dusk, cinematic lighting, 35mm film grain, volumetric fog")]
    [TestCase("A")]
    [TestCase("a")]
    public void Parameterised(object argument)
    {
        TestRun.Current.WithPrompt($"argument {argument}");
        Assert.That(argument, Is.Not.Null);
    }

    [Test]
    public async Task AsyncAcrossAwait()
    {
        var before = TestRun.Current;
        await Task.Yield();
        await Task.Delay(20);
        await Task.Run(() => TestRun.Current.WithPrompt("set on the thread pool"));
        Assert.That(TestRun.Current, Is.SameAs(before));
    }
}

[RecordRun]
[Parallelizable(ParallelScope.All)]
public class Parallel
{
    private static readonly ConcurrentDictionary<object, string> Seen = new();

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [TestCase(4)]
    [TestCase(5)]
    [TestCase(6)]
    public async Task Case(int n)
    {
        var run = TestRun.Current;
        Assert.That(Seen.TryAdd(run, TestContext.CurrentContext.Test.Name), Is.True, "every parallel case has its own builder");
        run.WithPrompt($"parallel case {n}");
        await Task.Delay(50);
        Assert.That(TestRun.Current, Is.SameAs(run));
    }
}

[RecordRun(Keep = RunKeep.FailuresOnly)]
public class KeepFailures
{
    [Test]
    public void PassingDropped() => TestRun.Current.WithPrompt("dropped").AddOutput(Png.Pixel, "dropped.png");

    [Test]
    public void FailingKept()
    {
        TestRun.Current.WithPrompt("kept");
        Assert.Fail("kept because it failed");
    }

    [Test]
    [RecordRun(Keep = RunKeep.Always)]
    public void NearestWins() => TestRun.Current.WithPrompt("kept by the method's own attribute");
}

public class NotRecorded
{
    [Test]
    public void CurrentOutsideARecordedTest_Throws()
    {
        var ex = Assert.Throws<TestRunNotActiveException>(() => _ = TestRun.Current);
        Assert.That(ex!.Message, Does.Contain("[RecordRun]"));
        Assert.That(TestRun.TryGetCurrent(out _), Is.False);
    }
}
