using System.Text.Json;
using RunArtifacts.FFmpeg.Tests.Support;

namespace RunArtifacts.FFmpeg.Tests.Specs;

/// <summary>The <c>artifacts</c> tool, run as a process, makes derivatives when ffmpeg is on PATH.</summary>
[CancelAfter(90_000)]
public class CliSpecs
{
    private static CancellationToken Token => TestContext.CurrentContext.CancellationToken;

    [Test]
    public async Task ArtifactsCommit_ImageOutput_MakesWebAndThumb()
    {
        using var temp = new TempRoot("ra-ffmpeg-");
        var png = await Media.ImageAsync(temp.Combine("out.png"), "testsrc2=s=800x600", Token);
        var cli = Path.Combine(TestContext.CurrentContext.TestDirectory, "artifacts.dll");

        var stdout = await Media.RunAsync("dotnet", [cli, "commit", "--root", temp.Combine("root"), "--model-key", "m", "--output", png, "--json"], Token);

        using var json = JsonDocument.Parse(stdout);
        var run = json.RootElement.GetProperty("full_path").GetString()!;
        Assert.Multiple(() =>
        {
            Assert.That(json.RootElement.GetProperty("warnings").GetArrayLength(), Is.Zero, stdout);
            Assert.That(File.Exists(Path.Combine(run, "web/output_01.webp")), Is.True);
            Assert.That(File.Exists(Path.Combine(run, "thumb/output_01.webp.view.json")), Is.True);
        });
    }
}
