using System.Text.Json.Nodes;

namespace RunArtifacts.Cli.Tests;

/// <summary>Issue 15's tool defects: what a bad role says, a path holding '=', and a secret inside an original.</summary>
public class CommitInputsAndOriginalsTests
{
    private const string OpenAiKey = "sk-proj-T3stKey0nlyAbCdEfGhIjKlMnOpQrStUvWxYz012345"; // made up, key-shaped

    [Test]
    public async Task Commit_InputRoleWithASpace_SaysWhatIsWrongWithTheRole_NotThatTheFileIsMissing()
    {
        using var temp = new TempRoot();
        var image = temp.File("x.png", Some.Png(8, 8, 1));

        var result = await CliHarness.RunAsync("commit", "--root", temp.Combine("root"), "--model-key", "m", "--input", image + "=first frame", "--no-derivatives");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("the role 'first frame'").And.Contain("first_frame").And.Not.Contain("does not exist"));
        Assert.That(Directory.Exists(temp.Combine("root")) && Directory.EnumerateDirectories(temp.Combine("root"), "2*").Any(), Is.False, "nothing is published");
    }

    [TestCase("--prompt-file")]
    [TestCase("--spec")]
    [TestCase("--request-file")]
    [TestCase("--metrics-file")]
    public async Task Commit_TextFlagNamingADevice_ExitsWithBadInputInsteadOfExhaustingMemory(string flag)
    {
        // /dev/zero reports no size and never ends: read whole, the tool died of OutOfMemoryException.
        Assume.That(OperatingSystem.IsLinux(), "/dev/zero");
        using var temp = new TempRoot();
        var args = flag == "--spec" ? new[] { "commit", "--root", temp.Combine("root"), flag, "/dev/zero" } : ["commit", "--root", temp.Combine("root"), "--model-key", "m", flag, "/dev/zero"];

        var result = await CliHarness.RunAsync(args);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain($"{flag} '/dev/zero' reports no size and did not end within 64 MiB"));
    }

    [TestCase("--spec", """{"model_key": "m", "prompts": {"raw": "half a pair \ud800"}}""", "holds a string that is not text")]
    [TestCase("--spec", """{"model_key": "m", "model_key": "n"}""", "Duplicate property 'model_key'")]
    [TestCase("--request-file", """{"a": 1, "a": 2}""", "Duplicate property 'a'")]
    [TestCase("--request-file", """{"x": "\udfff"}""", "holds a string that is not text")]
    public async Task Commit_JsonWithAnUnpairedSurrogateOrAPropertyTwice_ExitsWithBadInput(string flag, string json, string says)
    {
        // Both are JSON by syntax: the first crashed the tool when the spec was written out again, the second on first access.
        using var temp = new TempRoot();
        var file = temp.File("given.json", json);
        var args = flag == "--spec" ? new[] { "commit", "--root", temp.Combine("root"), flag, file } : ["commit", "--root", temp.Combine("root"), "--model-key", "m", flag, file];

        var result = await CliHarness.RunAsync(args);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain(says));
    }

    [Test]
    public async Task Commit_SpecThroughAPipe_IsReadLikeAFile()
    {
        // What a shell's process substitution <(…) gives: a pipe of no size, read to its end (and not refused like an original).
        Assume.That(OperatingSystem.IsLinux(), "mkfifo");
        using var temp = new TempRoot();
        var pipe = temp.Combine("spec.pipe");
        await ChildProcess.RunCheckedAsync("mkfifo", [pipe]);
        var writer = Task.Run(() => File.WriteAllText(pipe, """{"model_key": "m", "prompts": {"raw": "through a pipe"}}"""));

        var result = await CliHarness.RunAsync("commit", "--root", temp.Combine("root"), "--spec", pipe, "--json");
        await writer.WaitAsync(TimeSpan.FromMinutes(1));

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(File.ReadAllText(Path.Combine(JsonNode.Parse(result.Out)!["full_path"]!.GetValue<string>(), "prompt.txt")), Is.EqualTo("through a pipe"));
    }

    [TestCase("", null)]
    [TestCase("=reference", "reference")]
    public async Task Commit_InputPathHoldingAnEqualsSign_IsGivenWithATrailingEqualsOrRole(string suffix, string? role)
    {
        using var temp = new TempRoot();
        var image = temp.File("seed=42.png", Some.Png(8, 8, 1));

        var result = await CliHarness.RunAsync("commit", "--root", temp.Combine("root"), "--model-key", "m", "--input", image + (suffix.Length == 0 ? "=" : suffix), "--json", "--no-derivatives");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var run = JsonNode.Parse(File.ReadAllText(Path.Combine(JsonNode.Parse(result.Out)!["full_path"]!.GetValue<string>(), "run.json")))!;
        var input = run["inputs"]![0]!;
        Assert.That(input["original_filename"]!.GetValue<string>(), Is.EqualTo("seed=42.png"));
        Assert.That(input["role"]?.GetValue<string>(), Is.EqualTo(role));
    }

    [Test]
    public async Task CommitThenVerify_OutputHoldingAnApiKey_CommitsWithAWarningAndVerifiesWithAWarning()
    {
        using var temp = new TempRoot();
        var root = temp.Combine("root");
        var answer = temp.File("answer.txt", $"export OPENAI_API_KEY={OpenAiKey}\n");

        var commit = await CliHarness.RunAsync("commit", "--root", root, "--model-key", "m", "--output", answer, "--json");
        Assert.That(commit.ExitCode, Is.Zero, commit.ToString());
        var runPath = JsonNode.Parse(commit.Out)!["full_path"]!.GetValue<string>();
        Assert.That(File.ReadAllText(Path.Combine(runPath, "original/output_01.txt")), Does.Contain(OpenAiKey), "originals are kept byte for byte");
        Assert.That(File.ReadAllText(Path.Combine(runPath, "run.json")), Does.Contain("secret_in_original").And.Not.Contain(OpenAiKey));

        var verify = await CliHarness.RunAsync("verify", "--root", root);
        Assert.That(verify.ExitCode, Is.Zero, verify.ToString());
        Assert.That(verify.Out, Does.Contain("WARN").And.Contain("original/output_01.txt").And.Contain("secret").And.Not.Contain(OpenAiKey));

        var json = await CliHarness.RunAsync("verify", "--root", root, "--json");
        var first = JsonNode.Parse(json.Lines[0])!;
        Assert.That(first["passed"]!.GetValue<bool>(), Is.True);
        Assert.That(first["warnings"]!.AsArray().Select(w => w!["file"]!.GetValue<string>()), Is.EqualTo(new[] { "original/output_01.txt" }));
    }
}
