using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using RunArtifacts.Cli.Gallery;

namespace RunArtifacts.Cli.Tests;

/// <summary>The gallery page as a file: self-contained, relative links, data for every run.</summary>
public partial class GalleryCommandTests
{
    private SampleRoot sample = null!;

    [OneTimeSetUp]
    public async Task CreateRoot() => sample = await SampleRoot.CreateAsync();

    [OneTimeTearDown]
    public void RemoveRoot() => sample.Dispose();

    [Test]
    public async Task Gallery_DefaultOut_WritesOneSelfContainedPageInTheRoot()
    {
        var result = await CliHarness.RunAsync("gallery", "--root", sample.Root);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var page = Path.Combine(sample.Root, "gallery.html");
        Assert.That(result.Out.Trim(), Is.EqualTo(page));
        var html = await File.ReadAllTextAsync(page);
        Assert.That(ExternalReference().Matches(html).Select(m => m.Value), Is.Empty, "no http(s) or protocol-relative reference anywhere in the page");
        Assert.That(html, Does.Not.Contain("<link").And.Not.Contain("<script src").And.Not.Contain("@import").And.Not.Contain("@font-face"));
        var data = Data(html);
        Assert.That(data["base"]!.GetValue<string>(), Is.EqualTo("."));
        var runs = data["runs"]!.AsArray();
        Assert.That(runs.Select(r => r!["id"]!.GetValue<string>()), Is.EqualTo(sample.Runs.Select(r => r.RunId)), "newest first");
        Assert.That(data["models"]!.AsArray().Select(m => m!.GetValue<string>()), Is.EqualTo(new[] { "flux_dev", "kling_v2", "nano_banana_pro" }));
    }

    [Test]
    public async Task Gallery_CardVisuals_FollowWhatTheRecordsHold()
    {
        var result = await CliHarness.RunAsync("gallery", "--root", sample.Root, "--out", Path.Combine(sample.Temp, "out", "g.html"));
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var html = await File.ReadAllTextAsync(Path.Combine(sample.Temp, "out", "g.html"));
        var data = Data(html);
        var details = Details(html);
        JsonNode Run(string suffix) => data["runs"]!.AsArray().Single(r => r!["id"]!.GetValue<string>().EndsWith(suffix, StringComparison.Ordinal))!;
        JsonNode Detail(string suffix) => details[data["runs"]!.AsArray().Select((r, i) => (r, i)).Single(x => x.r!["id"]!.GetValue<string>().EndsWith(suffix, StringComparison.Ordinal)).i]!;

        Assert.That(data["base"]!.GetValue<string>(), Is.EqualTo("../root"), "relative to the page");
        Assert.That(Run("_lighthouse")["img"]!.GetValue<string>(), Is.EqualTo("thumb/output_01.webp"));
        Assert.That(Run("_no_derivatives")["img"]!.GetValue<string>(), Is.EqualTo("original/output_01.png"), "no thumbnail yet: the original");
        Assert.That(Run("_pan")["img"]!.GetValue<string>(), Is.EqualTo("thumb/output_01_poster.jpg"));
        Assert.That(Run("_pan")["vid"]!.GetValue<string>(), Is.EqualTo("web/output_01.webm"));
        Assert.That(Run("_rate_limited")["img"], Is.Null);
        Assert.That(Run("_rate_limited")["em"]!.GetValue<string>(), Is.EqualTo("Provider answered 429: rate limit exceeded"));
        Assert.That(Detail("_rate_limited")["errs"]![0]!["http"]!.GetValue<int>(), Is.EqualTo(429));
        Assert.That(Detail("_lighthouse")["outs"]!.AsArray().Select(o => o!["path"]!.GetValue<string>()), Is.EqualTo(new[] { "original/output_01.png", "original/output_02.png" }));
        Assert.That(Detail("_lighthouse")["ins"]![0]!["role"]!.GetValue<string>(), Is.EqualTo("reference"));
        Assert.That(Detail("_pan")["outs"]![0]!["poster"]!.GetValue<string>(), Is.EqualTo("thumb/output_01_poster.jpg"));
    }

