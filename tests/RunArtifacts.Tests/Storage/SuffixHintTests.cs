using RunArtifacts.Storage.Internal;
using RunArtifacts.Storage.Internal.Commit;

namespace RunArtifacts.Tests.Storage;

public class SuffixHintTests
{
    [TestCase(0, 1)]
    [TestCase(1, 2)]
    [TestCase(2, 3)]
    [TestCase(5, 6)]
    [TestCase(64, 65)]
    [TestCase(100, 101)]
    public void FirstCandidate_ContiguousSuffixesTaken_GivesTheNextOne(int taken, int expected)
    {
        using var temp = new TempRoot();
        for (var n = 1; n <= taken; n++)
        {
            Directory.CreateDirectory(temp.Combine(Naming.WithSuffix("20260326_214512_m", n)));
        }

        Assert.That(PublishStep.FirstCandidate(temp.Path, "20260326_214512_m"), Is.EqualTo(expected));
    }

    [Test]
    public void FirstCandidate_OtherRunsInTheFolder_AreNotScanned()
    {
        using var temp = new TempRoot();
        Directory.CreateDirectory(temp.Combine("20260326_214512_other"));
        Directory.CreateDirectory(temp.Combine("20260326_214512_m_extra"));

        Assert.That(PublishStep.FirstCandidate(temp.Path, "20260326_214512_m"), Is.EqualTo(1));
    }
}
