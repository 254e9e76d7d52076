using System.Globalization;
using System.Text.Json.Nodes;
using NetVips;
using RunArtifacts.Derivatives;
using RunArtifacts.Records;

namespace RunArtifacts.Vips.Internal;

/// <summary>
/// The web copy and thumbnail of one original. A still image is decoded ONCE: <c>thumbnail</c> shrinks on load where
/// the format allows (JPEG by 2/4/8, WebP at any scale), applies the EXIF orientation and converts to sRGB through
/// the embedded ICC profile (or libvips' CMYK profile for untagged CMYK); the web-sized result is held in memory,
/// written, and the thumbnail is scaled from it. An animated GIF or WebP becomes an animated WebP web copy (every
/// frame) and a still thumbnail of its first frame (a second, one-frame decode).
/// </summary>
internal sealed partial class VipsImageJob(VipsOptions options, DerivativeRequest request, CancellationToken cancellationToken)
{
    public const string GeneratorName = "vips";

    private readonly ArtifactDerivativeSettings settings = request.Settings;
    private readonly DerivativeSource source = request.Source;

    public DerivativeResult Run()
    {
        using var messages = VipsMessages.Begin();
        return messages.AddTo(RunCore(), source.RelativePath);
    }

    private DerivativeResult RunCore()
    {
        cancellationToken.ThrowIfCancellationRequested();
        VipsHeader header;
        try
        {
            header = VipsHeader.Read(source.FullPath);
        }
        catch (VipsException ex)
        {
            return Failed($"libvips cannot read {source.RelativePath} ({Describe(ex)}); only JPEG, PNG, WebP and GIF are read; the original is kept");
        }

        if (Refusal(header) is { } refusal)
        {
            return Failed(refusal);
        }

        try
        {
            return Make(header, options.FailOnTruncation ? Enums.FailOn.Error : Enums.FailOn.Truncated, []);
        }
        catch (VipsException ex) when (!cancellationToken.IsCancellationRequested)
        {
            if (options.FailOnTruncation)
            {
                return Failed($"{source.RelativePath} is truncated or damaged ({Describe(ex)}); no web copy or thumbnail was made and the original is kept");
            }

            var warning = $"{source.RelativePath} is truncated or damaged ({Describe(ex)}); the web copy and thumbnail show the part that decodes";
            try
            {
                return Make(header, Enums.FailOn.None, [warning]);
            }
            catch (VipsException again) when (!cancellationToken.IsCancellationRequested)
            {
                return Failed($"{source.RelativePath} cannot be decoded ({Describe(again)}); the original is kept");
            }
        }
        catch (VipsException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("The libvips evaluation was killed because the commit was cancelled or timed out.", cancellationToken);
        }
    }

    /// <summary>Why the header alone rules the image out, or null.</summary>
    private string? Refusal(VipsHeader header)
    {
        if (header.FramePixels > options.MaxPixels)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{source.RelativePath} is {header.Width}×{header.FrameHeight} ({header.FramePixels:N0} pixels), over VipsOptions.MaxPixels ({options.MaxPixels:N0}); it was not decoded, no web copy or thumbnail was made, and the original is kept");
        }

