namespace RunArtifacts.NUnit.Tests;

public class TestRunTests
{
    [Test]
    public void Current_OutsideARecordedTest_ThrowsTestRunNotActiveException()
    {
        var ex = Assert.Throws<TestRunNotActiveException>(() => _ = TestRun.Current);

        Assert.That(ex!.Message, Does.Contain("[RecordRun]"));
        Assert.That(ex, Is.InstanceOf<ArtifactsException>());
        Assert.That(TestRun.TryGetCurrent(out var builder), Is.False);
        Assert.That(builder, Is.Null);
    }
}
