using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace RunArtifacts.Testing;

/// <summary>Hand-made PNG damage: chunks inserted into an otherwise valid PNG, with correct lengths and CRCs.</summary>
public static class PngChunks
{
    /// <summary>
    /// The PNG with an <c>iCCP</c> chunk whose profile is four bytes (an ICC profile has at least a 128-byte header):
    /// libpng says "iCCP: profile 'icc': 0h: too short" and reads the pixels without it.
    /// </summary>
    public static byte[] WithBrokenIccProfile(byte[] png) => WithChunk(png, "iCCP", [.. "icc"u8, 0, 0, .. Deflate([1, 2, 3, 4])]);

    /// <summary>The PNG with a chunk inserted after its header chunk (8 bytes of signature, then IHDR's 25).</summary>
    public static byte[] WithChunk(byte[] png, string type, byte[] data)
    {
        byte[] typeAndData = [.. Encoding.ASCII.GetBytes(type), .. data];
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(chunk, data.Length);
        typeAndData.CopyTo(chunk, 4);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), Crc32(typeAndData));
        return [.. png[..33], .. chunk, .. png[33..]];
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }

    private static byte[] Deflate(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Optimal))
        {
            zlib.Write(bytes);
        }

        return output.ToArray();
    }
}
