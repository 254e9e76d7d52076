namespace RunArtifacts.Records.Internal;

/// <summary>Media types from the first bytes of a file, else from its extension.</summary>
internal static class MediaTypes
{
    private static readonly Dictionary<string, string> ByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        ["png"] = "image/png",
        ["jpg"] = "image/jpeg",
        ["jpeg"] = "image/jpeg",
        ["gif"] = "image/gif",
        ["webp"] = "image/webp",
        ["bmp"] = "image/bmp",
        ["tif"] = "image/tiff",
        ["tiff"] = "image/tiff",
        ["avif"] = "image/avif",
        ["heic"] = "image/heic",
        ["svg"] = "image/svg+xml",
        ["mp4"] = "video/mp4",
        ["m4v"] = "video/mp4",
        ["mov"] = "video/quicktime",
        ["webm"] = "video/webm",
        ["mkv"] = "video/x-matroska",
        ["avi"] = "video/x-msvideo",
        ["mp3"] = "audio/mpeg",
        ["wav"] = "audio/wav",
        ["flac"] = "audio/flac",
        ["ogg"] = "audio/ogg",
        ["m4a"] = "audio/mp4",
        ["aac"] = "audio/aac",
        ["opus"] = "audio/opus",
        ["txt"] = "text/plain",
        ["md"] = "text/markdown",
        ["json"] = "application/json",
        ["jsonl"] = "application/jsonl",
        ["csv"] = "text/csv",
        ["html"] = "text/html",
        ["pdf"] = "application/pdf",
        ["zip"] = "application/zip",
        ["glb"] = "model/gltf-binary",
        ["obj"] = "model/obj",
    };

    public static string ExtensionFor(string mimeType) => mimeType switch
    {
        "image/jpeg" => "jpg",
        "image/svg+xml" => "svg",
        "video/quicktime" => "mov",
        "video/x-matroska" => "mkv",
        "audio/mpeg" => "mp3",
        "text/plain" => "txt",
        _ => ByExtension.FirstOrDefault(p => p.Value == mimeType).Key?.ToLowerInvariant() ?? "bin",
    };

    /// <summary>Guesses the media type from the header bytes, then the extension.</summary>
    public static string Detect(ReadOnlySpan<byte> head, string fileName)
    {
        var sniffed = Sniff(head);
        if (sniffed is not null)
        {
            return sniffed;
        }

        var ext = Path.GetExtension(fileName).TrimStart('.');
        return ByExtension.TryGetValue(ext, out var m) ? m : "application/octet-stream";
    }

    public static AssetKind KindOf(string mimeType) => mimeType switch
    {
        _ when mimeType.StartsWith("image/", StringComparison.Ordinal) => AssetKind.Image,
        _ when mimeType.StartsWith("video/", StringComparison.Ordinal) => AssetKind.Video,
        _ when mimeType.StartsWith("audio/", StringComparison.Ordinal) => AssetKind.Audio,
        _ when mimeType.StartsWith("text/", StringComparison.Ordinal) || mimeType is "application/json" or "application/jsonl" => AssetKind.Text,
        _ => AssetKind.Other,
    };

    private static string? Sniff(ReadOnlySpan<byte> h)
    {
        if (h.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return "image/png";
        }

        if (h.Length >= 3 && h[0] == 0xFF && h[1] == 0xD8 && h[2] == 0xFF)
        {
            return "image/jpeg";
        }

        if (h.StartsWith("GIF87a"u8) || h.StartsWith("GIF89a"u8))
        {
            return "image/gif";
        }

        if (h.Length >= 12 && h.StartsWith("RIFF"u8))
        {
            var t = h.Slice(8, 4);
            if (t.SequenceEqual("WEBP"u8))
            {
                return "image/webp";
            }

            if (t.SequenceEqual("WAVE"u8))
            {
                return "audio/wav";
            }

            if (t.SequenceEqual("AVI "u8))
            {
                return "video/x-msvideo";
            }
        }

        if (h.StartsWith("BM"u8) && h.Length >= 14)
        {
            return "image/bmp";
        }

        if (h.Length >= 12 && h.Slice(4, 4).SequenceEqual("ftyp"u8))
        {
            var brand = h.Slice(8, 4);
            if (brand.SequenceEqual("avif"u8) || brand.SequenceEqual("avis"u8))
            {
                return "image/avif";
            }

            if (brand.SequenceEqual("heic"u8) || brand.SequenceEqual("heix"u8) || brand.SequenceEqual("mif1"u8))
            {
                return "image/heic";
            }

            if (brand.SequenceEqual("qt  "u8))
            {
                return "video/quicktime";
            }

            if (brand.SequenceEqual("M4A "u8))
            {
                return "audio/mp4";
            }

            return "video/mp4";
        }

        if (h.StartsWith((ReadOnlySpan<byte>)[0x1A, 0x45, 0xDF, 0xA3]))
        {
            return h.IndexOf("webm"u8) >= 0 ? "video/webm" : "video/x-matroska";
        }

        if (h.StartsWith("ID3"u8) || (h.Length >= 2 && h[0] == 0xFF && (h[1] & 0xE0) == 0xE0))
        {
            return "audio/mpeg";
        }

        if (h.StartsWith("fLaC"u8))
        {
            return "audio/flac";
        }

        if (h.StartsWith("OggS"u8))
        {
            return "audio/ogg";
        }

        if (h.StartsWith("%PDF"u8))
        {
            return "application/pdf";
        }

        return null;
    }
}
