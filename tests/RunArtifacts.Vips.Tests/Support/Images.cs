using System.Buffers.Binary;
using System.IO.Compression;
using NetVips;

namespace RunArtifacts.Vips.Tests.Support;

/// <summary>Test images made on the spot with libvips' savers (never checked in), and pixel reads of the results.</summary>
public static class Images
{
    public static readonly byte[] Red = [230, 30, 30];
    public static readonly byte[] Green = [30, 200, 60];
    public static readonly byte[] Blue = [30, 60, 220];
    public static readonly byte[] White = [250, 250, 250];

    /// <summary>An RGB image of four flat quadrants: top-left, top-right, bottom-left, bottom-right.</summary>
    public static Image Quadrants(int width, int height, byte[] tl, byte[] tr, byte[] bl, byte[] br)
    {
        var data = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var c = (x < width / 2, y < height / 2) switch
                {
                    (true, true) => tl,
                    (false, true) => tr,
                    (true, false) => bl,
                    _ => br,
                };
                c.CopyTo(data, ((y * width) + x) * 3);
            }
        }

        return Image.NewFromMemory(data, width, height, 3, Enums.BandFormat.Uchar);
    }

    /// <summary>A flat image of one colour with the given bands and sample format.</summary>
    public static Image Flat(int width, int height, double[] colour, Enums.BandFormat format = Enums.BandFormat.Uchar, Enums.Interpretation interpretation = Enums.Interpretation.Srgb)
    {
        using var black = Image.Black(width, height, colour.Length);
        using var filled = black.Linear(Enumerable.Repeat(1.0, colour.Length).ToArray(), colour);
        using var cast = filled.Cast(format);
        return cast.Copy(interpretation: interpretation);
    }

    /// <summary>A strip of <paramref name="colours"/>.Length frames (one colour each) saved as an animation.</summary>
    public static void Animated(string path, int width, int height, IReadOnlyList<double[]> colours)
    {
        var frames = colours.Select(c => Flat(width, height, c)).ToArray();
        try
        {
            using var strip = Image.Arrayjoin(frames, across: 1);
            using var animated = strip.Mutate(m =>
            {
                m.Set(NetVips.GValue.GIntType, "page-height", height);
                m.Set(NetVips.GValue.ArrayIntType, "delay", Enumerable.Repeat(100, colours.Count).ToArray());
                m.Set(NetVips.GValue.GIntType, "loop", 0);
            });
            if (path.EndsWith(".gif", StringComparison.Ordinal))
            {
                animated.Gifsave(path);
            }
            else
            {
                animated.Webpsave(path, q: 90);
            }
        }
        finally
        {
            foreach (var f in frames)
            {
                f.Dispose();
            }
        }
    }

    /// <summary>Writes an image in the format of the path's extension.</summary>
    public static string Save(Image image, string path, int quality = 95)
    {
        switch (Path.GetExtension(path))
        {
            case ".jpg":
                image.Jpegsave(path, q: quality);
                break;
            case ".png":
                image.Pngsave(path);
                break;
            case ".webp":
                image.Webpsave(path, q: quality);
                break;
            case ".gif":
                image.Gifsave(path);
                break;
            case ".tif":
                image.Tiffsave(path);
                break;
            default:
                throw new ArgumentException(path);
        }

        return path;
    }

    /// <summary>Header facts and pixels of a result file.</summary>
    public static Image Open(string path, bool allFrames = false)
        => allFrames ? Image.NewFromFile(path, kwargs: new VOption { { "n", -1 } }) : Image.NewFromFile(path);

    /// <summary>The pixel at (x, y) as RGB(A) values.</summary>
    public static double[] Pixel(string path, int x, int y)
    {
        using var image = Open(path);
        return image.Getpoint(x, y);
    }

    /// <summary>Number of frames in a file ("n-pages", 1 when absent).</summary>
    public static int Frames(string path)
    {
        using var image = Open(path);
        return image.Contains("n-pages") ? (int)image.Get("n-pages") : 1;
    }

    /// <summary>
    /// A valid single-colour PNG of the given size (1-bit palette, so 30000×30000 compresses to ~100 KB), written
    /// by hand: no image library could be asked to encode 900 megapixels quickly.
    /// </summary>
    public static string HugePalettePng(string path, int width, int height)
    {
        var rowBytes = 1 + ((width + 7) / 8);
        var row = new byte[rowBytes];
        using var idat = new MemoryStream();
        using (var z = new ZLibStream(idat, CompressionLevel.Fastest, leaveOpen: true))
        {
            for (var y = 0; y < height; y++)
            {
                z.Write(row);
            }
        }

        using var png = File.Create(path);
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 1; // bit depth
        ihdr[9] = 3; // palette
        Chunk(png, "IHDR"u8, ihdr);
        Chunk(png, "PLTE"u8, [40, 90, 160]);
        Chunk(png, "IDAT"u8, idat.ToArray());
        Chunk(png, "IEND"u8, []);
        return path;
    }

    private static void Chunk(Stream output, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> buffer = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(buffer, data.Length);
        output.Write(buffer);
        output.Write(type);
        output.Write(data);
        var crc = Crc(Crc(0xFFFFFFFFu, type), data) ^ 0xFFFFFFFFu;
        BinaryPrimitives.WriteUInt32BigEndian(buffer, crc);
        output.Write(buffer);
    }

    private static uint Crc(uint crc, ReadOnlySpan<byte> data)
    {
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return crc;
    }
}
