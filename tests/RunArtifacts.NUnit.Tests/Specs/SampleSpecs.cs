using System.Text.Json.Nodes;

namespace RunArtifacts.NUnit.Tests.Specs;

/// <summary>The newcomer's sample (samples/ImageModelTests) does what its README says: two bundles, then a gallery showing both.</summary>
[NonParallelizable]
public class SampleSpecs
{
    [Test]
    public void Sample_DotnetTest_ThenGallery_ShowsThePassingAndTheFailingRun()
    {
        var temp = Path.Combine(Path.GetTempPath(), "ra-sample-" + Guid.NewGuid().ToString("N")[..12]);
        var root = Path.Combine(temp, "image-runs");
        try
        {
            var project = Path.Combine(ChildDotnetTest.RepoRoot, "samples", "ImageModelTests", "ImageModelTests.csproj");
            // Restored with this project (a build-order reference; see RecordedSuiteSpecs for why not restored again).
            var build = ChildDotnetTest.Run(["build", project, "-c", "Release", "--no-restore", "-nodeReuse:false", "-v", "q"]);
            Assert.That(build.ExitCode, Is.Zero, build.Output);

            // The README's command, with the root from the environment this time.
            var test = ChildDotnetTest.Run(["test", project, "-c", "Release", "--no-build"], new Dictionary<string, string?> { ["RUNARTIFACTS_ROOT"] = root });
            Assert.That(test.ExitCode, Is.Not.Zero, "the sample fails one test on purpose:\n" + test.Output);
            Assert.That(test.Output, Does.Contain("Failed Sunflower_IsYellow"));

            var runs = Directory.EnumerateFiles(root, "run.json", SearchOption.AllDirectories)
                .Select(f => JsonNode.Parse(File.ReadAllText(f))!)
                .ToDictionary(r => (string)r["slug"]!, r => r);
            Assert.That(runs.Keys, Is.EquivalentTo(new[] { "lighthouse_atdusk_isblue", "sunflower_isyellow" }));
            Assert.That((string?)runs["lighthouse_atdusk_isblue"]["status"], Is.EqualTo("succeeded"));
            Assert.That((string?)runs["sunflower_isyellow"]["status"], Is.EqualTo("failed"));
            Assert.That((string?)runs["sunflower_isyellow"]["errors"]![0]!["kind"], Is.EqualTo("assertion_failed"));

            var cli = Path.Combine(ChildDotnetTest.RepoRoot, "src", "RunArtifacts.Cli", "bin", "Release", "net10.0", "artifacts.dll");
            var gallery = ChildDotnetTest.Run([cli, "gallery", "--root", root]);
            Assert.That(gallery.ExitCode, Is.Zero, gallery.Output);
            var html = File.ReadAllText(Path.Combine(root, "gallery.html"));
            Assert.That(html, Does.Contain("sunflower_isyellow").And.Contain("lighthouse_atdusk_isblue"));
        }
        finally
        {
            if (Directory.Exists(temp))
            {
                Directory.Delete(temp, recursive: true);
            }
        }
    }
}
