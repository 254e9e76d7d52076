using RunArtifacts.Cli.Internal;
using RunArtifacts.Storage;

namespace RunArtifacts.Testing;

/// <summary>Test data: small real media and stores over real folders.</summary>
public static class Some
{
    public static byte[] Png(int width = 64, int height = 48, int seed = 1) => SampleMedia.Png(width, height, seed);

    public static byte[] Bytes(int count, int seed = 1)
    {
        var bytes = new byte[count];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public static RunArtifactStore Store(string root, Action<RunArtifactsOptions>? configure = null, TimeProvider? time = null)
    {
        var options = new RunArtifactsOptions { Root = root, FlushToDisk = false };
        configure?.Invoke(options);
        return new RunArtifactStore(options, time);
    }
}
