using Microsoft.Playwright;

namespace RunArtifacts.Cli.Tests;

/// <summary>The gallery opened from file:// in real headless Chromium: thumbnails load, filters filter, errors show, nothing goes to the network.</summary>
[NonParallelizable]
public class GalleryBrowserTests
{
    private SampleRoot sample = null!;
    private HeadlessChromium chromium = null!;
    private string page = null!;

    [OneTimeSetUp]
    public async Task CreateRootAndBrowser()
    {
        sample = await SampleRoot.CreateAsync();

        // The page lives outside the root, so every media link goes through a relative "../root/…" path.
        page = Path.Combine(sample.Temp, "site", "gallery.html");
        var result = await CliHarness.RunAsync("gallery", "--root", sample.Root, "--out", page);
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        chromium = await HeadlessChromium.LaunchAsync();
    }

    [OneTimeTearDown]
    public async Task Dispose()
    {
        if (chromium is not null)
        {
            await chromium.DisposeAsync();
        }

        sample?.Dispose();
    }

    [Test]
    public async Task Gallery_InChromium_ThumbnailsLoadFiltersWorkErrorsShowAndNoRequestLeavesFile()
    {
        var requests = new List<string>();
        var tab = await chromium.NewPageAsync(requests);
        var errors = new List<string>();
        tab.PageError += (_, e) => errors.Add(e);

        await tab.GotoAsync(new Uri(page).AbsoluteUri);
        await tab.WaitForSelectorAsync("html[data-ready='1']");

        // Every run has a card, newest first.
        Assert.That(await CardIdsAsync(tab), Is.EqualTo(sample.Runs.Select(r => r.RunId)));
        Assert.That(await tab.InnerTextAsync("#count"), Is.EqualTo($"{sample.Runs.Count} runs"));

        // Every thumbnail and poster loads (natural width > 0), including the run that only has its original PNG.
        var widths = await tab.EvaluateAsync<Dictionary<string, int>>(
            """
            async () => {
              const imgs = [...document.querySelectorAll('#grid .card img')];
              imgs.forEach(i => i.scrollIntoView());
              await Promise.all(imgs.map(i => i.complete ? null : new Promise(r => { i.onload = r; i.onerror = r; })));
              return Object.fromEntries(imgs.map(i => [i.closest('.card').dataset.id, i.naturalWidth]));
            }
            """);
        var withStill = sample.Runs.Where(r => r.Run.Outputs.Count > 0).Select(r => r.RunId).ToList();
        Assert.That(widths.Keys, Is.EquivalentTo(withStill), "every run with an output shows a still");
        Assert.That(widths.Values, Is.All.GreaterThan(0), string.Join(", ", widths));

        // A video card plays its web derivative on hover.
        await tab.HoverAsync($".card[data-id='{sample.Video.RunId}']");
        var videoWidth = await tab.EvaluateAsync<int>(
            """
            async (id) => {
              const v = document.querySelector(`.card[data-id='${id}'] video.hover`);
              if (!v) return -1;
              if (v.readyState < 2) await new Promise(r => { v.onloadeddata = r; v.onerror = r; setTimeout(r, 10000); });
              return v.videoWidth;
            }
            """,
            sample.Video.RunId);
        Assert.That(videoWidth, Is.GreaterThan(0), "the web copy of the video decodes");
        await tab.Mouse.MoveAsync(0, 0);

        // Each filter hides and shows the right cards.
        await tab.SelectOptionAsync("#status", "failed");
        Assert.That(await CardIdsAsync(tab), Is.EqualTo(new[] { sample.Failed.RunId }));
        await tab.SelectOptionAsync("#status", "cancelled");
        Assert.That(await CardIdsAsync(tab), Is.EqualTo(new[] { sample.Cancelled.RunId }));
        await tab.SelectOptionAsync("#status", string.Empty);

        await tab.SelectOptionAsync("#model", "flux_dev");
        Assert.That(await CardIdsAsync(tab), Is.EqualTo(Ids(r => r.Run.ModelKey == "flux_dev")));
        await tab.SelectOptionAsync("#tag", "nature");
        Assert.That(await CardIdsAsync(tab), Is.EqualTo(Ids(r => r.Run.ModelKey == "flux_dev" && r.Run.Tags.Contains("nature"))), "filters combine");
        await tab.SelectOptionAsync("#model", string.Empty);
        await tab.SelectOptionAsync("#tag", "coast");
        Assert.That(await CardIdsAsync(tab), Is.EqualTo(Ids(r => r.Run.Tags.Contains("coast"))));
        await tab.SelectOptionAsync("#tag", string.Empty);

        await tab.FillAsync("#q", "lighthouse");
        await tab.WaitForFunctionAsync("() => document.querySelector('#count').textContent.includes(' of ')");
        Assert.That(await CardIdsAsync(tab), Is.EqualTo(Ids(r => r.RunId.Contains("lighthouse", StringComparison.Ordinal) || (r.Manifest.PromptSummary ?? string.Empty).Contains("lighthouse", StringComparison.Ordinal))));
        await tab.FillAsync("#q", "no such words");
        await tab.WaitForFunctionAsync("() => document.querySelector('#count').textContent.startsWith('0 of')");
        Assert.That(await CardIdsAsync(tab), Is.Empty);
        Assert.That(await tab.IsVisibleAsync("#empty"), Is.True);
        await tab.FillAsync("#q", string.Empty);
        await tab.WaitForFunctionAsync($"() => document.querySelector('#count').textContent === '{sample.Runs.Count} runs'");
        Assert.That(await CardIdsAsync(tab), Is.EqualTo(sample.Runs.Select(r => r.RunId)), "clearing the filters shows every card again");

        await SaveScreenshotAsync(tab, "gallery-grid.png", "The gallery grid in headless Chromium");

        // The failed run shows its error on its card and in its run view, with links to its records.
        var failedCard = tab.Locator($".card[data-id='{sample.Failed.RunId}']");
        Assert.That(await failedCard.InnerTextAsync(), Does.Contain("rate_limited").And.Contain("Provider answered 429: rate limit exceeded"));
        await failedCard.ClickAsync();
        await tab.WaitForSelectorAsync("#view:not([hidden]) .errors");
        Assert.That(await tab.InnerTextAsync("#view .errors"), Does.Contain("rate_limited: Provider answered 429: rate limit exceeded (stage submit) (HTTP 429)"));
        Assert.That(await tab.InnerTextAsync("#view .prompt-full"), Does.Contain("the lighthouse at night"));
        var recordLinks = await tab.EvalOnSelectorAllAsync<string[]>("#view .records a", "as => as.map(a => a.href)");
        Assert.That(recordLinks, Has.Some.EndsWith(sample.Failed.RunPath + "/run.json"));
        foreach (var link in recordLinks)
        {
            Assert.That(File.Exists(new Uri(link).LocalPath), Is.True, link);
        }

        await SaveScreenshotAsync(tab, "gallery-failed-run.png", "The run view of a failed run");
        await tab.Keyboard.PressAsync("Escape");
        Assert.That(await tab.IsHiddenAsync("#view"), Is.True);

        // The run view of a succeeded run shows every output, each loading.
        var multi = sample.Runs.Single(r => r.Run.Outputs.Count == 2);
        await tab.ClickAsync($".card[data-id='{multi.RunId}']");
        await tab.WaitForSelectorAsync("#view:not([hidden]) .outs");
        var outputWidths = await tab.EvaluateAsync<int[]>(
            """
            async () => {
              const imgs = [...document.querySelectorAll('#view section:nth-of-type(2) .out img')];
              await Promise.all(imgs.map(i => i.complete ? null : new Promise(r => { i.onload = r; i.onerror = r; })));
              return imgs.map(i => i.naturalWidth);
            }
            """);
        Assert.That(outputWidths, Has.Length.EqualTo(2).And.All.GreaterThan(0));

        Assert.That(errors, Is.Empty, "no script errors");
        Assert.That(requests, Is.Not.Empty);
        Assert.That(requests.Where(u => !u.StartsWith("file://", StringComparison.Ordinal)), Is.Empty, "no request leaves file://");
    }

    private static async Task<string[]> CardIdsAsync(IPage tab)
        => await tab.EvalOnSelectorAllAsync<string[]>("#grid .card", "cs => cs.map(c => c.dataset.id)");

    private static async Task SaveScreenshotAsync(IPage tab, string name, string description)
    {
        var path = Path.Combine(TestContext.CurrentContext.WorkDirectory, "screenshots", name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await tab.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = false });
        TestContext.AddTestAttachment(path, description);
    }

    private string[] Ids(Func<RunArtifacts.Storage.CommittedRun, bool> predicate) => sample.Runs.Where(predicate).Select(r => r.RunId).ToArray();
}
