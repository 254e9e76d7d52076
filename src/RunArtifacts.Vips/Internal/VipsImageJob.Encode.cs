using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using NetVips;
using RunArtifacts.Derivatives;
using RunArtifacts.Records;

namespace RunArtifacts.Vips.Internal;

/// <summary>Colour, alpha and encoding of the derivatives, and the cancellation guard around every evaluation.</summary>
internal sealed partial class VipsImageJob
{
    /// <summary>8-bit sRGB (or 8-bit grey), alpha flattened onto the background only for JPEG.</summary>
    private Image Prepare(Image image, string format, Owned owned, out IReadOnlyList<string> steps)
    {
        var done = new List<string>();
        var interpretation = image.Interpretation;
        if (interpretation == Enums.Interpretation.Grey16)
        {
            image = owned.Add(image.Colourspace(Enums.Interpretation.Bw));
            done.Add("colourspace b-w (16 to 8 bit)");
        }
        else if (interpretation is not (Enums.Interpretation.Srgb or Enums.Interpretation.Bw))
        {
            // rgb16 to 8-bit sRGB; anything thumbnail did not already bring to sRGB (CMYK without a profile, Lab…).
            image = owned.Add(image.Colourspace(Enums.Interpretation.Srgb));
            done.Add($"colourspace srgb (from {VipsHeader.Nick(interpretation)})");
        }

        if (format == "jpg" && image.HasAlpha())
        {
            if (image.Bands < 3)
            {
                image = owned.Add(image.Colourspace(Enums.Interpretation.Srgb));
            }

            image = owned.Add(image.Flatten(Background()));
            done.Add($"flatten background={options.FlattenBackground}");
        }

        if (image.Format != Enums.BandFormat.Uchar)
        {
            image = owned.Add(image.Cast(Enums.BandFormat.Uchar));
            done.Add("cast uchar");
        }

        steps = done;
        return image;
    }

    private void Save(Image image, string path, string format, int quality)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using (Guard(image))
        {
            switch (format)
            {
                case "jpg":
                    image.Jpegsave(path, q: quality, optimizeCoding: true, keep: Enums.ForeignKeep.None);
                    break;
                case "png":
                    image.Pngsave(path, compression: 6, keep: Enums.ForeignKeep.None);
                    break;
                default:
                    image.Webpsave(path, q: quality, effort: options.WebpEffort, keep: Enums.ForeignKeep.None);
                    break;
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    private string SaveStep(string format, int quality) => format switch
    {
        "jpg" => Step("jpegsave", ("Q", quality), ("optimize_coding", true), ("keep", "none")),
        "png" => Step("pngsave", ("compression", 6), ("keep", "none")),
        _ => Step("webpsave", ("Q", quality), ("effort", options.WebpEffort), ("keep", "none")),
    };

    /// <summary>
    /// Stops libvips when the token fires: the kill flag is set on the image at once, and again from the evaluation
    /// callback (libvips clears a sink's own flag when it starts, so a flag set just before would be lost).
    /// </summary>
    private IDisposable Guard(Image image)
    {
        image.SetProgress(NoProgress.Instance, cancellationToken);
        var registration = cancellationToken.Register(static state => ((Image)state!).SetKill(true), image);
        return registration;
    }

    private GeneratedDerivative Derivative(DerivativeKind kind, string relativePath, string format, Image image, JsonObject json, IReadOnlyList<string> steps)
    {
        var frames = image.Height / Math.Max(1, image.PageHeight);
        var animated = frames > 1 && format == "webp";
        return new GeneratedDerivative
        {
            Kind = kind,
            RelativePath = relativePath,
            MimeType = format switch { "jpg" => "image/jpeg", "png" => "image/png", _ => "image/webp" },
            Facts = new MediaFacts
            {
                Width = image.Width,
                Height = animated ? image.PageHeight : image.Height,
                CodecName = format == "jpg" ? "mjpeg" : format,
                PixFmt = (image.Bands, format) switch
                {
                    (_, "jpg") => image.Bands == 1 ? "gray" : "yuvj420p",
                    (1, _) => "gray",
                    (2, _) => "ya8",
                    (3, _) => format == "webp" ? "yuv420p" : "rgb24",
                    _ => format == "webp" ? "yuva420p" : "rgba",
                },
                ColorSpace = image.Bands >= 3 ? "srgb" : "b-w",
                HasAlpha = image.HasAlpha(),
                HasAudio = false,
                Animated = animated,
                FrameCount = animated ? frames : 1,
                Rotation = 0,
            },
            Transform = new TransformRecord { Generator = GeneratorName, Settings = json.DeepClone().AsObject(), Arguments = steps },
        };
    }

    private double[] Background()
    {
        var hex = options.FlattenBackground.AsSpan(1);
        return
        [
            int.Parse(hex[..2], NumberStyles.HexNumber, CultureInfo.InvariantCulture),
            int.Parse(hex[2..4], NumberStyles.HexNumber, CultureInfo.InvariantCulture),
            int.Parse(hex[4..6], NumberStyles.HexNumber, CultureInfo.InvariantCulture),
        ];
    }

    private static string Step(string operation, params (string Name, object? Value)[] arguments)
    {
        var text = new StringBuilder(operation);
        foreach (var (name, value) in arguments)
        {
            if (value is null)
            {
                continue;
            }

            var shown = value switch
            {
                Enums.Size s => s.ToString().ToLowerInvariant(),
                Enums.FailOn f => Nick(f),
                bool b => b ? "true" : "false",
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => value.ToString(),
            };
            text.Append(' ').Append(name).Append('=').Append(shown);
        }

        return text.ToString();
    }

    private static string Nick(Enums.FailOn failOn) => failOn.ToString().ToLowerInvariant();

    /// <summary>libvips' error text on one line, without the loader's repeated prefixes, capped.</summary>
    private static string Describe(VipsException ex)
    {
        var lines = ex.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal);
        var text = string.Join("; ", lines);
        return text.Length <= 300 ? text : string.Concat(text.AsSpan(0, 297), "...");
    }

    /// <summary>Disposes every native object a job made, last made first.</summary>
    private sealed class Owned : IDisposable
    {
        private readonly Stack<IDisposable> items = new();

        public T Add<T>(T item)
            where T : IDisposable
        {
            items.Push(item);
            return item;
        }

        public void Dispose()
        {
            while (items.TryPop(out var item))
            {
                item.Dispose();
            }
        }
    }

    /// <summary>NetVips reports progress only to a non-null sink; the job needs the callback for cancellation alone.</summary>
    private sealed class NoProgress : IProgress<int>
    {
        public static readonly NoProgress Instance = new();

        public void Report(int value)
        {
        }
    }
}
