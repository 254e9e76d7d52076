using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using RunArtifacts.Redaction;
using RunArtifacts.Redaction.Internal;
using RunArtifacts.Storage;

namespace RunArtifacts.Tests.Specs;

/// <summary>Secrets never reach the disk: a failed run full of planted secrets is committed and every byte of the bundle and the index is scanned.</summary>
public class SecretsSpec
{
    // Planted secrets (all made up, shaped like the real ones).
    private const string Bearer = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhY2N0XzEyMyIsImV4cCI6MTk5OTk5OTk5OX0.Qm9ndXNTaWduYXR1cmVGb3JUZXN0c19vbmx5";
    private const string XApiKey = "k_live_7Hq2Lm9Zx4Pw1Rt6";
    private const string OpenAiKey = "sk-proj-T3stKey0nlyAbCdEfGhIjKlMnOpQrStUvWxYz012345";
    private const string CallbackToken = "cbT0ken9f8e7d6c5";
    private const string AmzCredential = "AKIAZ7TESTONLY00KEY1%2F20260326%2Fus-east-1%2Fs3%2Faws4_request";
    private const string AmzSecurityToken = "IQoJb3JpZ2luX2VjEHoaCXVzLWVhc3QtMSJHMEUCIQDtestonly";
    private const string AmzSignature = "5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7";
    private const string AccessJwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyXzQ1NiJ9.c2lnbmF0dXJlLXRlc3Qtb25seS0xMjM0NTY";
    private const string RefreshToken = "rt_9Kx2Vb7Nm4Qw8Ez1";
    private const string DbPassword = "Pg-Pa55word-TestOnly";
    private const string BasicUserPassword = "svc:B4sicPassw0rd";
    private const string GithubToken = "ghp_T3stOnlyAbCdEfGhIjKlMnOpQrStUvWx1234";
    private const string AwsSecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYTESTONLY01";
    private const string AwsAccessKey = "ASIAZ7TESTONLY00KEY2";
    private const string PemBody = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7testonlykeymaterial";
    private const string SessionCookie = "s%3AT3stOnlySessi0n.abc";
    private const string SlackToken = "xoxb-123456789012-1234567890123-T3stOnlyAbCdEfGhIjKlMn";
    private const string ConnPassword = "C0nnStr1ng!Secret";
    private const string GoogleKey = "AIzaSyT3stOnly-AbCdEfGhIjKlMnOpQrStUvW";
    private const string JsonlApiKey = "jl_key_4Zt8Yp2Wq6";
    private const string AnthropicKey = "sk-ant-api03-T3stOnlyAbCdEfGhIjKlMnOpQrStUvWxYz";
    private const string HfToken = "hf_T3stOnlyAbCdEfGhIjKlMnOpQrStUv";
    private const string NotesPassword = "n0tesPassw0rd";
    private const string SignedUrlSig = "gs1gnatur3T3st";
    private const string ClientSecret = "cs_T3stOnly_77";
    private const string SourceUrlPassword = "urlPa55TestOnly";
    private const string OptionApiKey = "opt-key-T3stOnly";
    private const string BinarySecret = "sk-T3stOnlyBinaryAbCdEfGhIjKlMnOp123";
    private const string GoogSignature = "a1b2c3d4e5f6goog7890";
    private const string StackSecretKey = "xai-T3stOnlyAbCdEfGhIjKlMnOpQrStUvWxYz0123456789AbCd";

    private static readonly string[] Secrets =
    [
        Bearer, XApiKey, OpenAiKey, CallbackToken, AmzCredential, "AKIAZ7TESTONLY00KEY1", AmzSecurityToken, AmzSignature, AccessJwt,
        RefreshToken, DbPassword, Convert.ToBase64String(Encoding.UTF8.GetBytes(BasicUserPassword)), "B4sicPassw0rd", GithubToken, AwsSecret,
        AwsAccessKey, PemBody, SessionCookie, SlackToken, ConnPassword, GoogleKey, JsonlApiKey, AnthropicKey, HfToken, NotesPassword,
        SignedUrlSig, ClientSecret, SourceUrlPassword, OptionApiKey, BinarySecret, GoogSignature, StackSecretKey,
    ];

