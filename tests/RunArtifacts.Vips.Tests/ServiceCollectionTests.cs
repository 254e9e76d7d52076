using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RunArtifacts.Derivatives;
using RunArtifacts.FFmpeg;
using RunArtifacts.Records;

namespace RunArtifacts.Vips.Tests;

/// <summary>Registration with and without a container; FFmpeg leaves images to libvips in either order.</summary>
public class ServiceCollectionTests
{
    [Test]
    public void AddRunArtifactsVips_CalledTwice_OneGeneratorAndProber()
    {
        var services = new ServiceCollection();
        services.AddRunArtifacts(o => o.Root = Path.GetTempPath());
        services.AddRunArtifactsVips(o => o.MaxPixels = 1234);
        services.AddRunArtifactsVips();
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<RunArtifactsOptions>>().Value;

        Assert.Multiple(() =>
        {
            Assert.That(options.Derivatives.Count(r => r.Generator is VipsDerivativeGenerator), Is.EqualTo(1));
            Assert.That(options.Derivatives.Probers.Count(p => p is VipsMediaProber), Is.EqualTo(1));
            Assert.That(provider.GetRequiredService<IOptions<VipsOptions>>().Value.MaxPixels, Is.EqualTo(1234));
        });
    }

    [Test]
    public void AddRunArtifactsVips_InvalidOptions_FailsValidation()
    {
        var services = new ServiceCollection();
        services.AddRunArtifactsVips(o => o.FlattenBackground = "white");
        using var provider = services.BuildServiceProvider();

        Assert.That(() => provider.GetRequiredService<IOptions<VipsOptions>>().Value, Throws.InstanceOf<OptionsValidationException>().With.Message.Contains("FlattenBackground"));
    }

    [Test]
    public void AddVips_InvalidOptions_StoreRefusesToOpen()
    {
        var options = new RunArtifactsOptions { Root = Path.GetTempPath() };
        options.Derivatives.AddVips(o => o.WebpEffort = 9);

        Assert.That(() => new Storage.RunArtifactStore(options), Throws.InstanceOf<Exception>().With.Message.Contains("WebpEffort"));
    }

    [TestCase(true)]
    [TestCase(false)]
    public void AddFFmpeg_NextToVips_LeavesSupportedImagesToVipsInEitherOrder(bool vipsFirst)
    {
        var derivatives = new RunArtifactsOptions().Derivatives;
        if (vipsFirst)
        {
            derivatives.AddVips().AddFFmpeg();
        }
        else
        {
            derivatives.AddFFmpeg().AddVips();
        }

        DerivativeSource Source(string mime, AssetKind kind) => new() { FullPath = "/x", RelativePath = "original/x", Stem = "x", MimeType = mime, Kind = kind };
        string[] Handlers(DerivativeSource s) => [.. derivatives.Where(r => r.Generator.CanHandle(s)).Select(r => r.Generator.Name)];
        string? Prober(DerivativeSource s) => derivatives.Probers.FirstOrDefault(p => p.CanProbe(s))?.Name;

        Assert.Multiple(() =>
        {
            Assert.That(Handlers(Source("image/png", AssetKind.Image)), Is.EqualTo(new[] { "vips" }));
            Assert.That(Handlers(Source("image/gif", AssetKind.Image)), Is.EqualTo(new[] { "vips" }));
            Assert.That(Handlers(Source("image/tiff", AssetKind.Image)), Is.EqualTo(new[] { "ffmpeg" }));
            Assert.That(Handlers(Source("video/mp4", AssetKind.Video)), Is.EqualTo(new[] { "ffmpeg" }));
            Assert.That(Prober(Source("image/jpeg", AssetKind.Image)), Is.EqualTo("vips"));
        });
    }

    [Test]
    public void AddFFmpeg_Alone_StillHandlesImages()
    {
        var derivatives = new RunArtifactsOptions().Derivatives.AddFFmpeg();
        var source = new DerivativeSource { FullPath = "/x", RelativePath = "original/x", Stem = "x", MimeType = "image/png", Kind = AssetKind.Image };

        Assert.That(derivatives.Single().Generator.CanHandle(source), Is.True);
    }
}
