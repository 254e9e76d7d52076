using FsCheck;
using RunArtifacts.Records.Internal;
using RunArtifacts.Storage.Internal;

#pragma warning disable NUnit1027 // FsCheck supplies the arguments.

namespace RunArtifacts.Tests.Storage;

public class NamingProperties
{
    [FsCheck.NUnit.Property(MaxTest = 500)]
    public bool Slug_IsLowerAlphanumericRunsJoinedByOneUnderscore(NonNull<string> text, PositiveInt max)
    {
        var cap = 8 + (max.Get % 100);
        var slug = Naming.Slug(text.Get, cap);
        return slug.Length <= cap
            && slug.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '_')
            && !slug.Contains("__", StringComparison.Ordinal)
            && !slug.StartsWith('_') && !slug.EndsWith('_')
            && Naming.Slug(slug, cap) == slug;
    }

    [FsCheck.NUnit.Property(MaxTest = 500)]
    public bool PromptSummary_AtMost140CollapsedAndMarkedWhenCut(NonNull<string> text)
    {
        var summary = PromptSummaries.Of(text.Get);
        if (summary is null)
        {
            return string.IsNullOrWhiteSpace(text.Get) || text.Get.All(c => char.IsWhiteSpace(c) || char.IsControl(c));
        }

        return summary.Length <= 140 && !summary.Contains("  ", StringComparison.Ordinal) && summary == summary.Trim()
            && (summary.EndsWith("...", StringComparison.Ordinal) || !summary.Contains('\n'));
    }

    [TestCase("Nano Banana Pro!", "nano_banana_pro")]
    [TestCase("  --Cinematic v01--  ", "cinematic_v01")]
    [TestCase("Café crème", "cafe_creme")]
    [TestCase("../../etc", "etc")]
    public void Slug_Examples(string text, string expected) => Assert.That(Naming.Slug(text, 48), Is.EqualTo(expected));
}