    [Test]
    public async Task FailedRun_WithPlantedSecretsEverywhere_NoSecretOnDiskAndEachRedactionAccounted()
    {
        using var temp = new TempRoot();
        var store = Some.Store(temp.Combine("store"));
        var input = temp.File("in/ref.png", Some.Png());
        var request = new JsonObject
        {
            ["headers"] = new JsonObject { ["Authorization"] = "Bearer " + Bearer, ["X-Api-Key"] = XApiKey, ["Content-Type"] = "application/json" },
            ["body"] = new JsonObject
            {
                ["prompt"] = $"a lighthouse at dusk (debug: key {OpenAiKey})",
                ["max_tokens"] = 1024,
                ["callback_url"] = $"https://hooks.example.com/cb?token={CallbackToken}&run=42",
                ["image_url"] = $"https://bucket.s3.amazonaws.com/ref.png?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential={AmzCredential}&X-Amz-Security-Token={AmzSecurityToken}&X-Amz-Signature={AmzSignature}",
            },
        };
        var submitResponse = $$"""{"id":"task_01","auth":{"access_token":"{{AccessJwt}}","refresh_token":"{{RefreshToken}}","token_type":"Bearer"},"upload":"postgres://svc:{{DbPassword}}@db.internal:5432/uploads","next_page_token":"CiAKGjBp"}""";
        var pem = $"-----BEGIN PRIVATE KEY-----\n{PemBody}\nAAAAB3NzaC1yc2EAAAADAQABAAABAQC\n-----END PRIVATE KEY-----";
        var textLog = string.Join('\n',
            "2026-03-26 21:45:12 INFO submitting",
            "Authorization: Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(BasicUserPassword)),
            "env GITHUB_TOKEN=" + GithubToken,
            "aws_secret_access_key = " + AwsSecret,
            "assumed role with " + AwsAccessKey + " ok",
            pem,
            "Cookie: connect.sid=" + SessionCookie,
            "slack notify with " + SlackToken,
            "Server=db;User Id=sa;Password=" + ConnPassword + ";Database=runs",
            "maps key " + GoogleKey,
            "done in 12.5 s, tokens used: 1234");
        var jsonlLog = $$"""
            {"level":"info","msg":"retry with api_key={{JsonlApiKey}} after 2s"}
            {"level":"warn","msg":"fallback model {{AnthropicKey}}"}
            """;
        var binaryLog = new byte[64].Concat(Encoding.ASCII.GetBytes("key=" + BinarySecret)).Concat(new byte[32]).ToArray();
        var statusResponse = $$"""{"status":"failed","result_url":"https://storage.googleapis.com/b/o.png?X-Goog-Algorithm=GOOG4-RSA-SHA256&X-Goog-Signature={{GoogSignature}}"}""";
        var exception = new HttpRequestException($"Response status code does not indicate success: 429 (Too Many Requests). body: {{\"error\":\"rate limited for key {StackSecretKey}\"}}", new IOException("socket closed"), HttpStatusCode.TooManyRequests);

        var run = await store.CreateRun("nano-banana")
            .WithPrompt("a lighthouse at dusk")
            .WithRequest(request)
            .WithSubmitResponse(submitResponse)
            .AddStatusResponse(statusResponse)
            .AddLog("worker", textLog)
            .AddLog("events", jsonlLog)
            .AddLog("trace", binaryLog)
            .AddInput(input, "reference", sourceUrl: $"https://uploader:{SourceUrlPassword}@cdn.example.com/ref.png", metadata: new JsonObject { ["client_secret"] = ClientSecret })
            .WithProviderMetadata("signed_url", $"https://cdn.example.com/o.png?Expires=1&Signature={SignedUrlSig}")
            .WithOption("api_key", OptionApiKey)
            .WithOption("steps", 30)
            .WithNotes("retried twice; password: " + NotesPassword)
            .AddWarning("fallback_used", "fell back to the backup key " + HfToken)
            .Failed(exception, stage: "submit")
            .WithoutDerivatives()
            .CommitAsync();

        // 1. No secret anywhere: every file of the bundle, raw and with JSON strings decoded, and the index.
        var files = Directory.EnumerateFiles(run.FullPath, "*", SearchOption.AllDirectories).Append(store.IndexPath).ToList();
        Assert.That(files, Has.Count.GreaterThanOrEqualTo(8));
        var redactor = new SecretRedactor(new RedactionOptions());
        foreach (var file in files)
        {
            foreach (var view in DiskViews.Of(file))
            {
                foreach (var secret in Secrets)
                {
                    Assert.That(view, Does.Not.Contain(secret), $"{Path.GetFileName(file)} holds a planted secret");
                }

                Assert.That(redactor.FindSecrets(view), Is.Empty, $"{Path.GetFileName(file)} still looks secret");
            }
        }

        // 2. run.json accounts for each redaction: file, place and rule, never the value.
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(run.FullPath, "run.json")));
        var redaction = doc.RootElement.GetProperty("redaction");
        var entries = redaction.GetProperty("entries").EnumerateArray()
            .Select(e => (File: e.GetProperty("file").GetString()!, Location: e.GetProperty("location").GetString()!, Rule: e.GetProperty("rule").GetString()!, Count: e.GetProperty("count").GetInt32()))
            .ToList();
        (string File, string Location, string Rule, int Count)[] expected =
        [
            ("request.json", "$.headers.Authorization", "name:authorization", 1),
            ("request.json", "$.headers.X-Api-Key", "name:xapikey", 1),
            ("request.json", "$.body.prompt", "value:provider_key", 1),
            ("request.json", "$.body.callback_url", "query:token", 1),
            ("request.json", "$.body.image_url", "query:xamzcredential", 1),
            ("request.json", "$.body.image_url", "query:xamzsecuritytoken", 1),
            ("request.json", "$.body.image_url", "query:xamzsignature", 1),
            ("logs/submit_response.json", "$.auth.access_token", "name:accesstoken", 1),
            ("logs/submit_response.json", "$.auth.refresh_token", "name:refreshtoken", 1),
            ("logs/submit_response.json", "$.upload", "url:userinfo", 1),
            ("logs/status_response_final.json", "$.result_url", "query:xgoogsignature", 1),
            ("logs/worker.txt", "line 2", "name:authorization", 1),
            ("logs/worker.txt", "line 3", "name:githubtoken", 1),
            ("logs/worker.txt", "line 4", "name:awssecretaccesskey", 1),
            ("logs/worker.txt", "line 5", "value:aws_access_key", 1),
            ("logs/worker.txt", "line 6", "value:pem_private_key", 1),
            ("logs/worker.txt", "line 10", "name:cookie", 1),
            ("logs/worker.txt", "line 11", "value:provider_key", 1),
            ("logs/worker.txt", "line 12", "name:password", 1),
            ("logs/worker.txt", "line 13", "value:provider_key", 1),
            ("logs/events.txt", "line 1", "name:apikey", 1),
            ("logs/events.txt", "line 2", "value:provider_key", 1),
            ("logs/trace.bin", "offset 68", "value:provider_key", 1),
            ("run.json#errors", "message", "value:provider_key", 1),
            ("run.json#warnings", "[0].message", "value:provider_key", 1),
            ("run.json#notes", "line 1", "name:password", 1),
            ("run.json#options", "$.api_key", "name:apikey", 1),
            ("run.json#provider_trace.metadata", "$.signed_url", "name:signedurl", 1),
            ("run.json#source_url", "line 1", "url:userinfo", 1),
            ("run.json#metadata", "$.client_secret", "name:clientsecret", 1),
        ];
        Assert.That(entries, Is.EquivalentTo(expected));
        Assert.That(redaction.GetProperty("total").GetInt32(), Is.EqualTo(expected.Sum(e => e.Count)));
        Assert.That(expected, Has.Length.GreaterThanOrEqualTo(20));

        // 3. The failure is shaped: kind, status, type, inner error, sanitised message.
        var error = doc.RootElement.GetProperty("errors")[0];
        Assert.That(error.GetProperty("kind").GetString(), Is.EqualTo("rate_limited"));
        Assert.That(error.GetProperty("http_status").GetInt32(), Is.EqualTo(429));
        Assert.That(error.GetProperty("exception_type").GetString(), Is.EqualTo("System.Net.Http.HttpRequestException"));
        Assert.That(error.GetProperty("stage").GetString(), Is.EqualTo("submit"));
        Assert.That(error.GetProperty("inner")[0].GetProperty("exception_type").GetString(), Is.EqualTo("System.IO.IOException"));
        Assert.That(error.GetProperty("message").GetString(), Does.Contain("rate limited for key [REDACTED]"));
    }

    [Test]
    public async Task DefaultOptions_NoAbsolutePathUserOrHostInTheBundle()
    {
        using var temp = new TempRoot();
        var (run, store) = await CommitPrivacyRunAsync(temp, recordIdentity: false);

        var leaks = PrivacyLeaks(run.FullPath, store.IndexPath, temp.Path);

        Assert.That(leaks, Is.Empty);
    }

    [Test]
    public async Task IdentityOptionsOn_PathUserAndHostAreRecorded_SoTheScanCanSeeThem()
    {
        using var temp = new TempRoot();
        var (run, store) = await CommitPrivacyRunAsync(temp, recordIdentity: true);

        var leaks = PrivacyLeaks(run.FullPath, store.IndexPath, temp.Path);

        Assert.That(leaks, Has.Some.StartsWith("temp path"));
        Assert.That(leaks, Has.Some.StartsWith("user name"));
        Assert.That(leaks, Has.Some.StartsWith("host name"));
    }

    private static async Task<(CommittedRun Run, RunArtifactStore Store)> CommitPrivacyRunAsync(TempRoot temp, bool recordIdentity)
    {
        var store = Some.Store(temp.Combine("store"), o =>
        {
            o.RecordAbsolutePaths = recordIdentity;
            o.RecordMachineIdentity = recordIdentity;
            o.CaptureStackTraces = true;
        });
        var input = temp.File("in/ref.png", Some.Png());
        var output = temp.File("out/result.png", Some.Png(32, 32, 2));
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        FileNotFoundException thrown;
        try
        {
            _ = File.ReadAllBytes(temp.Combine("in", "missing.png"));
            throw new InvalidOperationException("unreachable");
        }
        catch (FileNotFoundException ex)
        {
            thrown = ex;
        }

        var wrapped = new InvalidOperationException($"download on {Environment.MachineName} as {Environment.UserName} failed; cache {Path.Combine(home, ".cache", "x")}", thrown);
        var run = await store.CreateRun("privacy-model")
            .AddInput(input)
            .AddOutput(output)
            .AddWarning("cache_miss", $"cache {temp.Path} was empty on {Environment.MachineName}")
            .Failed(wrapped, stage: "download")
            .WithoutDerivatives()
            .CommitAsync();
        return (run, store);
    }

    private static List<string> PrivacyLeaks(string runPath, string indexPath, string tempPath)
    {
        var leaks = new List<string>();
        var user = new Regex(@"(?<![A-Za-z0-9_])" + Regex.Escape(Environment.UserName) + @"(?![A-Za-z0-9_])", RegexOptions.IgnoreCase);
        var host = new Regex(@"(?<![A-Za-z0-9_])" + Regex.Escape(Environment.MachineName) + @"(?![A-Za-z0-9_])", RegexOptions.IgnoreCase);
        foreach (var file in Directory.EnumerateFiles(runPath, "*", SearchOption.AllDirectories).Append(indexPath))
        {
            foreach (var view in DiskViews.Of(file))
            {
                var name = Path.GetFileName(file);
                if (view.Contains(tempPath, StringComparison.Ordinal) || view.Contains(tempPath.Replace("/", "\\/", StringComparison.Ordinal), StringComparison.Ordinal))
                {
                    leaks.Add("temp path in " + name);
                }

                if (user.IsMatch(view))
                {
                    leaks.Add($"user name in {name}: …{Around(view, user.Match(view).Index)}…");
                }

                if (host.IsMatch(view))
                {
                    leaks.Add($"host name in {name}: …{Around(view, host.Match(view).Index)}…");
                }
            }
        }

        return leaks;
    }

    private static string Around(string text, int index) => text.Substring(Math.Max(0, index - 30), Math.Min(60, text.Length - Math.Max(0, index - 30)));
}
