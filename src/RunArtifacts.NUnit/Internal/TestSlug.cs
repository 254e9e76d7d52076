using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using NUnit.Framework.Interfaces;
using RunArtifacts.Storage;

namespace RunArtifacts.NUnit.Internal;

/// <summary>
/// The run slug of a test: its method name and arguments, readable (<c>add_1</c>, <c>add_2</c>) when the arguments are short
/// plain words or numbers, else cut and followed by a short hash of the test's full name (<c>render_a_lighthouse_at_9f2c41d0</c>).
/// A slug is claimed per store and model key for one test's full name, so two test cases never share one in a process.
/// </summary>
internal static class TestSlug
{
    private const int HashChars = 8;
    private const int MaxPlainArgument = 16;

    private static readonly ConditionalWeakTable<RunArtifactStore, ConcurrentDictionary<(string ModelKey, string Slug), string>> Claims = new();

    public static string Claim(RunArtifactStore store, string modelKey, ITest test, int maxLength)
    {
        var claims = Claims.GetValue(store, static _ => new ConcurrentDictionary<(string, string), string>());
        var slug = For(test.MethodName ?? test.Name, test.Arguments, test.FullName, maxLength);
        var owner = claims.GetOrAdd((modelKey, slug), test.FullName);
        if (owner == test.FullName)
        {
            return slug;
        }

        // Another test case already reads this way (an odd method name, a case-only difference): add the hash.
        var hashed = WithHash(slug, test.FullName, maxLength);
        claims.TryAdd((modelKey, hashed), test.FullName);
        return hashed;
    }

    public static string For(string methodName, IReadOnlyList<object?> arguments, string fullName, int maxLength)
    {
        var name = Plain(methodName);
        if (arguments.Count == 0)
        {
            return name.Length <= maxLength ? name : WithHash(name, fullName, maxLength);
        }

        var words = arguments.Select(Word).ToList();
        if (words.All(w => w is not null))
        {
            var readable = name + "_" + string.Join('_', words);
            if (readable.Length <= maxLength)
            {
                return readable;
            }
        }

        var loose = name + "_" + string.Join('_', arguments.Select(a => Plain(Convert.ToString(a, CultureInfo.InvariantCulture) ?? "null")).Where(s => s.Length > 0));
        return WithHash(loose, fullName, maxLength);
    }

    /// <summary>An argument that reads the same as a slug word (letters and digits, a leading minus as <c>m</c>), else null.</summary>
    private static string? Word(object? argument)
    {
        var text = argument switch
        {
            null => "null",
            string => null, // quotes and case matter to NUnit's name, not to a slug: always hashed
            bool b => b ? "true" : "false",
            Enum e => e.ToString(),
            IFormattable f when argument is int or long or short or byte or sbyte or uint or ulong or ushort => f.ToString(null, CultureInfo.InvariantCulture),
            _ => null,
        };
        if (text is null || text.Length > MaxPlainArgument)
        {
            return null;
        }

        if (text.StartsWith('-'))
        {
            text = "m" + text[1..];
        }

        return text.All(char.IsAsciiLetterOrDigit) ? text.ToLowerInvariant() : null;
    }

    /// <summary>Lower-case letters and digits, every other run of characters one <c>_</c> (what the store's slugging keeps).</summary>
    private static string Plain(string text)
    {
        var sb = new StringBuilder(text.Length);
        var pending = false;
        foreach (var ch in text.Normalize(NormalizationForm.FormKD))
        {
            if (char.IsAsciiLetterOrDigit(ch))
            {
                if (pending && sb.Length > 0)
                {
                    sb.Append('_');
                }

                pending = false;
                sb.Append(char.ToLowerInvariant(ch));
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(ch) != UnicodeCategory.NonSpacingMark)
            {
                pending = true;
            }
        }

        return sb.ToString();
    }

    private static string WithHash(string readable, string fullName, int maxLength)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(fullName)))[..HashChars];
        var room = Math.Max(0, maxLength - HashChars - 1);
        var head = readable.Length <= room ? readable : readable[..room].TrimEnd('_');
        return head.Length == 0 ? hash : head + "_" + hash;
    }
}
