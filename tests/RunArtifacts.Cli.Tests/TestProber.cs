using System.Globalization;
using RunArtifacts.Derivatives;
using RunArtifacts.Records;

namespace RunArtifacts.Cli.Tests;

/// <summary>A small real prober for tests: width, height and duration from ffprobe.</summary>
public sealed class TestProber : IMediaProber
{
    public string Name => "test-ffprobe";

    public bool CanProbe(DerivativeSource source) => source.Kind is AssetKind.Image or AssetKind.Video;

    public async Task<MediaProbeResult> ProbeAsync(DerivativeSource source, CancellationToken cancellationToken = default)
    {
        var run = await ChildProcess.RunAsync("ffprobe", ["-v", "error", "-select_streams", "v:0", "-show_entries", "stream=width,height:format=duration", "-of", "default=nw=1", source.FullPath], cancellationToken, TimeSpan.FromSeconds(30));
        if (run.ExitCode != 0)
        {
            return MediaProbeResult.Failed("ffprobe failed");
        }

        var output = run.Out;
        var values = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('=', 2)).Where(p => p.Length == 2).GroupBy(p => p[0]).ToDictionary(g => g.Key, g => g.First()[1].Trim());
        return MediaProbeResult.Success(new MediaFacts
        {
            Width = values.TryGetValue("width", out var w) ? int.Parse(w, CultureInfo.InvariantCulture) : null,
            Height = values.TryGetValue("height", out var h) ? int.Parse(h, CultureInfo.InvariantCulture) : null,
            DurationSeconds = source.Kind == AssetKind.Video && values.TryGetValue("duration", out var d) && double.TryParse(d, CultureInfo.InvariantCulture, out var seconds) ? seconds : null,
        });
    }
}