        if (header.Frames > options.MaxFrames)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{source.RelativePath} has {header.Frames} frames, over VipsOptions.MaxFrames ({options.MaxFrames}); it was not decoded, no web copy or thumbnail was made, and the original is kept");
        }

        return null;
    }

    private DerivativeResult Make(VipsHeader header, Enums.FailOn failOn, IReadOnlyList<string> warnings)
    {
        var size = settings.AllowUpscale ? Enums.Size.Both : Enums.Size.Down;
        var animatedWeb = header.Animated && settings.ImageWebFormat == "webp";
        if (animatedWeb && header.FramePixels > options.MaxPixels / header.Frames)
        {
            // Every frame of an animated web copy is decoded at full size (GIF has no shrink-on-load): MaxPixels bounds
            // the whole animation, or a few megabytes of GIF could hold minutes of decoding. The first frame still makes a web copy.
            animatedWeb = false;
            warnings = [.. warnings, string.Create(CultureInfo.InvariantCulture, $"{source.RelativePath} has {header.Frames} frames of {header.Width}×{header.FrameHeight} ({(double)header.FramePixels * header.Frames:N0} pixels in all), over VipsOptions.MaxPixels ({options.MaxPixels:N0}) for an animated web copy; the web copy is the first frame, still")];
        }

        var (webFull, webRel) = request.GetTarget(DerivativeKind.Web, settings.ImageWebFormat);
        var (thumbFull, thumbRel) = request.GetTarget(DerivativeKind.Thumb, settings.ImageThumbFormat);
        var json = Settings(header, failOn);
        var made = new List<GeneratedDerivative>(2);
        using var owned = new Owned();

        var webLoad = Load(header, settings.ImageWebMaxDimension, size, failOn, animatedWeb ? "n=-1" : null, owned, out var webLoadStep);
        var web = Prepare(webLoad, settings.ImageWebFormat, owned, out var webSteps);
        if (animatedWeb)
        {
            // Every frame is streamed through the encoder; the thumbnail is a one-frame decode of the first frame.
            Save(web, webFull, settings.ImageWebFormat, settings.ImageWebQuality);
            var thumbFrom = Load(header, settings.ImageThumbMaxDimension, size, failOn, null, owned, out var thumbFromStep);
            made.Add(Derivative(DerivativeKind.Web, webRel, settings.ImageWebFormat, web, json, [webLoadStep, .. webSteps, SaveStep(settings.ImageWebFormat, settings.ImageWebQuality)]));
            request.Progress?.Report(new CommitProgress(CommitStage.Derive, webRel, 1, 2));
            var (thumb, thumbSteps) = MakeThumb(thumbFrom, thumbFull, owned);
            made.Add(Derivative(DerivativeKind.Thumb, thumbRel, settings.ImageThumbFormat, thumb, json, [thumbFromStep, .. thumbSteps, SaveStep(settings.ImageThumbFormat, settings.ImageThumbQuality)]));
        }
        else
        {
            // The only decode: the web-sized pixels are kept in memory for both files.
            Image memory;
            using (Guard(web))
            {
                memory = owned.Add(web.CopyMemory());
            }

            web = memory;
            var webIsFullSize = Math.Max(memory.Width, memory.PageHeight) >= Math.Max(header.Width, header.FrameHeight);
            Image thumb;
            IReadOnlyList<string> thumbSteps;
            string thumbFromStep;
            if (settings.ImageThumbMaxDimension <= settings.ImageWebMaxDimension || webIsFullSize)
            {
                // Each encoder runs on one core: the thumbnail is scaled from the web copy in memory and encoded on
                // another thread while this one encodes the web copy.
                thumbFromStep = Step("thumbnail_image", ("width", settings.ImageThumbMaxDimension), ("height", settings.ImageThumbMaxDimension), ("size", size), ("from", "the web copy in memory"));
                var thumbOwned = owned.Add(new Owned());
                var thumbTask = Task.Run(() => MakeThumb(thumbOwned.Add(memory.ThumbnailImage(settings.ImageThumbMaxDimension, height: settings.ImageThumbMaxDimension, size: size)), thumbFull, thumbOwned), CancellationToken.None);
                try
                {
                    Save(memory, webFull, settings.ImageWebFormat, settings.ImageWebQuality);
                }
                finally
                {
                    // The thumbnail reads the pixels in memory: they are freed only after it is done, whatever happened here.
                    Task.WaitAny(thumbTask);
                }

                (thumb, thumbSteps) = thumbTask.GetAwaiter().GetResult();
                made.Add(Derivative(DerivativeKind.Web, webRel, settings.ImageWebFormat, web, json, [webLoadStep, .. webSteps, SaveStep(settings.ImageWebFormat, settings.ImageWebQuality)]));
                request.Progress?.Report(new CommitProgress(CommitStage.Derive, webRel, 1, 2));
            }
            else
            {
                // A thumbnail larger than the web copy cannot come from it: decode again at the thumbnail size.
                Save(memory, webFull, settings.ImageWebFormat, settings.ImageWebQuality);
                made.Add(Derivative(DerivativeKind.Web, webRel, settings.ImageWebFormat, web, json, [webLoadStep, .. webSteps, SaveStep(settings.ImageWebFormat, settings.ImageWebQuality)]));
                request.Progress?.Report(new CommitProgress(CommitStage.Derive, webRel, 1, 2));
                var thumbFrom = Load(header, settings.ImageThumbMaxDimension, size, failOn, null, owned, out thumbFromStep);
                (thumb, thumbSteps) = MakeThumb(thumbFrom, thumbFull, owned);
            }

            made.Add(Derivative(DerivativeKind.Thumb, thumbRel, settings.ImageThumbFormat, thumb, json, [thumbFromStep, .. thumbSteps, SaveStep(settings.ImageThumbFormat, settings.ImageThumbQuality)]));
        }

        request.Progress?.Report(new CommitProgress(CommitStage.Derive, thumbRel, 2, 2));
        return new DerivativeResult { Derivatives = made, Warnings = warnings, ToolVersion = VipsRuntime.Version };
    }

    /// <summary>Brings the thumbnail-sized image to its output colour and format and writes it.</summary>
    private (Image Thumb, IReadOnlyList<string> Steps) MakeThumb(Image from, string path, Owned owned)
    {
        var thumb = Prepare(from, settings.ImageThumbFormat, owned, out var steps);
        Save(thumb, path, settings.ImageThumbFormat, settings.ImageThumbQuality);
        return (thumb, steps);
    }

    /// <summary>Opens the original through <c>thumbnail</c>: shrink-on-load, orientation, sRGB; lazy until written.</summary>
    private Image Load(VipsHeader header, int maxDimension, Enums.Size size, Enums.FailOn failOn, string? loaderOptions, Owned owned, out string step)
    {
        cancellationToken.ThrowIfCancellationRequested();
        // fail_on goes in the loader's option string: thumbnail_source does not pass its own fail_on argument on.
        var loader = loaderOptions is null ? $"fail_on={Nick(failOn)}" : $"{loaderOptions},fail_on={Nick(failOn)}";
        var from = owned.Add(Source.NewFromFile(source.FullPath));
        var image = owned.Add(Image.ThumbnailSource(from, maxDimension, optionString: loader, height: maxDimension, size: size));
        step = Step("thumbnail_source", ("width", maxDimension), ("height", maxDimension), ("size", size), ("option_string", loader), ("frames", loaderOptions is null && header.Animated ? "first" : null));
        return image;
    }

    private DerivativeResult Failed(string error) => DerivativeResult.Failed(error, VipsRuntime.Version);

    private JsonObject Settings(VipsHeader header, Enums.FailOn failOn) => new()
    {
        ["web_max_dimension"] = settings.ImageWebMaxDimension,
        ["web_format"] = settings.ImageWebFormat,
        ["web_quality"] = settings.ImageWebQuality,
        ["thumb_max_dimension"] = settings.ImageThumbMaxDimension,
        ["thumb_format"] = settings.ImageThumbFormat,
        ["thumb_quality"] = settings.ImageThumbQuality,
        ["allow_upscale"] = settings.AllowUpscale,
        ["exif_orientation"] = header.Orientation,
        ["animated"] = header.Animated,
        ["frames"] = header.Frames,
        ["source_color_space"] = header.Interpretation,
        ["source_format"] = header.Format,
        ["max_pixels"] = options.MaxPixels,
        ["fail_on"] = Nick(failOn),
        ["flatten_background"] = options.FlattenBackground,
        ["webp_effort"] = options.WebpEffort,
    };
}
