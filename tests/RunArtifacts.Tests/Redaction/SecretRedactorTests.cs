using System.Text.Json.Nodes;
using RunArtifacts.Redaction;
using RunArtifacts.Redaction.Internal;

namespace RunArtifacts.Tests.Redaction;

public class SecretRedactorTests
{
    private static readonly SecretRedactor Redactor = new(new RedactionOptions());

    // Each case: text with one secret, the secret itself, and the rule expected in the ledger.
    [TestCase("Authorization: Bearer abcdefghijklmnop1234567890", "Bearer abcdefghijklmnop1234567890", "name:authorization")]
    [TestCase("proxy-authorization: Basic dXNlcjpwYXNzd29yZA==", "Basic dXNlcjpwYXNzd29yZA==", "name:proxyauthorization")]
    [TestCase("Cookie: session=abc123; theme=dark", "session=abc123; theme=dark", "name:cookie")]
    [TestCase("Set-Cookie: id=a3fWa; Expires=Thu, 21 Oct 2021 07:28:00 GMT", "id=a3fWa; Expires=Thu, 21 Oct 2021 07:28:00 GMT", "name:setcookie")]
    [TestCase("x-api-key: 0123456789abcdef", "0123456789abcdef", "name:xapikey")]
    [TestCase("api_key=hunter2hunter2", "hunter2hunter2", "name:apikey")]
    [TestCase("export APIKEY=\"q1w2e3r4t5\"", "q1w2e3r4t5", "name:apikey")]
    [TestCase("{\"access_token\": \"opaque-123\"}", "opaque-123", "name:accesstoken")]
    [TestCase("refresh_token: r-abc-123", "r-abc-123", "name:refreshtoken")]
    [TestCase("id_token=zzz.yyy", "zzz.yyy", "name:idtoken")]
    [TestCase("client_secret = 'cs-998877'", "cs-998877", "name:clientsecret")]
    [TestCase("password: correct horse", "correct", "name:password")]
    [TestCase("passwd=s3cr3t!", "s3cr3t!", "name:passwd")]
    [TestCase("credential: c-0001-x", "c-0001-x", "name:credential")]
    [TestCase("private_key=MIIBOgIBAAJBAK", "MIIBOgIBAAJBAK", "name:privatekey")]
    [TestCase("signature=deadbeefcafe", "deadbeefcafe", "name:signature")]
    [TestCase("signed_url: https://bucket.example.com/a.png", "https://bucket.example.com/a.png", "name:signedurl")]
    [TestCase("Server=db;User Id=sa;Password=P@ssw0rd;Database=x", "P@ssw0rd", "name:password")]
    [TestCase("Host=db;Pwd=Zx9!abc;", "Zx9!abc", "name:pwd")]
    [TestCase("curl -H 'Authorization: Bearer tok_abcdefgh12345678' https://api", "Bearer tok_abcdefgh12345678", "name:authorization")]
    [TestCase("sent Bearer abcdEFGH1234ijklMNOP5678 to the api", "abcdEFGH1234ijklMNOP5678", "value:bearer")]
    [TestCase("header was Basic dXNlcjpwYXNzd29yZA== ok", "dXNlcjpwYXNzd29yZA==", "value:basic")]
    [TestCase("key sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z used", "sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z", "value:provider_key")]
    [TestCase("key sk-ant-api03-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z used", "sk-ant-api03-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z", "value:provider_key")]
    [TestCase("gh ghp_Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z0A1B done", "ghp_Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z0A1B", "value:provider_key")]
    [TestCase("gh gho_Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z0A1B done", "gho_Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z0A1B", "value:provider_key")]
    [TestCase("gh github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz done", "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz", "value:provider_key")]
    [TestCase("slack xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx done", "xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx", "value:provider_key")]
    [TestCase("google AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q done", "AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q", "value:provider_key")]
    [TestCase("hf hf_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789 done", "hf_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789", "value:provider_key")]
    [TestCase("stripe sk_live_51Hx0AbCdEfGhIjKlMnOpQrSt done", "sk_live_51Hx0AbCdEfGhIjKlMnOpQrSt", "value:provider_key")]
    [TestCase("pinecone pcsk_4Xy7Zq_9AbCdEfGhJkLmNpQrStUvWxYz2345678abcdefghjkmnpqrstuvwxyz done", "pcsk_4Xy7Zq_9AbCdEfGhJkLmNpQrStUvWxYz2345678abcdefghjkmnpqrstuvwxyz", "value:provider_key")]
    [TestCase("docker dckr_pat_Ab3Cd5Ef7Gh9Ij1Kl3Mn5Op7Qr9St done", "dckr_pat_Ab3Cd5Ef7Gh9Ij1Kl3Mn5Op7Qr9St", "value:provider_key")]
    [TestCase("vault hvs.CAESIJ3kx9Vz2Lm8Qw4Rt6Yu1Io7Pa5Sd3Fg9Hj2Kl4Zx6Cv8Bn0 done", "hvs.CAESIJ3kx9Vz2Lm8Qw4Rt6Yu1Io7Pa5Sd3Fg9Hj2Kl4Zx6Cv8Bn0", "value:provider_key")]
    [TestCase("supabase sbp_4f8e2a6c9b1d3e5f7a9c2e4b6d8f0a1c3e5b7d9f done", "sbp_4f8e2a6c9b1d3e5f7a9c2e4b6d8f0a1c3e5b7d9f", "value:provider_key")]
    [TestCase("jwt eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U end", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U", "value:jwt")]
    [TestCase("aws AKIAIOSFODNN7EXAMPLE done", "AKIAIOSFODNN7EXAMPLE", "value:aws_access_key")]
    [TestCase("aws ASIAY34FZKBOKMUTVV7A done", "ASIAY34FZKBOKMUTVV7A", "value:aws_access_key")]
    [TestCase("secret wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY done", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "value:aws_secret_key")]
    [TestCase("db postgres://admin:Sup3rS3cret@db.example.com:5432/app", "Sup3rS3cret", "url:userinfo")]
    [TestCase("redis redis://:p4ssw0rd@cache:6379", "p4ssw0rd", "url:userinfo")]
    [TestCase("get https://s3.amazonaws.com/b/k.png?X-Amz-Algorithm=AWS4&X-Amz-Signature=abc123def456", "abc123def456", "query:xamzsignature")]
    [TestCase("get https://s3.amazonaws.com/b/k.png?X-Amz-Credential=AKID%2F20260101&X-Amz-Date=1", "AKID%2F20260101", "query:xamzcredential")]
    [TestCase("get https://s3/b?X-Amz-Security-Token=FQoGZXIvYXdzEJr%2F&a=1", "FQoGZXIvYXdzEJr%2F", "query:xamzsecuritytoken")]
    [TestCase("get https://storage.googleapis.com/b/o?X-Goog-Signature=0a1b2c3d4e", "0a1b2c3d4e", "query:xgoogsignature")]
    [TestCase("get https://acct.blob.core.windows.net/c/b?sv=2020&sig=AbC%2Bdef%3D", "AbC%2Bdef%3D", "query:sig")]
    [TestCase("get https://cdn/x.png?token=t0k3n&w=100", "t0k3n", "query:token")]
    [TestCase("get https://api/x?access_token=at-1", "at-1", "query:accesstoken")]
    [TestCase("get https://maps/api?key=mykey1", "mykey1", "query:key")]
    [TestCase("oauth callback https://app/cb?code=c0de42&state=x", "c0de42", "query:code")]
    [TestCase("log {\\\"api_key\\\":\\\"abc123xyz\\\"} end", "abc123xyz", "name:apikey")]
    [TestCase("PASSWORD: 'single quoted pw'", "single quoted pw", "name:password")]
    [TestCase("--db-password=Zz9zz9", "Zz9zz9", "name:dbpassword")]
    [TestCase("MYSQL_PWD=Sup3rSecretPw1", "Sup3rSecretPw1", "name:mysqlpwd")]
    [TestCase("DB_PASS=Sup3rSecretPw2", "Sup3rSecretPw2", "name:dbpass")]
    [TestCase("Ocp-Apim-Subscription-Key: 0123456789abcdef0123456789abcdef", "0123456789abcdef0123456789abcdef", "name:ocpapimsubscriptionkey")]
    [TestCase("FAL_KEY=1234abcd-12ab-34cd-56ef-1234567890ab:0123456789abcdef0123456789abcdef", "1234abcd-12ab-34cd-56ef-1234567890ab:0123456789abcdef0123456789abcdef", "name:falkey")]
    [TestCase("notify https://hooks.slack.com/services/T0123ABCD/B0456EFGH/aBcDeFgHiJkLmNoPqRsTuVwX done", "aBcDeFgHiJkLmNoPqRsTuVwX", "url:webhook_token")]
    [TestCase("post to https://discord.com/api/webhooks/123456789012345678/Ab-cd_EfGhIjKlMnOpQrStUvWxYz0123456789AbCdEfGhIjKlMnOpQrStUvWxYz01 ok", "Ab-cd_EfGhIjKlMnOpQrStUvWxYz0123456789AbCdEfGhIjKlMnOpQrStUvWxYz01", "url:webhook_token")]
    public void RedactText_OneSecret_ReplacedAndAccounted(string text, string secret, string rule)
    {
        var ledger = new RedactionLedger();

        var redacted = Redactor.RedactText(text, "log.txt", ledger);

        Assert.That(redacted, Does.Not.Contain(secret));
        Assert.That(redacted, Does.Contain(Redactor.Marker));
        var summary = ledger.ToSummary(Redactor.Marker, 100);
        Assert.That(summary.Total, Is.EqualTo(1), () => string.Join(", ", summary.Entries.Select(e => e.Rule)) + " → " + redacted);
        Assert.That(summary.Entries[0].Rule, Is.EqualTo(rule));
        Assert.That(summary.Entries[0].Location, Is.EqualTo("line 1"));
        Assert.That(Redactor.FindSecrets(text).Select(f => f.Rule), Is.EqualTo(new[] { rule }));
        Assert.That(Redactor.FindSecrets(redacted), Is.Empty);
    }

    [Test]
    public void RedactText_PemBlock_ReplacedWhole()
    {
        var pem = "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA0Z3VS5JJcds3xfn/ygWyF8PbnGy0AHB7MhgHcTz6sE2I2yPB\naFDrBz9vFqU4yf5VvVBz\n-----END RSA PRIVATE KEY-----";
        var ledger = new RedactionLedger();

        var redacted = Redactor.RedactText("before\n" + pem + "\nafter", "key.txt", ledger);

        Assert.That(redacted, Is.EqualTo("before\n[REDACTED]\nafter"));
        Assert.That(ledger.ToSummary("x", 10).Entries.Single().Location, Is.EqualTo("line 2"));
    }

    [TestCase("max_tokens: 4096, token_count=12, total_tokens: 99, tokenizer: cl100k, token_type: bearer")]
    [TestCase("next_page_token: CiAKGjBpNDd2Nmp2Zml2cXRwYjBpOXA3")]
    [TestCase("see https://example.com/docs/page?id=42&lang=en#top for details")]
    [TestCase("We use Bearer authentication and Basic authentication here.")]
    [TestCase("the sk-learn-model-optimization-experiment finished")]
    [TestCase("commit 3f786850e387550fdab836ed7e6dc881de23001b merged")]
    [TestCase("password: null, token: true, secret: false")]
    [TestCase("eos_token: </s>, pad_token: <pad>")]
    [TestCase("The task finished in 12.5 s; status=done; progress: 100%")]
    [TestCase("ssh://git@github.com/org/repo.git and http://localhost:8080/path")]
    [TestCase("see https://api.slack.com/messaging/webhooks and https://discord.com/developers/docs/resources/webhook")]
    [TestCase("encoder two_pass: 1, bypass: auto, render_pass=shadow, compass=north")]
    [TestCase("vault hvs.symoptions loaded, sbp_config_reloaded_at_startup ok, pcsk_ and dckr_pat_ prefixes")]
    public void RedactText_OrdinaryContent_Unchanged(string text)
    {
        var ledger = new RedactionLedger();

        var redacted = Redactor.RedactText(text, "log.txt", ledger);

        Assert.That(redacted, Is.EqualTo(text));
        Assert.That(ledger.Total, Is.Zero);
        Assert.That(Redactor.FindSecrets(text), Is.Empty);
    }

    [Test]
    public void RedactJson_SecretNamesAndShapes_StructureKeptEachAccountedAtItsPath()
    {
        var json = JsonNode.Parse("""
            {
              "headers": { "Authorization": "Bearer abc", "Content-Type": "application/json", "X-Api-Key": 12345 },
              "har": [ { "name": "Cookie", "value": "sid=1" }, { "name": "Accept", "value": "*/*" } ],
              "pairs": [ [ "x-api-key", "k-1" ], [ "accept", "text/plain" ] ],
              "input": { "prompt": "a cat using sk-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z", "max_tokens": 100, "image_url": "https://x/a.png?sig=s1&w=1" },
              "credentials": [ "c1", "c2" ],
              "password": null,
              "odd key": "AKIAIOSFODNN7EXAMPLE"
            }
            """);
        var ledger = new RedactionLedger();

        var redacted = Redactor.RedactJson(json, "request.json", ledger)!;

        Assert.That(redacted["headers"]!["Authorization"]!.GetValue<string>(), Is.EqualTo("[REDACTED]"));
        Assert.That(redacted["headers"]!["Content-Type"]!.GetValue<string>(), Is.EqualTo("application/json"));
        Assert.That(redacted["headers"]!["X-Api-Key"]!.GetValue<string>(), Is.EqualTo("[REDACTED]"));
        Assert.That(redacted["har"]![0]!["value"]!.GetValue<string>(), Is.EqualTo("[REDACTED]"));
        Assert.That(redacted["har"]![1]!["value"]!.GetValue<string>(), Is.EqualTo("*/*"));
        Assert.That(redacted["pairs"]![0]![1]!.GetValue<string>(), Is.EqualTo("[REDACTED]"));
        Assert.That(redacted["pairs"]![1]![1]!.GetValue<string>(), Is.EqualTo("text/plain"));
        Assert.That(redacted["input"]!["prompt"]!.GetValue<string>(), Is.EqualTo("a cat using [REDACTED]"));
        Assert.That(redacted["input"]!["max_tokens"]!.GetValue<int>(), Is.EqualTo(100));
        Assert.That(redacted["input"]!["image_url"]!.GetValue<string>(), Is.EqualTo("https://x/a.png?sig=[REDACTED]&w=1"));
        Assert.That(redacted["credentials"]!.AsArray().Select(n => n!.GetValue<string>()), Is.EqualTo(new[] { "[REDACTED]", "[REDACTED]" }));
        Assert.That(redacted["password"], Is.Null);
        Assert.That(redacted["odd key"]!.GetValue<string>(), Is.EqualTo("[REDACTED]"));
        Assert.That(json!["headers"]!["Authorization"]!.GetValue<string>(), Is.EqualTo("Bearer abc"), "the input is not changed");

        var streamLedger = new RedactionLedger();
        using var document = System.Text.Json.JsonDocument.Parse(json.ToJsonString());
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            Redactor.WriteRedactedJson(document.RootElement, writer, "request.json", streamLedger);
        }

        Assert.That(JsonNode.DeepEquals(JsonNode.Parse(buffer.WrittenSpan), redacted), Is.True, "the streaming writer agrees with the tree walk");
        Assert.That(streamLedger.ToSummary("m", 100).Entries, Is.EqualTo(ledger.ToSummary("m", 100).Entries));

        var entries = ledger.ToSummary("[REDACTED]", 100).Entries.Select(e => $"{e.Location} {e.Rule}").ToList();
        Assert.That(entries, Is.EqualTo(new[]
        {
            "$.headers.Authorization name:authorization",
            "$.headers.X-Api-Key name:xapikey",
            "$.har[0].value name:cookie",
            "$.pairs[0][1] name:xapikey",
            "$.input.prompt value:provider_key",
            "$.input.image_url query:sig",
            "$.credentials[0] name:credentials",
            "$.credentials[1] name:credentials",
            "$['odd key'] value:aws_access_key",
        }));
        Assert.That(ledger.Total, Is.EqualTo(9));
    }

    [Test]
    public void RedactJson_SeveralSecretsInOneString_AllCountedAtThePath()
    {
        var json = new JsonObject { ["log"] = "a AKIAIOSFODNN7EXAMPLE b ghp_Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z0A1B c AKIAIOSFODNN7EXAMPLF" };
        var ledger = new RedactionLedger();

        Redactor.RedactJson(json, "f.json", ledger);

        var summary = ledger.ToSummary("[REDACTED]", 100);
        Assert.That(summary.Total, Is.EqualTo(3));
        Assert.That(summary.Entries.All(e => e.Location == "$.log"), Is.True);
        Assert.That(summary.ByRule["value:aws_access_key"], Is.EqualTo(2));
    }

    [Test]
    public void RedactText_EscapedJsonInText_SecretsFound()
    {
        var text = """{"msg":"line1\npassword=hunter22\nBearer abcdefghij1234567890 and https://x/y?a=1\u0026sig=abc123"}""" + "\n{not json";
        var ledger = new RedactionLedger();

        var redacted = Redactor.RedactText(text, "log.txt", ledger);

        Assert.That(redacted, Does.Not.Contain("hunter22").And.Not.Contain("abcdefghij1234567890").And.Not.Contain("abc123"));
        Assert.That(ledger.Total, Is.EqualTo(3));
    }

    [Test]
    public void Options_ExtraNamesPatternsAndAllowLists_Applied()
    {
        var redactor = new SecretRedactor(new RedactionOptions
        {
            ExtraNames = { "X-Tenant-Secret-Id", "next_page_token" },
            ExtraPatterns = { @"ACME-[0-9]{6}", @"pin (?<secret>\d{4})" },
            AllowNames = { "csrf_token" },
            AllowValues = { "sk-test-PUBLICexample0000000000" },
            Marker = "***",
        });
        var ledger = new RedactionLedger();

        var redacted = redactor.RedactText("x-tenant-secret-id: t1\nnext_page_token=abc\nid ACME-123456 pin 1234\ncsrf_token=keep\nsk-test-PUBLICexample0000000000", "f", ledger);

        Assert.That(redacted, Is.EqualTo("x-tenant-secret-id: ***\nnext_page_token=***\nid *** pin ***\ncsrf_token=keep\nsk-test-PUBLICexample0000000000"));
        Assert.That(ledger.ToSummary("***", 10).ByRule.Keys, Is.EquivalentTo(new[] { "name:xtenantsecretid", "name:nextpagetoken", "custom:0", "custom:1" }));
        Assert.That(redactor.RedactText(redacted, "f", new RedactionLedger()), Is.EqualTo(redacted));
    }

    [Test]
    public void FindSecrets_JsonEscapedPunctuation_SeesTheWholeSecret()
    {
        // How System.Text.Json writes '+' and '&' by default.
        var json = "{\n  \"a\": \"x\",\n  \"k\": \"wJalrXUtnFEMI\\u002BK7MDENG\\u002BbPxRfiCYEXAMPLEKEY\",\n  \"u\": \"https://x/y?a=1\\u0026sig=abc\"\n}";

        var found = Redactor.FindSecrets(json);

        Assert.That(found, Is.EqualTo(new[] { ("value:aws_secret_key", 3), ("query:sig", 4) }));
    }

    [TestCase("token_count", false)]
    [TestCase("max_tokens", false)]
    [TestCase("tokenizer", false)]
    [TestCase("next_page_token", false)]
    [TestCase("eos_token", false)]
    [TestCase("Authorization", true)]
    [TestCase("X-Amz-Security-Token", true)]
    [TestCase("aws_secret_access_key", true)]
    [TestCase("githubToken", true)]
    [TestCase("DB_PASSWORD", true)]
    [TestCase("csrf_token", true)]
    [TestCase("key", false)]
    public void IsSecretName_Decides(string name, bool expected)
        => Assert.That(Redactor.IsSecretName(name), Is.EqualTo(expected));
}
