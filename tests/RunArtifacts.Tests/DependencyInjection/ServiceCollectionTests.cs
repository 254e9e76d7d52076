using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RunArtifacts.Storage;

namespace RunArtifacts.Tests.DependencyInjection;

public class ServiceCollectionTests
{
    [Test]
    public async Task AddRunArtifacts_Twice_OneStoreThatCommits()
    {
        using var temp = new TempRoot();
        var services = new ServiceCollection();
        services.AddRunArtifacts(o => o.Root = temp.Combine("root"));
        services.AddRunArtifacts(o => o.FlushToDisk = false);
        using var provider = services.BuildServiceProvider();

        var store = provider.GetRequiredService<RunArtifactStore>();
        Assert.That(provider.GetRequiredService<RunArtifactStore>(), Is.SameAs(store));
        Assert.That(store.Options.FlushToDisk, Is.False);
        var run = await store.CreateRun("m").CommitAsync();
        BundleAssert.IsWhole(run.FullPath);
    }

    [Test]
    public void AddRunArtifacts_FromConfiguration_BindsAndValidatesOnStart()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["RunArtifacts:Root"] = "/tmp/x",
            ["RunArtifacts:CopyMode"] = "HardLink",
            ["RunArtifacts:DerivativeSettings:ImageWebMaxDimension"] = "5",
        }).Build();
        var services = new ServiceCollection();
        services.AddRunArtifacts(config.GetSection(RunArtifactsOptions.SectionName));
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.That(ex!.Message, Does.Contain("ImageWebMaxDimension"));
        Assert.That(() => provider.GetRequiredService<IOptions<RunArtifactsOptions>>().Value, Throws.TypeOf<OptionsValidationException>());
    }
}
