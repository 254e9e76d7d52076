using RunArtifacts.NUnit.Internal;

namespace RunArtifacts.NUnit.Tests.Internal;

public class TestSlugTests
{
    [TestCase("Add", new object?[] { 1 }, "add_1")]
    [TestCase("Add", new object?[] { 1, 2 }, "add_1_2")]
    [TestCase("Add", new object?[] { -3 }, "add_m3")]
    [TestCase("Add", new object?[] { true, null }, "add_true_null")]
    [TestCase("Renders_Image", new object?[0], "renders_image")]
    public void For_PlainArguments_IsReadable(string method, object?[] arguments, string expected)
        => Assert.That(TestSlug.For(method, arguments, $"F.{method}", 48), Is.EqualTo(expected));

    [Test]
    public void For_StringsAndLongArguments_EndInAHashOfTheFullName_AndNeverCollide()
    {
        var upper = TestSlug.For("Add", ["A"], "F.Add(\"A\")", 48);
        var lower = TestSlug.For("Add", ["a"], "F.Add(\"a\")", 48);
        var dotted = TestSlug.For("Add", [1.5], "F.Add(1.5d)", 48);
        var pair = TestSlug.For("Add", [1, 5], "F.Add(1,5)", 48);
        var longOne = TestSlug.For("Render", [new string('x', 200)], "F.Render(\"xxx…\")", 48);

        Assert.That(new[] { upper, lower, dotted, pair }, Is.Unique);
        Assert.That(upper, Does.Match("^add_a_[0-9a-f]{8}$"));
        Assert.That(longOne, Has.Length.LessThanOrEqualTo(48).And.Match("^render_x+_[0-9a-f]{8}$"));
    }

    [Test]
    public void For_IsOnlyLettersDigitsAndUnderscores_SoTheStoreKeepsItAsIs()
    {
        var slug = TestSlug.For("Ünïcode_Name", ["x y/z", 'c', 3.25m, DateTime.UnixEpoch], "F.Ünïcode_Name(…)", 48);

        Assert.That(slug, Does.Match("^[a-z0-9_]+$").And.Length.LessThanOrEqualTo(48));
    }
}
