using System.Text.Json;
using RunArtifacts.FFmpeg;
using RunArtifacts.Storage;
using RunArtifacts.Vips.Tests.Support;

namespace RunArtifacts.Vips.Tests.Specs;

/// <summary>End to end: a store with libvips for images and FFmpeg for video, and the demo on a machine without ffmpeg.</summary>
[CancelAfter(120_000)]
public class CommitWithVipsSpecs
{
    private static CancellationToken Token => TestContext.CurrentContext.CancellationToken;

    [Test]
    public async Task Commit_VipsAndFFmpeg_ImageDerivativesByVipsRecordedInSidecars()
    {
        using var temp = new TempRoot("ra-vips-");
        using (var image = Images.Quadrants(2400, 1200, Images.Red, Images.Green, Images.Blue, Images.White))
        using (var tagged = image.Mutate(m => m.Set(NetVips.GValue.GIntType, "orientation", 8)))
        {
            Images.Save(tagged, temp.Combine("photo.jpg"));
        }

        var options = new RunArtifactsOptions { Root = temp.Combine("root") };
        options.Derivatives.AddVips(o => o.Required = true).AddFFmpeg();
        var store = new RunArtifactStore(options);

        var run = await store.CreateRun("model").AddOutput(temp.Combine("photo.jpg")).CommitAsync(Token);

        using var record = JsonDocument.Parse(File.ReadAllText(Path.Combine(run.FullPath, "run.json")));
        var output = record.RootElement.GetProperty("outputs")[0];
        using var view = JsonDocument.Parse(File.ReadAllText(Path.Combine(run.FullPath, "web/output_01.webp.view.json")));
        Assert.Multiple(() =>
        {
            Assert.That(record.RootElement.GetProperty("warnings").GetArrayLength(), Is.Zero, record.RootElement.GetProperty("warnings").ToString());
            Assert.That((output.GetProperty("width").GetInt32(), output.GetProperty("height").GetInt32()), Is.EqualTo((1200, 2400)), "displayed size of the original");
            Assert.That(output.GetProperty("web_path").GetString(), Is.EqualTo("web/output_01.webp"));
            Assert.That(output.GetProperty("thumb_path").GetString(), Is.EqualTo("thumb/output_01.webp"));
            Assert.That(view.RootElement.GetProperty("transform").GetProperty("generator").GetString(), Is.EqualTo("vips"));
            var media = view.RootElement.GetProperty("media");
            Assert.That((media.GetProperty("width").GetInt32(), media.GetProperty("height").GetInt32()), Is.EqualTo((800, 1600)), media.ToString());
        });
    }

    [Test]
    public async Task Demo_WithoutFFmpegOnPath_AllImageDerivativesAndOneSkipLine()
    {
        using var temp = new TempRoot("ra-vips-");
        var emptyPath = Directory.CreateDirectory(temp.Combine("bin")).FullName;
        var cli = Path.Combine(TestContext.CurrentContext.TestDirectory, "artifacts.dll");
        var result = await ChildProcess.RunAsync(DotnetHost(), [cli, "demo", "--root", temp.Combine("root")], Token, environment: new Dictionary<string, string?> { ["PATH"] = emptyPath });
        var text = result.Out;
        TestContext.Out.WriteLine(result.ToString());

        Assert.That(result.ExitCode, Is.Zero);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var run = lines.Single(l => l.StartsWith("succeeded run:", StringComparison.Ordinal))["succeeded run:".Length..].Trim();
        using var record = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "run.json")));
        Assert.Multiple(() =>
        {
            // ONE line about ffmpeg: the video run was skipped, and what to install.
            var ffmpegLines = lines.Where(l => l.Contains("ffmpeg", StringComparison.OrdinalIgnoreCase)).ToList();
            Assert.That(ffmpegLines, Has.Count.EqualTo(1));
            Assert.That(ffmpegLines[0], Does.StartWith("video run:     skipped: ffmpeg is not on PATH").And.Contain("apt-get install ffmpeg"));
            foreach (var file in new[] { "web/output_01.webp", "thumb/output_01.webp", "web/output_02.webp", "thumb/output_02.webp" })
            {
                Assert.That(File.Exists(Path.Combine(run, file)), Is.True, file);
                Assert.That(File.Exists(Path.Combine(run, file + ".view.json")), Is.True, file + ".view.json");
            }

            Assert.That(record.RootElement.GetProperty("warnings").GetArrayLength(), Is.Zero, record.RootElement.GetProperty("warnings").ToString());
        });
    }

    /// <summary>The dotnet host running this test (PATH is emptied for the child, so it is named by its full path).</summary>
    private static string DotnetHost()
    {
        string?[] candidates = [Environment.GetEnvironmentVariable("DOTNET_HOST_PATH"), Environment.ProcessPath, "/usr/share/dotnet/dotnet", "/usr/lib/dotnet/dotnet", "/usr/bin/dotnet"];
        return candidates.First(c => c is not null && Path.GetFileNameWithoutExtension(c) == "dotnet" && File.Exists(c))!;
    }
}
