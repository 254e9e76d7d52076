using NUnit.Framework.Interfaces;
using RunArtifacts.NUnit.Internal;

namespace RunArtifacts.NUnit.Tests.Internal;

public class OutcomeMapperTests
{
    [Test]
    public void KindOf_MapsNUnitResultStates()
    {
        Assert.Multiple(() =>
        {
            Assert.That(OutcomeMapper.KindOf(ResultState.Failure, "Expected: 5 But was: 4"), Is.EqualTo("assertion_failed"));
            Assert.That(OutcomeMapper.KindOf(ResultState.Error, "System.InvalidOperationException : boom"), Is.EqualTo("test_error"));
            Assert.That(OutcomeMapper.KindOf(ResultState.Failure, "Test exceeded CancelAfter value of 300ms"), Is.EqualTo("timeout"));
            Assert.That(OutcomeMapper.KindOf(ResultState.Failure, "Test exceeded Timeout value of 300ms"), Is.EqualTo("timeout"));
        });
    }
}
