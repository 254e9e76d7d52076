using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RunArtifacts.Storage;

namespace RunArtifacts.FFmpeg.Tests;

public class ServiceCollectionTests
{
    [Test]
    public void AddRunArtifactsFFmpeg_CalledTwice_RegistersOneGeneratorAndProber()
    {
        using var temp = new TempRoot("ra-ffmpeg-");
        var services = new ServiceCollection();
        services.AddRunArtifacts(o => o.Root = temp.Combine("root"));
        services.AddRunArtifactsFFmpeg();
        services.AddRunArtifactsFFmpeg(o => o.VideoCrf = 20);

        using var provider = services.BuildServiceProvider();
        var store = provider.GetRequiredService<RunArtifactStore>();

        Assert.Multiple(() =>
        {
            Assert.That(store.Options.Derivatives.Select(r => r.Generator), Has.Exactly(1).InstanceOf<FFmpegDerivativeGenerator>());
            Assert.That(store.Options.Derivatives.Probers, Has.Exactly(1).InstanceOf<FFmpegMediaProber>());
            Assert.That(provider.GetRequiredService<IOptions<FFmpegOptions>>().Value.VideoCrf, Is.EqualTo(20));
            Assert.That(services.Count(d => d.ServiceType == typeof(IConfigureOptions<RunArtifactsOptions>) && d.ImplementationType?.Name == "FFmpegRunArtifactsSetup"), Is.EqualTo(1));
        });
    }

    [Test]
    public void AddRunArtifactsFFmpeg_RequiredButMissing_FailsValidation()
    {
        using var temp = new TempRoot("ra-ffmpeg-");
        var services = new ServiceCollection();
        services.AddRunArtifacts(o => o.Root = temp.Combine("root"));
        services.AddRunArtifactsFFmpeg(o =>
        {
            o.FFmpegPath = temp.Combine("nowhere", "ffmpeg");
            o.Required = true;
        });
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<RunArtifactsOptions>>().Value.ToString());

        Assert.That(ex!.Message, Does.Contain("ffmpeg was not found"));
    }

    [TestCase(0)]
    [TestCase(0.5)]
    [TestCase(86_401)]
    public void AddRunArtifactsFFmpeg_MaxWebVideoDurationOutOfRange_FailsValidationNamingIt(double seconds)
    {
        var services = new ServiceCollection();
        services.AddRunArtifactsFFmpeg(o => o.MaxWebVideoDuration = TimeSpan.FromSeconds(seconds));
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<FFmpegOptions>>().Value.ToString());
        Assert.That(ex!.Message, Does.Contain("MaxWebVideoDuration").And.Contain("between 1 second and 1 day"));
    }

    [Test]
    public void AddRunArtifactsFFmpeg_BadOption_FailsValidation()
    {
        var services = new ServiceCollection();
        services.AddRunArtifactsFFmpeg(o => o.VideoCrf = 99);
        using var provider = services.BuildServiceProvider();

        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<FFmpegOptions>>().Value.ToString());
    }
}
