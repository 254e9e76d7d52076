using System.Globalization;
using System.Text;
using RunArtifacts.Records;
using RunArtifacts.Records.Internal;

namespace RunArtifacts.Storage.Internal;

/// <summary>Slugs, run ids, stored file names and media types.</summary>
internal static class Naming
{
    /// <summary>Lower-cases and turns every run of characters outside [a-z0-9] into one '_', trimmed and capped.</summary>
    public static string Slug(string text, int maxLength)
    {
        var normalized = text.Normalize(NormalizationForm.FormKD);
        var sb = new StringBuilder(Math.Min(normalized.Length, maxLength + 1));
        var pendingSeparator = false;
        foreach (var ch in normalized)
        {
            var c = char.ToLowerInvariant(ch);
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                if (pendingSeparator && sb.Length > 0)
                {
                    if (sb.Length + 2 > maxLength)
                    {
                        break;
                    }

                    sb.Append('_');
                }

                pendingSeparator = false;
                sb.Append(c);
                if (sb.Length >= maxLength)
                {
                    break;
                }
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(ch) != UnicodeCategory.NonSpacingMark)
            {
                pendingSeparator = true;
            }
        }

        return sb.ToString().TrimEnd('_');
    }

    public static string RunIdBase(DateTimeOffset createdAt, string modelKeySlug, string? slug)
    {
        var stamp = createdAt.UtcDateTime.ToString("yyyyMMdd_HHmmss", CultureInfo.InvariantCulture);
        return string.IsNullOrEmpty(slug) ? $"{stamp}_{modelKeySlug}" : $"{stamp}_{modelKeySlug}_{slug}";
    }

    public static string DateFolder(DateTimeOffset createdAt) => createdAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string WithSuffix(string baseId, int n) => n <= 1 ? baseId : $"{baseId}_{n}";

    /// <summary>Why a caller-supplied file name is refused, or null when it is acceptable.</summary>
    public static string? ProblemWithFileName(string name)
    {
        if (name.Length == 0)
        {
            return "is empty";
        }

        if (name.Length > 255)
        {
            return "is longer than 255 characters";
        }

        if (name.Contains('\0'))
        {
            return "contains a NUL character";
        }

        if (name.Any(char.IsControl))
        {
            return "contains a control character";
        }

        if (name.Contains('/') || name.Contains('\\'))
        {
            return "contains a path separator";
        }

        if (name is "." or ".." || name.Contains("..", StringComparison.Ordinal))
        {
            return "contains '..'";
        }

        return null;
    }

    /// <summary>A safe lower-case extension from the name, else from the media type, else <c>bin</c>.</summary>
    public static string Extension(string originalFileName, string mimeType)
    {
        var ext = Path.GetExtension(originalFileName).TrimStart('.').ToLowerInvariant();
        if (ext.Length is > 0 and <= 10 && ext.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9'))
        {
            return ext == "jpeg" ? "jpg" : ext;
        }

        return MediaTypes.ExtensionFor(mimeType);
    }

    /// <summary>The file-name prefix of an input: <c>ref</c>, <c>motion</c>, <c>video</c>, <c>audio</c> or <c>input</c>.</summary>
    public static string InputPrefix(string? role, AssetKind kind)
    {
        var r = role?.ToLowerInvariant() ?? string.Empty;
        if (r.Contains("motion", StringComparison.Ordinal))
        {
            return "motion";
        }

        if (r.Contains("ref", StringComparison.Ordinal) || r.Contains("style", StringComparison.Ordinal) || r.Contains("character", StringComparison.Ordinal) || r.Contains("frame", StringComparison.Ordinal))
        {
            return "ref";
        }

        return kind switch
        {
            AssetKind.Image => "ref",
            AssetKind.Video => "video",
            AssetKind.Audio => "audio",
            _ => "input",
        };
    }
}
