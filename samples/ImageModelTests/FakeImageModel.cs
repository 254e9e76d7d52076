using System.IO.Compression;
using System.Text;

namespace ImageModelTests;

/// <summary>Stands in for a real image model: "draws" a solid PNG whose colour comes from the prompt's words.</summary>
public static class FakeImageModel
{
    private static readonly uint[] CrcTable = Enumerable.Range(0, 256).Select(n =>
    {
        var c = (uint)n;
        for (var k = 0; k < 8; k++)
        {
            c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        }

        return c;
    }).ToArray();

    /// <summary>Generates a 64×64 PNG for the prompt.</summary>
    public static async Task<byte[]> GenerateAsync(string prompt, int seed, CancellationToken cancellationToken = default)
    {
        await Task.Delay(10, cancellationToken); // the "network"
        var (r, g, b) = prompt.Contains("dusk", StringComparison.OrdinalIgnoreCase) ? ((byte)40, (byte)60, (byte)160)
            : prompt.Contains("sunflower", StringComparison.OrdinalIgnoreCase) ? ((byte)90, (byte)140, (byte)60) // a bug: should be yellow
            : ((byte)(seed * 37), (byte)(seed * 91), (byte)(seed * 53));
        return SolidPng(64, 64, r, g, b);
    }

    /// <summary>The colour of the first pixel of a PNG this model made.</summary>
    public static (byte R, byte G, byte B) FirstPixel(byte[] png)
    {
        var idat = Chunk(png, "IDAT");
        using var z = new ZLibStream(new MemoryStream(idat), CompressionMode.Decompress);
        var row = new byte[4];
        z.ReadExactly(row);
        return (row[1], row[2], row[3]);
    }

    private static byte[] SolidPng(int width, int height, byte r, byte g, byte b)
    {
        var raw = new MemoryStream();
        using (var z = new ZLibStream(raw, CompressionLevel.Optimal, leaveOpen: true))
        {
            var row = new byte[1 + (width * 3)];
            for (var x = 0; x < width; x++)
            {
                row[1 + (x * 3)] = r;
                row[2 + (x * 3)] = g;
                row[3 + (x * 3)] = b;
            }

            for (var y = 0; y < height; y++)
            {
                z.Write(row);
            }
        }

        var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        WriteBigEndian(header, 0, (uint)width);
        WriteBigEndian(header, 4, (uint)height);
        header[8] = 8; // bit depth
        header[9] = 2; // RGB
        WriteChunk(png, "IHDR", header);
        WriteChunk(png, "IDAT", raw.ToArray());
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void WriteChunk(Stream png, string type, byte[] data)
    {
        var length = new byte[4];
        WriteBigEndian(length, 0, (uint)data.Length);
        png.Write(length);
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typed);
        var crc = 0xFFFFFFFFu;
        foreach (var octet in typed)
        {
            crc = CrcTable[(crc ^ octet) & 0xFF] ^ (crc >> 8);
        }

        var trailer = new byte[4];
        WriteBigEndian(trailer, 0, crc ^ 0xFFFFFFFFu);
        png.Write(trailer);
    }

    private static byte[] Chunk(byte[] png, string type)
    {
        for (var at = 8; at + 8 <= png.Length;)
        {
            var length = (png[at] << 24) | (png[at + 1] << 16) | (png[at + 2] << 8) | png[at + 3];
            if (Encoding.ASCII.GetString(png, at + 4, 4) == type)
            {
                return png[(at + 8)..(at + 8 + length)];
            }

            at += 12 + length;
        }

        throw new InvalidDataException($"No {type} chunk.");
    }

    private static void WriteBigEndian(byte[] buffer, int at, uint value)
    {
        buffer[at] = (byte)(value >> 24);
        buffer[at + 1] = (byte)(value >> 16);
        buffer[at + 2] = (byte)(value >> 8);
        buffer[at + 3] = (byte)value;
    }
}
