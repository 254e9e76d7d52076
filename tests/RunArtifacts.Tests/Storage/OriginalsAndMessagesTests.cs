using System.Text.Json.Nodes;
using RunArtifacts.Derivatives;
using RunArtifacts.Records;
using RunArtifacts.Verification;

namespace RunArtifacts.Tests.Storage;

/// <summary>
/// Issue 15's defects: a secret inside an original is kept byte for byte with a warning (commit and verify), while a
/// secret in a file the library writes still fails verify; warnings never quote staging paths; notes.md counts only
/// real secrets.
/// </summary>
public class OriginalsAndMessagesTests
{
    // Made-up, API-key-shaped values (they match the redactor's rules; none is a real credential).
    private const string OpenAiKey = "sk-proj-T3stKey0nlyAbCdEfGhIjKlMnOpQrStUvWxYz012345";
    private const string GithubToken = "ghp_T3stOnlyAbCdEfGhIjKlMnOpQrStUvWx1234";

    [Test]
    public async Task Commit_OutputHoldingAnApiKey_IsKeptByteForByte_WithAWarningThatNamesTheRuleNotTheValue()
    {
        using var temp = new TempRoot();
        var store = Some.Store(temp.Combine("root"));
        var answer = System.Text.Encoding.UTF8.GetBytes($"Here is the config you asked for:\nOPENAI_API_KEY={OpenAiKey}\nbye\n");

        var run = await store.CreateRun("m").WithPrompt("print my env").AddOutput(answer, "answer.txt").Succeeded().CommitAsync();

        Assert.That(await File.ReadAllBytesAsync(Path.Combine(run.FullPath, "original/output_01.txt")), Is.EqualTo(answer));
        var record = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(run.FullPath, "run.json")))!;
        var warning = record["warnings"]!.AsArray().Single(w => w!["code"]!.GetValue<string>() == "secret_in_original")!;
        Assert.Multiple(() =>
        {
            Assert.That(warning["path"]!.GetValue<string>(), Is.EqualTo("original/output_01.txt"));
            Assert.That(warning["message"]!.GetValue<string>(), Does.Contain("line 2").And.Contain("rule '"));
            Assert.That(record.ToJsonString(), Does.Not.Contain(OpenAiKey));
            Assert.That(File.ReadAllText(Path.Combine(run.FullPath, "notes.md")), Does.Contain("secret_in_original").And.Not.Contain(OpenAiKey));
        });
    }

    [Test]
    public async Task Verify_SecretInAnInputOriginal_IsAWarning_AndTheRunPasses()
    {
        using var temp = new TempRoot();
        var store = Some.Store(temp.Combine("root"));
        var input = temp.File("request-dump.txt", $"curl -H 'Authorization: token {GithubToken}' https://api.example.com\n");
        var run = await store.CreateRun("m").AddInput(input, role: "reference").Failed("boom").CommitAsync();

        var report = await new RunVerifier(store).VerifyAsync();

        Assert.That(report.Passed, Is.True, string.Join("\n", report.Problems));
        Assert.That(report.Warnings.Select(w => (w.RunId, w.File, w.Check)), Is.EqualTo(new[] { (run.RunId, "inputs/ref_01.txt", VerificationChecks.Secret) }));
        Assert.That(report.Warnings.Single().Message, Does.Not.Contain(GithubToken));
    }

    [Test]
    public async Task Verify_SecretPlantedInAFileTheLibraryWrote_StillFails()
    {
        using var temp = new TempRoot();
        var store = Some.Store(temp.Combine("root"));
        var run = await store.CreateRun("m").WithPrompt("a cat").AddOutput(Some.Png(8, 8, 1), "cat.png").Succeeded().CommitAsync();
        await File.AppendAllTextAsync(Path.Combine(run.FullPath, "prompt_raw.txt"), "\n" + OpenAiKey + "\n");

        var report = await new RunVerifier(store).VerifyAsync();

        Assert.That(report.Problems.Select(p => (p.File, p.Check)), Has.Member(("prompt_raw.txt", VerificationChecks.Secret)));
        Assert.That(report.Warnings, Is.Empty);
    }

    [Test]
    public async Task Commit_ProberMessageQuotingTheFileItWasGiven_NamesTheRunRelativePath_NotTheStagingFolder()
    {
        using var temp = new TempRoot();
        var store = Some.Store(temp.Combine("root"), o => o.Derivatives.AddProber(new EchoPathProber()));

        var run = await store.CreateRun("m").AddOutput(Some.Png(8, 8, 1), "cat.png").Succeeded().CommitAsync();

        var record = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(run.FullPath, "run.json")))!;
        var message = record["warnings"]!.AsArray().Single(w => w!["code"]!.GetValue<string>() == "probe_failed")!["message"]!.GetValue<string>();
        Assert.That(message, Does.Contain("cannot decode original/output_01.png"));
        Assert.That(message, Does.Not.Contain(".staging").And.Not.Contain(temp.Path).And.Not.Contain("<root>"));
    }

    [Test]
    public async Task Notes_PrivacyRewritesOfTheLibrarysMessages_AreNotCountedAsSecrets()
    {
        using var temp = new TempRoot();
        var store = Some.Store(temp.Combine("root"));
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

        var run = await store.CreateRun("m").AddWarning("custom", $"could not read {Path.Combine(home, "models", "x.bin")}").Failed("boom").CommitAsync();

        var notes = await File.ReadAllTextAsync(Path.Combine(run.FullPath, "notes.md"));
        Assert.That(notes, Does.Not.Contain("secret value(s) were redacted"));
        Assert.That(notes, Does.Contain("machine path(s) or name(s)"));
    }

    /// <summary>A prober that fails the way real decoders do: quoting the full path of the file it was handed.</summary>
    private sealed class EchoPathProber : IMediaProber
    {
        public string Name => "echo-path";

        public bool CanProbe(DerivativeSource source) => source.Kind == AssetKind.Image;

        public Task<MediaProbeResult> ProbeAsync(DerivativeSource source, CancellationToken cancellationToken = default)
            => Task.FromResult(MediaProbeResult.Failed($"cannot decode {source.FullPath}: unexpected end of data"));
    }
}
