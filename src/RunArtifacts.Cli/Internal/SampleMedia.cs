using System.Buffers.Binary;
using System.ComponentModel;
using System.IO.Compression;
using CliWrap;
using CliWrap.Buffered;

namespace RunArtifacts.Cli.Internal;

/// <summary>Makes sample media for the demo with no network: PNGs in process, a short MP4 through ffmpeg when it is installed.</summary>
internal static class SampleMedia
{
    /// <summary>What the demo prints when there is no ffmpeg: images are still made (libvips), video needs the tool.</summary>
    public const string MissingFFmpeg = "ffmpeg is not on PATH; image derivatives were made in process, for video install ffmpeg (apt-get install ffmpeg)";

    private static readonly uint[] CrcTable = BuildCrcTable();

    /// <summary>An RGB PNG with a gradient and a few bands, so derivatives have something to show.</summary>
    public static byte[] Png(int width, int height, int seed)
    {
        var raw = new byte[height * (1 + (width * 3))];
        var i = 0;
        for (var y = 0; y < height; y++)
        {
            raw[i++] = 0; // filter: none
            for (var x = 0; x < width; x++)
            {
                var band = ((x / Math.Max(1, width / 8)) + (y / Math.Max(1, height / 6)) + seed) % 3;
                raw[i++] = (byte)((x * 255 / Math.Max(1, width - 1)) ^ (band == 0 ? 0x40 : 0));
                raw[i++] = (byte)((y * 255 / Math.Max(1, height - 1)) ^ (band == 1 ? 0x40 : 0));
                raw[i++] = (byte)((seed * 67 + ((x + y) * 128 / Math.Max(1, width + height))) & 0xFF);
            }
        }

        using var compressed = new MemoryStream();
        using (var z = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            z.Write(raw);
        }

        using var png = new MemoryStream();
        // The signature as bytes: a "\x89…"u8 literal would UTF-8-encode U+0089 as C2 89 and no decoder would read the file.
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 2; // RGB
        Chunk(png, "IHDR"u8, ihdr);
        Chunk(png, "IDAT"u8, compressed.ToArray());
        Chunk(png, "IEND"u8, []);
        return png.ToArray();
    }

    /// <summary>A short H.264 clip with a tone, made by ffmpeg; or why there is none (ffmpeg not on PATH, or it failed).</summary>
    public static async Task<(string? Path, string? Skipped)> TryVideoAsync(string path, CancellationToken cancellationToken)
    {
        // An argument list, never a shell string; cancellation kills the process (CliWrap), as for every child process.
        var command = CliWrap.Cli.Wrap("ffmpeg")
            .WithArguments(["-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=24:duration=2", "-f", "lavfi", "-i", "sine=frequency=440:duration=2", "-c:v", "libx264", "-pix_fmt", "yuv420p", "-preset", "veryfast", "-c:a", "aac", "-shortest", path])
            .WithValidation(CommandResultValidation.None);
        try
        {
            var result = await command.ExecuteBufferedAsync(cancellationToken).ConfigureAwait(false);
            return result.ExitCode == 0 && File.Exists(path) ? (path, null) : (null, $"ffmpeg could not make the sample clip (exit code {result.ExitCode})");
        }
        catch (Exception ex) when (ex is Win32Exception || ex.InnerException is Win32Exception)
        {
            // CliWrap reports an executable that cannot be started (not on PATH) as a start failure around a Win32Exception.
            return (null, MissingFFmpeg);
        }
    }

    private static void Chunk(Stream output, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        output.Write(length);
        output.Write(type);
        output.Write(data);
        var crc = Crc(Crc(0xFFFFFFFFu, type), data) ^ 0xFFFFFFFFu;
        Span<byte> crcBytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crcBytes, crc);
        output.Write(crcBytes);
    }

    private static uint Crc(uint crc, ReadOnlySpan<byte> data)
    {
        foreach (var b in data)
        {
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc;
    }

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
