using System.Globalization;
using NetVips;
using LibVips = NetVips.NetVips;

namespace RunArtifacts.Vips.Internal;

/// <summary>
/// The one place that touches libvips' process-wide state: it checks that the native library loaded, takes libvips'
/// log messages (domain <c>VIPS</c>, see <see cref="VipsMessages"/>), turns the operation cache off (a commit reads
/// each file once; a cache only holds memory and open files), blocks every loader except JPEG, PNG, WebP and GIF, and
/// blocks the operations libvips marks untrusted. Everything else in this package sees plain .NET values.
/// </summary>
/// <remarks>
/// Only four loaders are enabled because they are the formats generation APIs return and browsers show; the
/// other loaders in the native package (TIFF, HEIF/AVIF, SVG, JPEG 2000, JPEG XL, RAW via libvips' own
/// formats…) are large parsers that a hostile output file could reach. Originals of other types are left to other
/// generators (FFmpeg) or kept without derivatives. Savers are not blocked: derivatives are written as WebP,
/// JPEG or PNG.
/// </remarks>
internal static class VipsRuntime
{
    /// <summary>Loader classes allowed; each covers its file, buffer and source variants.</summary>
    internal static readonly string[] AllowedLoaders = ["VipsForeignLoadJpeg", "VipsForeignLoadPng", "VipsForeignLoadWebp", "VipsForeignLoadNsgif"];

    private static readonly Lazy<State> Shared = new(Initialize, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Whether libvips loaded and was configured.</summary>
    public static bool IsAvailable => Shared.Value.Error is null;

    /// <summary>Why libvips is not available, when it is not.</summary>
    public static string? Error => Shared.Value.Error;

    /// <summary>The libvips version (<c>libvips 8.18.7</c>), when available.</summary>
    public static string? Version => Shared.Value.Version;

    private static State Initialize()
    {
        try
        {
            if (!ModuleInitializer.VipsInitialized && ModuleInitializer.Exception is null)
            {
                // NetVips loads libvips from its module initializer. Under the JIT that has run by now; a native-AOT
                // host may empty it (the artifacts tool does, so that a call that touches no image does not load
                // libvips) and then this is the first load. NetVips' Initialize is safe to call more than once.
                ModuleInitializer.Initialize();
            }

            if (!ModuleInitializer.VipsInitialized)
            {
                var reason = ModuleInitializer.Exception?.Message ?? "the native library was not initialised";
                return new State(null, $"libvips could not be loaded ({reason}); the NetVips.Native package supplies it for linux-x64, linux-arm64, osx and win");
            }

            // libvips' warnings become warnings of the image they are about, not lines on the process's standard error.
            VipsMessages.Install();

            // Operation cache off: no result of one file is kept for the next.
            Cache.Max = 0;
            Cache.MaxMem = 0;
            Cache.MaxFiles = 0;

            // Untrusted operations (libvips' own list) and every loader but the four we support are refused.
            LibVips.BlockUntrusted = true;
            Operation.Block("VipsForeignLoad", true);
            foreach (var loader in AllowedLoaders)
            {
                Operation.Block(loader, false);
            }

            var version = string.Create(
                CultureInfo.InvariantCulture,
                $"libvips {LibVips.Version(0)}.{LibVips.Version(1)}.{LibVips.Version(2)}");
            return new State(version, null);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException or TypeInitializationException or BadImageFormatException or VipsException)
        {
            return new State(null, $"libvips could not be loaded ({ex.Message})");
        }
    }

    private sealed record State(string? Version, string? Error);
}
