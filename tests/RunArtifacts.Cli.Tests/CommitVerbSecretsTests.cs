using System.Text.Json;

namespace RunArtifacts.Cli.Tests;

/// <summary>The <c>commit</c> verb sends request files, logs and error text through the redactor (planted, made-up secrets).</summary>
public class CommitVerbSecretsTests
{
    private const string Bearer = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhY2N0XzEyMyIsImV4cCI6MTk5OTk5OTk5OX0.Qm9ndXNTaWduYXR1cmVGb3JUZXN0c19vbmx5";
    private const string XApiKey = "k_live_7Hq2Lm9Zx4Pw1Rt6";
    private const string OpenAiKey = "sk-proj-T3stKey0nlyAbCdEfGhIjKlMnOpQrStUvWxYz012345";
    private const string GithubToken = "ghp_T3stOnlyAbCdEfGhIjKlMnOpQrStUvWx1234";
    private const string SignedUrlSig = "gs1gnatur3T3st";

    [Test]
    public async Task CommitVerb_RequestLogsAndErrorText_GoThroughTheRedactor()
    {
        using var temp = new TempRoot();
        var requestFile = temp.File("req.json", $$"""{"headers":{"authorization":"Bearer {{Bearer}}"},"prompt":"hi","url":"https://x.example/a?sig={{SignedUrlSig}}"}""");
        var logFile = temp.File("provider.log", "GET /v1/jobs\nx-api-key: " + XApiKey + "\nretry with " + GithubToken + "\n");
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var exit = await ArtifactsCli.RunAsync(
            [
                "commit", "--root", temp.Combine("store"), "--model-key", "cli-model", "--request-file", requestFile, "--log", "provider=" + logFile,
                "--status", "failed", "--error", $"provider returned 401 for key {OpenAiKey}", "--no-derivatives",
            ],
            stdout,
            stderr);

        Assert.That(exit, Is.Zero, stderr.ToString());
        var runPath = stdout.ToString().Trim();
        var files = Directory.EnumerateFiles(runPath, "*", SearchOption.AllDirectories).Append(temp.Combine("store", "index.jsonl")).ToList();
        foreach (var file in files)
        {
            foreach (var view in DiskViews.Of(file))
            {
                foreach (var secret in new[] { Bearer, SignedUrlSig, XApiKey, GithubToken, OpenAiKey })
                {
                    Assert.That(view, Does.Not.Contain(secret), Path.GetFileName(file));
                }
            }
        }

        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(runPath, "run.json")));
        var rules = doc.RootElement.GetProperty("redaction").GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("file").GetString() + " " + e.GetProperty("rule").GetString());
        Assert.That(rules, Is.EquivalentTo(new[]
        {
            "request.json name:authorization", "request.json query:sig", "logs/provider.txt name:xapikey", "logs/provider.txt value:provider_key", "run.json#errors value:provider_key",
        }));
        Assert.That(doc.RootElement.GetProperty("errors")[0].GetProperty("kind").GetString(), Is.EqualTo("unauthorized"));
    }
}
