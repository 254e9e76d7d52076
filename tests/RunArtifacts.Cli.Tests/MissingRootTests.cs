namespace RunArtifacts.Cli.Tests;

/// <summary><c>ls</c>, <c>show</c> and <c>prune</c> on a root that does not exist or is a file: exit 2 with one clear line (was "no runs", exit 0).</summary>
public class MissingRootTests
{
    [TestCase("ls")]
    [TestCase("show", "20260326_214512_m")]
    [TestCase("prune", "--keep-last", "1")]
    public async Task Verb_OnAMissingOrFileRoot_ExitsTwoWithOneLine(string verb, params string[] rest)
    {
        using var temp = new TempRoot();
        var file = temp.File("not-a-root.txt", "x");
        foreach (var (root, says) in new[] { (temp.Combine("missing"), "does not exist"), (file, "is a file") })
        {
            var result = await CliHarness.RunAsync([verb, .. rest, "--root", root]);

            Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
            Assert.That(result.Error.Trim().Split('\n'), Has.Length.EqualTo(1));
            Assert.That(result.Error, Does.Contain(says));
            Assert.That(Directory.Exists(temp.Combine("missing")), Is.False, "nothing is created");
        }
    }
}
