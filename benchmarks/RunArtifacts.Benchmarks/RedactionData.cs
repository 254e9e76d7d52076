using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace RunArtifacts.Benchmarks;

/// <summary>Deterministic provider-trace-like logs with planted secrets, for the redaction benchmarks.</summary>
public static class RedactionData
{
    private const string Base62 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public static string TextLog(int targetBytes, int seed = 42)
    {
        var random = new Random(seed);
        var sb = new StringBuilder(targetBytes + 1024);
        var ci = CultureInfo.InvariantCulture;
        for (var i = 0; sb.Length < targetBytes; i++)
        {
            sb.Append(ci, $"2026-03-26T21:{i / 60 % 60:00}:{i % 60:00}.{i % 1000:000}Z INFO worker[{i % 8}] ");
            switch (i % 50)
            {
                case 7:
                    sb.Append("Authorization: Bearer ").Append(Key(random, 40)).Append('\n');
                    continue;
                case 17:
                    sb.Append("retrying with api_key=").Append(Key(random, 24)).Append(" after 2 s\n");
                    continue;
                case 27:
                    sb.Append("fallback key sk-proj-").Append(Key(random, 48)).Append(" selected\n");
                    continue;
                case 37:
                    sb.Append("GET https://bucket.s3.amazonaws.com/out/").Append(i).Append(".png?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=").Append(Key(random, 64)).Append(" 200\n");
                    continue;
                case 47:
                    sb.Append("db Server=db;User Id=svc;Password=").Append(Key(random, 16)).Append(";Database=runs\n");
                    continue;
            }

            sb.Append(ci, $"job {i} status=running progress={i % 100}% max_tokens=4096 token_count={i % 777} url=https://api.example.com/v1/jobs/{i}?page=2&lang=en latency_ms={random.Next(20, 900)} model=nano-banana-pro prompt=\"a lighthouse at dusk, cinematic, 35mm\"\n");
        }

        return sb.ToString();
    }

    public static string JsonLog(int targetBytes, int seed = 7)
    {
        var random = new Random(seed);
        var events = new JsonArray();
        var size = 0;
        for (var i = 0; size < targetBytes; i++)
        {
            var e = new JsonObject
            {
                ["ts"] = $"2026-03-26T21:{i / 60 % 60:00}:{i % 60:00}Z",
                ["level"] = i % 10 == 0 ? "warn" : "info",
                ["msg"] = $"poll {i}: status running, progress {i % 100}%",
                ["request"] = new JsonObject
                {
                    ["method"] = "GET",
                    ["url"] = $"https://api.example.com/v1/jobs/{i}?page=2",
                    ["headers"] = new JsonObject { ["accept"] = "application/json", ["user-agent"] = "RunArtifacts/0.1" },
                },
                ["usage"] = new JsonObject { ["max_tokens"] = 4096, ["token_count"] = i % 777, ["next_page_token"] = "CiAKGjBp" + i.ToString(CultureInfo.InvariantCulture) },
            };
            switch (i % 50)
            {
                case 7:
                    e["request"]!["headers"]!["authorization"] = "Bearer " + Key(random, 40);
                    break;
                case 17:
                    e["msg"] = "retrying with api_key=" + Key(random, 24);
                    break;
                case 27:
                    e["result_url"] = "https://bucket.s3.amazonaws.com/out.png?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=" + Key(random, 64);
                    break;
                case 37:
                    e["fallback"] = "sk-proj-" + Key(random, 48);
                    break;
            }

            size += e.ToJsonString().Length + 1;
            events.Add(e);
        }

        return new JsonObject { ["events"] = events }.ToJsonString();
    }

    private static string Key(Random random, int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = Base62[random.Next(Base62.Length)];
        }

        chars[0] = 'a';
        chars[1] = 'Z';
        chars[2] = '9';
        return new string(chars);
    }
}
