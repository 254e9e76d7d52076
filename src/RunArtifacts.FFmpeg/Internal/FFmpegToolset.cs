namespace RunArtifacts.FFmpeg.Internal;

/// <summary>The resolved ffmpeg and ffprobe of one <see cref="FFmpegOptions"/> snapshot. Resolution happens once, on first use.</summary>
internal sealed class FFmpegToolset
{
    private readonly Lazy<(string? Path, string LookedFor)> ffmpeg;
    private readonly Lazy<(string? Path, string LookedFor)> ffprobe;
    private volatile string? ffmpegVersion;

    public FFmpegToolset(FFmpegOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = Copy(options);
        var ffmpegName = Options.FFmpegPath;
        var ffprobeName = Options.FFprobePath;
        ffmpeg = new Lazy<(string?, string)>(() => ToolLocator.Resolve(ffmpegName), LazyThreadSafetyMode.ExecutionAndPublication);
        ffprobe = new Lazy<(string?, string)>(() => ToolLocator.Resolve(ffprobeName), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>A private copy of the options, so later changes by the caller do not race running jobs.</summary>
    public FFmpegOptions Options { get; }

    public string? FFmpeg => ffmpeg.Value.Path;

    public string? FFprobe => ffprobe.Value.Path;

    /// <summary>First line of <c>ffmpeg -version</c> (<c>ffmpeg version 5.1.6-0+deb12u1</c>), asked once and kept.</summary>
    /// <param name="cancellationToken">Kills the query when cancelled.</param>
    /// <returns>The version line, or <see langword="null"/> when ffmpeg printed none.</returns>
    public async Task<string?> GetFFmpegVersionAsync(CancellationToken cancellationToken)
    {
        if (ffmpegVersion is not null || FFmpeg is not { } exe)
        {
            return ffmpegVersion;
        }

        var run = await ToolProcess.RunAsync(exe, ["-hide_banner", "-version"], null, cancellationToken).ConfigureAwait(false);
        var first = run.StandardOutput.Split('\n', 2)[0].Trim();
        if (run.ExitCode == 0 && first.StartsWith("ffmpeg version", StringComparison.Ordinal))
        {
            var copyright = first.IndexOf(" Copyright", StringComparison.Ordinal);
            ffmpegVersion = copyright > 0 ? first[..copyright] : first;
        }

        return ffmpegVersion;
    }

    /// <summary>The one message used whenever ffmpeg is missing: what was looked for, and where.</summary>
    public string FFmpegMissingMessage => $"ffmpeg was not found (looked for {ffmpeg.Value.LookedFor}); no web copies, thumbnails or posters were made. Install ffmpeg or set FFmpegOptions.FFmpegPath.";

    public string FFprobeMissingMessage => $"ffprobe was not found (looked for {ffprobe.Value.LookedFor}). Install ffmpeg or set FFmpegOptions.FFprobePath.";

    private static FFmpegOptions Copy(FFmpegOptions o) => new()
    {
        FFmpegPath = o.FFmpegPath,
        FFprobePath = o.FFprobePath,
        Required = o.Required,
        VideoPreset = o.VideoPreset,
        VideoCrf = o.VideoCrf,
        AudioBitrateKbps = o.AudioBitrateKbps,
        FlattenBackground = o.FlattenBackground,
        MaxPixels = o.MaxPixels,
        MaxWebVideoDuration = o.MaxWebVideoDuration,
    };
}