    [Test]
    public void Visuals_VideoHeroWithNoDerivatives_HasNoStillButPlaysTheOriginal()
    {
        var entry = sample.Video.IndexEntry with { HeroThumb = "original/output_01.mp4" };
        var hero = sample.Video.Run.Outputs[0] with { PosterPath = null, ThumbPath = null, WebPath = null };

        var (image, video) = GalleryWriter.Visuals(entry, hero);

        Assert.That(image, Is.Null);
        Assert.That(video, Is.EqualTo("original/output_01.mp4"));
    }

    [Test]
    public async Task Gallery_RunFolderGone_ReportsItAndStillWritesThePage()
    {
        using var copy = sample.Copy();
        Directory.Delete(copy.RunFolder(copy.Runs[1]), recursive: true);

        var result = await CliHarness.RunAsync("gallery", "--root", copy.Root, "--json");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var json = JsonNode.Parse(result.Out)!;
        Assert.That(json["missing_records"]!.AsArray().Select(n => n!.GetValue<string>()), Is.EqualTo(new[] { copy.Runs[1].RunPath }));
        Assert.That(json["runs"]!.GetValue<int>(), Is.EqualTo(copy.Runs.Count));
        Assert.That(result.Error, Does.Contain(copy.Runs[1].RunPath));
    }

    [Test]
    public async Task Gallery_MissingRoot_ExitsWithBadInput()
    {
        var result = await CliHarness.RunAsync("gallery", "--root", Path.Combine(sample.Temp, "nope"));

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
    }

    [Test]
    public async Task Gallery_PromptWithMarkup_CannotBreakOutOfTheDataBlock()
    {
        using var temp = new TempRoot();
        var root = temp.Combine("root");
        await Some.Store(root).CreateRun("m").WithPrompt("</script><script>alert(1)</script> & <img src=x onerror=alert(2)>").AddOutput(temp.File("a.png", Some.Png())).CommitAsync();

        var result = await CliHarness.RunAsync("gallery", "--root", root);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var html = await File.ReadAllTextAsync(Path.Combine(root, "gallery.html"));
        Assert.That(Regex.Matches(html, "</script>").Count, Is.EqualTo(3), "only the template's own three closing tags");
        Assert.That(Details(html)[0]!["prompt"], Is.Null, "a short prompt is only written once, as the card's summary");
        Assert.That(Data(html)["runs"]![0]!["p"]!.GetValue<string>(), Does.StartWith("</script><script>alert(1)"));
    }

    [Test]
    public async Task Gallery_LongPrompt_CardHasTheSummaryAndTheRunViewTheWholePrompt()
    {
        using var temp = new TempRoot();
        var root = temp.Combine("root");
        var prompt = string.Join(' ', Enumerable.Range(1, 60).Select(i => $"word{i}"));
        await Some.Store(root).CreateRun("m").WithPrompt(prompt).WithEnhancedPrompt("better " + prompt).AddOutput(temp.File("a.png", Some.Png())).CommitAsync();

        var result = await CliHarness.RunAsync("gallery", "--root", root);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var html = await File.ReadAllTextAsync(Path.Combine(root, "gallery.html"));
        Assert.That(Data(html)["runs"]![0]!["p"]!.GetValue<string>(), Has.Length.EqualTo(140).And.EndsWith("..."));
        Assert.That(Details(html)[0]!["prompt"]!.GetValue<string>(), Is.EqualTo(prompt));
        Assert.That(Details(html)[0]!["enh"]!.GetValue<string>(), Is.EqualTo("better " + prompt));
        Assert.That(Details(html)[0]!["rec"]!.AsArray().Select(n => n!.GetValue<string>()), Does.Contain("prompt.txt").And.Contain("prompt_enhanced.txt"));
    }

    internal static JsonNode Data(string html) => Blob(html, "gallery-data");

    internal static JsonArray Details(string html) => Blob(html, "gallery-details").AsArray();

    private static JsonNode Blob(string html, string id)
    {
        var open = $"<script id=\"{id}\" type=\"application/json\">";
        var start = html.IndexOf(open, StringComparison.Ordinal) + open.Length;
        var end = html.IndexOf("</script>", start, StringComparison.Ordinal);
        return JsonNode.Parse(html[start..end])!;
    }

    [GeneratedRegex(@"https?:|(src|href)\s*=\s*[""']?//|url\(", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();
}
