namespace RunArtifacts.Cli.Tests;

/// <summary>
/// A blank run id (an unset shell variable) or one with a path in it is a usage error on every verb that takes one, and
/// so is a blank reviewer, output or hash given to <c>review</c>: before, <c>lineage</c> and <c>review</c> died of an
/// unhandled <see cref="ArgumentException"/>, and <c>verify ''</c> verified the whole root.
/// </summary>
public class RunIdArgumentTests
{
    [TestCase("show", "")]
    [TestCase("show", "../etc")]
    [TestCase("lineage", "")]
    [TestCase("lineage", " ")]
    [TestCase("lineage", "../x")]
    [TestCase("review", "", "--status", "approved", "--by", "me")]
    [TestCase("review", " ", "--status", "approved", "--by", "me")]
    [TestCase("diff", "", "x")]
    [TestCase("diff", "x", " ")]
    [TestCase("verify", "")]
    [TestCase("verify", " ")]
    public async Task Verb_BlankOrPathRunId_ExitsWithBadInputNamingIt(params string[] args)
    {
        using var temp = new TempRoot();
        var root = temp.Combine("root");
        await Some.Store(root).CreateRun("m").WithPrompt("p").CommitAsync();

        var result = await CliHarness.RunAsync([.. args, "--root", root]);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("is not a run id"), result.ToString());
        Assert.That(File.Exists(Path.Combine(root, "reviews.jsonl")), Is.False, "nothing was written");
    }

    [TestCase("--by", "")]
    [TestCase("--by", " ")]
    [TestCase("--output", "")]
    [TestCase("--sha256", " ")]
    public async Task Review_BlankValue_ExitsWithBadInputNamingTheOption(string option, string value)
    {
        using var temp = new TempRoot();
        var root = temp.Combine("root");
        var run = await Some.Store(root).CreateRun("m").WithPrompt("p").CommitAsync();
        string[] by = option == "--by" ? [] : ["--by", "me"];

        var result = await CliHarness.RunAsync(["review", run.RunId, "--root", root, "--status", "approved", option, value, .. by]);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain($"{option} must not be blank"), result.ToString());
        Assert.That(File.Exists(Path.Combine(root, "reviews.jsonl")), Is.False, "nothing was written");
    }
}
