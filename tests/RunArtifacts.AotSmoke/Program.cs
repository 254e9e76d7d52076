// Native-AOT smoke test of the public API: commit a succeeded and a failed run, read them back from the index, verify them;
// commit a PNG with the libvips derivatives required (RunArtifacts.Vips) and check its web copy and thumbnail.
using System.Buffers.Binary;
using System.IO.Compression;
using System.Text.Json.Nodes;
using RunArtifacts;
using RunArtifacts.Index;
using RunArtifacts.Records;
using RunArtifacts.Storage;
using RunArtifacts.Verification;
using RunArtifacts.Vips;

var root = args[0];
var output = Path.Combine(root, "..", "aot-output.bin");
await File.WriteAllBytesAsync(output, [1, 2, 3, 4, 5]);
var store = new RunArtifactStore(new RunArtifactsOptions { Root = root });
var ok = await store.CreateRun("aot model")
    .WithPrompt("native")
    .WithRequest(new JsonObject { ["prompt"] = "native", ["api_key"] = "sk-aotaotaotaotaotaotaotaot" })
    .AddOutput(output)
    .AddTags("aot")
    .CommitAsync();
var failed = await store.CreateRun("aot model").Failed(new TimeoutException("provider timed out")).CommitAsync();
var entries = store.ReadIndex(new IndexQuery { Tag = "aot", Limit = 10 }).Entries;
var failedEntry = store.ReadIndex(new IndexQuery { Status = RunStatus.Failed }).Entries.Single();
if (entries.Count != 1 || entries[0].RunId != ok.RunId || failedEntry.ErrorKind != FailureKinds.Timeout)
{
    Console.Error.WriteLine("unexpected index content");
    return 1;
}

// verify validates every record against its JSON Schema (JsonSchema.Net) and hashes every file.
var report = await new RunVerifier(store).VerifyAsync();
if (report.RunsVerified != 2 || report.Problems.Count != 0)
{
    Console.Error.WriteLine("verify: " + string.Join("; ", report.Problems.Select(p => p.Message)));
    return 1;
}

var vipsOptions = new RunArtifactsOptions { Root = Path.Combine(root, "..", "aot-vips-root") };
vipsOptions.Derivatives.AddVips(o => o.Required = true);
var png = Path.Combine(root, "..", "aot-image.png");
await File.WriteAllBytesAsync(png, Png(640, 320));
var image = await new RunArtifactStore(vipsOptions).CreateRun("aot vips").AddOutput(png).CommitAsync();
if (!File.Exists(Path.Combine(image.FullPath, "web", "output_01.webp")) || !File.Exists(Path.Combine(image.FullPath, "thumb", "output_01.webp")))
{
    Console.Error.WriteLine("libvips derivatives missing");
    return 1;
}

Console.WriteLine($"ok {ok.RunPath} {failed.RunPath} {image.RunPath}");
return 0;

// A gradient RGB PNG written by hand (no image library in the smoke test's own code).
static byte[] Png(int width, int height)
{
    var raw = new byte[height * (1 + (width * 3))];
    for (int y = 0, i = 0; y < height; y++)
    {
        raw[i++] = 0;
        for (var x = 0; x < width; x++, i += 3)
        {
            (raw[i], raw[i + 1], raw[i + 2]) = ((byte)(x * 255 / width), (byte)(y * 255 / height), 128);
        }
    }

    using var idat = new MemoryStream();
    using (var z = new ZLibStream(idat, CompressionLevel.Fastest, leaveOpen: true))
    {
        z.Write(raw);
    }

    var ihdr = new byte[13];
    BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
    BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
    (ihdr[8], ihdr[9]) = (8, 2);
    using var png = new MemoryStream();
    png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
    foreach (var (type, data) in new[] { ("IHDR", ihdr), ("IDAT", idat.ToArray()), ("IEND", Array.Empty<byte>()) })
    {
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(chunk, data.Length);
        System.Text.Encoding.ASCII.GetBytes(type, chunk.AsSpan(4));
        data.CopyTo(chunk, 8);
        var crc = 0xFFFFFFFFu;
        foreach (var b in chunk.AsSpan(4, 4 + data.Length))
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), crc ^ 0xFFFFFFFFu);
        png.Write(chunk);
    }

    return png.ToArray();
}
