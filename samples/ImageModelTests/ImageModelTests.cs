using NUnit.Framework;
using RunArtifacts.NUnit;

namespace ImageModelTests;

// Every test in this fixture leaves a run bundle: prompt, options, the image, and for a failure the assertion.
[RecordRun(ModelKey = "fake_image_model", TaskMode = "text_to_image")]
public class ImageModelTests
{
    [Test]
    public async Task Lighthouse_AtDusk_IsBlue()
    {
        const string prompt = "a lighthouse at dusk";
        var image = await FakeImageModel.GenerateAsync(prompt, seed: 7);
        TestRun.Current.WithPrompt(prompt).WithOption("seed", 7).AddOutput(image, "lighthouse.png");

        var (r, _, b) = FakeImageModel.FirstPixel(image);
        Assert.That(b, Is.GreaterThan(r), "dusk should be blue");
    }

    [Test]
    public async Task Sunflower_IsYellow()
    {
        // Fails on purpose: the fake model draws sunflowers green. The bundle keeps the prompt, the image and the assertion.
        const string prompt = "a sunflower field";
        var image = await FakeImageModel.GenerateAsync(prompt, seed: 3);
        TestRun.Current.WithPrompt(prompt).WithOption("seed", 3).AddOutput(image, "sunflower.png");

        var (r, g, b) = FakeImageModel.FirstPixel(image);
        Assert.That(r, Is.GreaterThan(200).And.GreaterThan(b), $"sunflowers should be yellow, got rgb({r},{g},{b})");
    }
}
