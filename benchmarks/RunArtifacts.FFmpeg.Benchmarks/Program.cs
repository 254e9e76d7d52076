using System.Diagnostics;
using System.Globalization;
using RunArtifacts.Derivatives;
using RunArtifacts.Records;

namespace RunArtifacts.FFmpeg.Benchmarks;

/// <summary>
/// Times the FFmpeg generator against the plain ffmpeg commands a person would type, side by side in one run:
/// the sides are interleaved (A B C, A B C, …) so machine load hits them alike, and medians are compared.
/// </summary>
internal static class Program
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static async Task<int> Main(string[] args)
    {
        var imageIterations = args.Length > 0 ? int.Parse(args[0], Inv) : 7;
        var videoIterations = args.Length > 1 ? int.Parse(args[1], Inv) : 3;
        var only = args.Length > 2 ? args[2] : "all";
        var work = Directory.CreateTempSubdirectory("ra-ffmpeg-bench-").FullName;
        try
        {
            Console.WriteLine($"ffmpeg: {FirstLine("ffmpeg", "-version")}; {Environment.ProcessorCount} logical CPUs; image iterations {imageIterations}, video iterations {videoIterations}");
            var png = Path.Combine(work, "src4096.png");
            Ffmpeg("-f", "lavfi", "-i", "testsrc2=s=4096x4096", "-frames:v", "1", png);
            var jpg = Path.Combine(work, "src2048.jpg");
            Ffmpeg("-f", "lavfi", "-i", "testsrc2=s=2048x1536", "-frames:v", "1", "-q:v", "3", jpg);
            var clip = Path.Combine(work, "clip1080.mp4");
            Ffmpeg("-f", "lavfi", "-i", "testsrc2=s=1920x1080:r=30:d=10", "-f", "lavfi", "-i", "sine=f=440:d=10", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", clip);

            var rows = new List<string>();
            if (only is "all" or "images")
            {
                rows.AddRange(await ImageAsync("4096×4096 PNG", png, 1600, 1600, 384, 384, imageIterations, work));
                rows.AddRange(await ImageAsync("2048×1536 JPEG", jpg, 1600, 1200, 384, 288, imageIterations, work));
                rows.AddRange(await ProbeAsync(png, imageIterations, work));
            }

            if (only is "all" or "video")
            {
                rows.AddRange(await VideoAsync(clip, videoIterations, work));
            }
            Console.WriteLine();
            Console.WriteLine("| case | generator (median s) | compared with | that (median s) | ratio | target |");
            Console.WriteLine("| --- | --- | --- | --- | --- | --- |");
            foreach (var r in rows)
            {
                Console.WriteLine(r);
            }

            return 0;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task<IEnumerable<string>> ImageAsync(string name, string src, int ww, int wh, int tw, int th, int n, string work)
    {
        var request = Request(work, src, AssetKind.Image);
        var generator = new FFmpegDerivativeGenerator();
        var probe = await new FFmpegMediaProber().ProbeAsync(request.Source);
        request = request with { Source = request.Source with { Facts = probe.Facts } };
        var outDir = Path.Combine(work, "plain");
        Directory.CreateDirectory(outDir);
        var web = Path.Combine(outDir, "web.webp");
        var thumb = Path.Combine(outDir, "thumb.webp");
        string[] webCmd = ["-i", src, "-vf", $"scale={ww}:{wh}", "-c:v", "libwebp", "-quality", "82", web];
        string[] thumbCmd = ["-i", src, "-vf", $"scale={tw}:{th}", "-c:v", "libwebp", "-quality", "76", thumb];
        string[] splitCmd = ["-i", src, "-filter_complex", $"[0:v]split=2[a][b];[a]scale={ww}:{wh}[w];[b]scale={tw}:{th}[t]", "-map", "[w]", "-c:v", "libwebp", "-quality", "82", web, "-map", "[t]", "-c:v", "libwebp", "-quality", "76", thumb];

        var (gen, plain, split) = (new List<double>(), new List<double>(), new List<double>());
        Func<Task> generate = async () =>
        {
            var result = await generator.GenerateAsync(request);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException(result.Error);
            }
        };
        Func<Task> twoCommands = () =>
        {
            Ffmpeg(webCmd);
            Ffmpeg(thumbCmd);
            return Task.CompletedTask;
        };
        Func<Task> oneSplit = () =>
        {
            Ffmpeg(splitCmd);
            return Task.CompletedTask;
        };
        await InterleaveAsync(n, [(generate, gen), (twoCommands, plain), (oneSplit, split)]);

        return
        [
            Row($"web + thumb, {name}", gen, "two plain ffmpeg commands", plain, "≤ 0.75"),
            Row($"web + thumb, {name}", gen, "one hand-written split command", split, "≤ 1.10"),
        ];
    }

    private static async Task<IEnumerable<string>> VideoAsync(string clip, int n, string work)
    {
        var request = Request(work, clip, AssetKind.Video);
        var probe = await new FFmpegMediaProber().ProbeAsync(request.Source);
        request = request with { Source = request.Source with { Facts = probe.Facts } };
        var generator = new FFmpegDerivativeGenerator();
        var outDir = Path.Combine(work, "plainv");
        Directory.CreateDirectory(outDir);
        var web = Path.Combine(outDir, "web.mp4");
        var poster = Path.Combine(outDir, "poster.jpg");
        var thumb = Path.Combine(outDir, "thumb.webp");
        string[] webCmd = ["-i", clip, "-vf", "scale=1280:-2", "-c:v", "libx264", "-preset", "veryfast", "-crf", "23", "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "128k", "-movflags", "+faststart", web];
        string[] posterCmd = ["-ss", "0", "-i", clip, "-frames:v", "1", "-vf", "scale=640:-2", "-q:v", "4", poster];
        string[] thumbCmd = ["-i", poster, "-vf", "scale=384:-2", "-c:v", "libwebp", "-quality", "76", thumb];
        var (gen, plain) = (new List<double>(), new List<double>());
        Func<Task> generate = async () =>
        {
            var result = await generator.GenerateAsync(request);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException(result.Error);
            }
        };
        Func<Task> commands = () =>
        {
            Ffmpeg(webCmd);
            Ffmpeg(posterCmd);
            Ffmpeg(thumbCmd);
            return Task.CompletedTask;
        };
        await InterleaveAsync(n, [(generate, gen), (commands, plain)]);

        return [Row("web MP4 + poster + thumb, 10 s 1080p30 H.264 + AAC", gen, "plain commands (web encode, poster, thumb)", plain, "≤ 1.05")];
    }

    private static async Task<IEnumerable<string>> ProbeAsync(string png, int n, string work)
    {
        var source = Request(work, png, AssetKind.Image).Source;
        var prober = new FFmpegMediaProber();
        var (ours, ffprobe) = (new List<double>(), new List<double>());
        Func<Task> header = async () => _ = await prober.ProbeAsync(source);
        Func<Task> tool = () =>
        {
            Run("ffprobe", "-v", "error", "-show_streams", png);
            return Task.CompletedTask;
        };
        await InterleaveAsync(n, [(header, ours), (tool, ffprobe)]);

        return [Row("probe, 4096×4096 PNG (header, in process)", ours, "ffprobe -show_streams", ffprobe, "(probing must cost less than the derivative)")];
    }

    /// <summary>
    /// Runs every side once per iteration, rotating which goes first so that order effects (file cache, CPU
    /// frequency, other load) fall on all sides alike; one uncounted warm-up round first.
    /// </summary>
    private static async Task InterleaveAsync(int iterations, (Func<Task> Run, List<double> Times)[] sides)
    {
        for (var i = -1; i < iterations; i++)
        {
            for (var k = 0; k < sides.Length; k++)
            {
                var (run, times) = sides[(Math.Max(i, 0) + k) % sides.Length];
                var seconds = await TimeAsync(run);
                if (i >= 0)
                {
                    times.Add(seconds);
                }
            }
        }
    }

    private static DerivativeRequest Request(string work, string file, AssetKind kind)
    {
        var run = Path.Combine(work, "run-" + Path.GetFileNameWithoutExtension(file));
        Directory.CreateDirectory(Path.Combine(run, "original"));
        var rel = "original/output_01" + Path.GetExtension(file);
        File.Copy(file, Path.Combine(run, rel), overwrite: true);
        return new DerivativeRequest
        {
            Source = new DerivativeSource { FullPath = Path.Combine(run, rel), RelativePath = rel, Stem = "output_01", MimeType = kind == AssetKind.Video ? "video/mp4" : "image/png", Kind = kind },
            RunDirectory = run,
            Settings = new ArtifactDerivativeSettings(),
        };
    }

    private static string Row(string name, List<double> ours, string other, List<double> theirs, string target)
    {
        var a = Median(ours);
        var b = Median(theirs);
        return string.Create(Inv, $"| {name} | {a:0.000} | {other} | {b:0.000} | {a / b:0.00} | {target} |");
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static async Task<double> TimeAsync(Func<Task> action)
    {
        var sw = Stopwatch.StartNew();
        await action();
        return sw.Elapsed.TotalSeconds;
    }

    private static void Ffmpeg(params string[] args) => Run("ffmpeg", ["-nostdin", "-y", "-loglevel", "error", .. args]);

    private static void Run(string exe, params string[] args)
    {
        var psi = new ProcessStartInfo(exe) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{exe} {string.Join(' ', args)}: {err.Result}");
        }
    }

    private static string FirstLine(string exe, string arg)
    {
        var psi = new ProcessStartInfo(exe, arg) { UseShellExecute = false, RedirectStandardOutput = true };
        using var p = Process.Start(psi)!;
        var line = p.StandardOutput.ReadLine() ?? string.Empty;
        p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return line;
    }
}
