using System.Buffers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using RunArtifacts.Redaction;
using RunArtifacts.Redaction.Internal;

namespace RunArtifacts.Tests.Redaction;

/// <summary>
/// Properties over generated text and JSON with planted secrets of every shape: no secret survives, everything else is
/// unchanged (the result equals the text built with the marker in place of each secret), each secret is counted exactly
/// once, and redaction is idempotent.
/// </summary>
public class SecretRedactorProperties
{
    private const int MaxTest = 150;
    private static readonly SecretRedactor Redactor = new(new RedactionOptions());
    private static readonly Config Quick = Config.QuickThrowOnFailure.WithMaxTest(MaxTest);

    [Test]
    public void RedactText_PlantedSecrets_NoneSurviveRestUnchangedEachCountedOnce()
        => Prop.ForAll(Arb.From(Planted.Text), doc =>
        {
            var ledger = new RedactionLedger();
            var redacted = Redactor.RedactText(doc.Original, "log.txt", ledger);
            foreach (var secret in doc.Secrets)
            {
                Assert.That(redacted, Does.Not.Contain(secret), doc.Original);
            }

            Assert.That(redacted, Is.EqualTo(doc.Expected), doc.Original);
            Assert.That(ledger.Total, Is.EqualTo(doc.Secrets.Count), doc.Original);
            Assert.That(Redactor.FindSecrets(doc.Original), Has.Count.EqualTo(doc.Secrets.Count), doc.Original);
            Assert.That(Redactor.FindSecrets(redacted), Is.Empty, redacted);
        }).Check(Quick);

    [Test]
    public void RedactTextToUtf8_SameBytesAndAccountingAsTheStringRedaction()
        => Prop.ForAll(Arb.From(Planted.Text), doc =>
        {
            var text = "é ✓ " + doc.Original + " 🙂";
            var viaString = new RedactionLedger();
            var direct = new RedactionLedger();
            var expected = Encoding.UTF8.GetBytes(Redactor.RedactText(text, "log.txt", viaString));

            var written = new ArrayBufferWriter<byte>();
            written.Write("before|"u8);
            Redactor.RedactTextToUtf8(text, "log.txt", direct, written);
            Assert.That(written.WrittenSpan.ToArray(), Is.EqualTo("before|"u8.ToArray().Concat(expected)), doc.Original);
            Assert.That(
                direct.ToSummary("m", int.MaxValue).Entries.Select(e => (e.File, e.Location, e.Rule, e.Count)),
                Is.EqualTo(viaString.ToSummary("m", int.MaxValue).Entries.Select(e => (e.File, e.Location, e.Rule, e.Count))));
        }).Check(Quick);

    [Test]
    public void RedactText_Twice_SameAsOnce()
        => Prop.ForAll(Arb.From(Planted.Text), doc =>
        {
            var once = Redactor.RedactText(doc.Original, "log.txt", new RedactionLedger());
            var ledger = new RedactionLedger();
            var twice = Redactor.RedactText(once, "log.txt", ledger);
            Assert.That(twice, Is.EqualTo(once));
            Assert.That(ledger.Total, Is.Zero);
        }).Check(Quick);

    [Test]
    public void RedactText_NoSecrets_Unchanged()
        => Prop.ForAll(Arb.From(Planted.Filler), text =>
        {
            var ledger = new RedactionLedger();
            Assert.That(Redactor.RedactText(text, "log.txt", ledger), Is.EqualTo(text));
            Assert.That(ledger.Total, Is.Zero);
        }).Check(Quick);

    [Test]
    public void RedactJson_PlantedSecrets_NoneSurviveStructureKeptEachCountedOnce()
        => Prop.ForAll(Arb.From(Planted.Json), doc =>
        {
            var ledger = new RedactionLedger();
            var redacted = Redactor.RedactJson(doc.Original, "request.json", ledger)!;
            var text = redacted.ToJsonString();
            foreach (var secret in doc.Secrets)
            {
                Assert.That(text, Does.Not.Contain(secret), doc.Original.ToJsonString());
            }

            Assert.That(JsonNode.DeepEquals(redacted, doc.Expected), Is.True, () => $"{doc.Original.ToJsonString()}\n→ {text}\nexpected {doc.Expected.ToJsonString()}");
            Assert.That(ledger.Total, Is.EqualTo(doc.Secrets.Count), doc.Original.ToJsonString());
            Assert.That(ledger.ToSummary("m", int.MaxValue).Entries.All(e => e.Location.StartsWith('$')), Is.True);

            // The streaming writer used for captured logs gives the same result and the same accounting.
            var streamLedger = new RedactionLedger();
            using var document = System.Text.Json.JsonDocument.Parse(doc.Original.ToJsonString());
            var buffer = new System.Buffers.ArrayBufferWriter<byte>();
            using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
            {
                Redactor.WriteRedactedJson(document.RootElement, writer, "request.json", streamLedger);
            }

            Assert.That(JsonNode.DeepEquals(JsonNode.Parse(buffer.WrittenSpan), redacted), Is.True, Encoding.UTF8.GetString(buffer.WrittenSpan));
            Assert.That(streamLedger.ToSummary("m", int.MaxValue).Entries, Is.EqualTo(ledger.ToSummary("m", int.MaxValue).Entries));

            var again = new RedactionLedger();
            Assert.That(JsonNode.DeepEquals(Redactor.RedactJson(redacted, "request.json", again), redacted), Is.True);
            Assert.That(again.Total, Is.Zero);
        }).Check(Quick);

    internal sealed record TextDoc(string Original, string Expected, IReadOnlyList<string> Secrets)
    {
        public override string ToString() => Original;
    }

    internal sealed record JsonDoc(JsonObject Original, JsonObject Expected, IReadOnlyList<string> Secrets)
    {
        public override string ToString() => Original.ToJsonString();
    }

    /// <summary>
    /// The scan engine tries the rules only where its prefilter says one can start: at every position where the combined
    /// expression matches, the prefilter must offer that position, and where it offers a position for a <c>name:</c> /
    /// <c>name=</c> pair alone (judged in code, without the expression) the expression must match exactly that pair there.
    /// </summary>
    [Test]
    public void Prefilter_OffersEveryPositionTheExpressionMatchesAt()
        => Prop.ForAll(
            Arb.From(Gen.OneOf(Planted.Text.Select(d => d.Original), Planted.Json.Select(d => d.Original.ToJsonString()), Planted.Tricky)),
            text =>
            {
                var candidates = new SecretCandidates(text);
                for (var p = 0; p < text.Length; p++)
                {
                    var literal = candidates.NextLiteral(p);
                    var url = candidates.NextUrl(p);
                    var aws = candidates.NextAws(p);
                    var name = candidates.NextName(p);
                    var m = SecretRedactor.MatchAnchored(text, p);
                    var nameOnly = p == name && p != literal && p != url && p != aws;
                    if (nameOnly)
                    {
                        var group = m.Groups["name"];
                        Assert.That(m.Success && group.Success && group.Index == p && group.Length == candidates.NameEnd - p && m.Index + m.Length == candidates.ValueStart, Is.True, $"name at {p} in {text}");
                    }
                    else if (m.Success)
                    {
                        Assert.That(p == literal || p == url || p == aws, Is.True, $"no candidate at {p} in {text}");
                        if (p == name && m.Index + m.Length == candidates.ValueStart)
                        {
                            // The engine takes a match spanning exactly the prefilter's pair for that pair.
                            Assert.That(m.Groups["name"].Success && m.Groups["name"].Length == candidates.NameEnd - p, Is.True, $"pair at {p} in {text}");
                        }
                    }
                }
            }).Check(Config.QuickThrowOnFailure.WithMaxTest(400));

    /// <summary>
    /// The scan matches the built-in rules one at a time (one generated matcher per rule); at every position of planted and
    /// tricky texts that gives exactly the whole expression's anchored match: same success, index, length and every named
    /// group. The reference is the whole expression, interpreted at run time.
    /// </summary>
    [Test]
    public void AnchoredRules_MatchExactlyAsTheWholeExpression()
    {
        var whole = new Regex(@"\G(?:" + SecretRedactor.Pattern + ")", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture);
        var names = whole.GetGroupNames();
        Prop.ForAll(
            Arb.From(Gen.OneOf(Planted.Text.Select(d => d.Original), Planted.Json.Select(d => d.Original.ToJsonString()), Planted.Tricky)),
            text =>
            {
                for (var p = 0; p < text.Length; p++)
                {
                    var expected = whole.Match(text, p);
                    var actual = SecretRedactor.MatchAnchored(text, p);
                    Assert.That(actual.Success, Is.EqualTo(expected.Success), $"at {p} in {text}");
                    Assert.That(SecretRedactor.AnchoredLength(text, p), Is.EqualTo(expected.Success ? expected.Length : -1), $"at {p} in {text}");
                    if (!expected.Success)
                    {
                        continue;
                    }

                    Assert.That((actual.Index, actual.Length), Is.EqualTo((expected.Index, expected.Length)), $"at {p} in {text}");
                    foreach (var name in names)
                    {
                        Group e = expected.Groups[name], a = actual.Groups[name];
                        Assert.That((a.Success, a.Success ? a.Index : 0, a.Success ? a.Length : 0), Is.EqualTo((e.Success, e.Success ? e.Index : 0, e.Success ? e.Length : 0)), $"group {name} at {p} in {text}");
                    }
                }
            }).Check(Config.QuickThrowOnFailure.WithMaxTest(400));
    }

    /// <summary>
    /// The whole-document JSON prefilter never lets a string through that the full rules would change: documents whose
    /// strings (values, names, pair members, nested) hold planted secrets, tricky fragments and plain text, written with
    /// random <c>\u00XX</c> escapes, raw or escaped surrogate pairs and other non-ASCII, give byte for byte the same
    /// output and the same accounting with the prefilter as without it.
    /// </summary>
    [Test]
    public void JsonPrefilter_SameBytesAndAccountingAsTheFullRules()
        => Prop.ForAll(Arb.From(Planted.EscapedJson), json =>
        {
            var (fast, fastLedger) = WriteRedacted(Redactor, json, indented: false);
            var (full, fullLedger) = WriteRedacted(FullRules, json, indented: false);
            Assert.That(fast, Is.EqualTo(full), json);
            Assert.That(Describe(fastLedger), Is.EqualTo(Describe(fullLedger)), json);
            var (fastIndented, _) = WriteRedacted(Redactor, json, indented: true);
            var (fullIndented, _) = WriteRedacted(FullRules, json, indented: true);
            Assert.That(fastIndented, Is.EqualTo(fullIndented), json);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(400));

    /// <summary>Each planted secret in a value or a name of an escaped document is still removed with the prefilter on.</summary>
    [Test]
    public void JsonPrefilter_PlantedSecretsInEscapedDocumentsAreRemoved()
        => Prop.ForAll(Arb.From(Planted.PlantedInJson), planted =>
        {
            var (json, secret) = planted;
            var (output, ledger) = WriteRedacted(Redactor, json, indented: false);
            var decoded = JsonNode.Parse(output)!.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            Assert.That(decoded, Does.Not.Contain(secret), json);
            Assert.That(ledger.Total, Is.GreaterThan(0), json);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(300));

    private static readonly SecretRedactor FullRules = new(new RedactionOptions()) { JsonPrefilter = false };

    private static (string Output, RedactionLedger Ledger) WriteRedacted(SecretRedactor redactor, string json, bool indented)
    {
        var ledger = new RedactionLedger();
        using var document = System.Text.Json.JsonDocument.Parse(json);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer, new System.Text.Json.JsonWriterOptions { Indented = indented }))
        {
            redactor.WriteRedactedJson(document.RootElement, writer, "events.json", ledger);
        }

        return (Encoding.UTF8.GetString(buffer.WrittenSpan), ledger);
    }

    private static string Describe(RedactionLedger ledger)
    {
        var summary = ledger.ToSummary("m", int.MaxValue);
        return $"{summary.Total} {string.Join(",", summary.ByRule.Select(r => $"{r.Key}={r.Value}"))} {string.Join(";", summary.Entries.Select(e => $"{e.File}|{e.Location}|{e.Rule}|{e.Count}"))}";
    }

    /// <summary>A planted secret: <c>Prefix + Replaced + Suffix</c> is written; <c>Replaced</c> becomes the marker; <c>Secret</c> must not survive.</summary>
    private sealed record Fragment(string Prefix, string Replaced, string Suffix, string Secret, bool EndsLine = false);

    private static class Planted
    {
        private const string Base62 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        private const string Base64Url = Base62 + "-_";

        private static readonly string[] Words =
        [
            "the", "model", "returned", "an", "image", "status=done", "max_tokens=1024", "token_count: 7", "tokenizer=cl100k",
            "https://example.com/docs?page=2&lang=en", "Bearer authentication", "sk-learn", "v1.2.3", "2026-03-26T21:45:12Z",
            "42", "progress: 50%", "next_page_token=CiAKGjBp", "{\"a\": 1}", "prompt: a cat", "ok.", "user@example.com",
            "width=1024", "seed: 7", "ünïcödé", "日本語", "(done)", "[info]", "id=run_01", "eos_token: </s>", "3f786850e387550fdab836ed7e6dc881de23001b",
        ];

        private static readonly string[] SecretNames =
        [
            "password", "api_key", "apikey", "client_secret", "x-api-key", "access_token", "refresh_token", "id_token", "X-Auth-Token", "db_passwd",
            "private_key", "credential", "signature", "secret", "aws_secret_access_key",
        ];

        private static readonly string[] JsonSecretKeys = ["password", "api_key", "Authorization", "x-api-key", "client_secret", "refresh_token", "X-Amz-Security-Token", "private_key", "cookie", "signed_url"];

        private static readonly string[] JsonPlainKeys = ["prompt", "model", "max_tokens", "width", "seed", "url", "next_page_token", "token_count", "tokenizer", "notes", "items", "meta"];

        public static Gen<string> Filler => Gen.ListOf(Gen.Elements(Words)).SelectMany(words => Gen.ListOf(Gen.Elements(" ", "\n"), words.Count).Select(seps => Join(words, seps)));

        public static Gen<TextDoc> Text =>
            from fillers in Gen.ListOf(Gen.Elements(Words), 6)
            from fragments in Gen.NonEmptyListOf(Fragment).Select(l => l.Take(8).ToList())
            from seps in Gen.ListOf(Gen.Elements(" ", "\n"), 16)
            select BuildText(fillers, fragments, seps);

        public static Gen<JsonDoc> Json => JsonObjectGen(2);

        /// <summary>Short runs of the characters the rules turn on, mixed with the rules' literal starts.</summary>
        public static Gen<string> Tricky => Gen.ListOf(Gen.OneOf(
                Chars("aZ9kK:=/ +\"'\\_.-nrtu0{}\n\t@?&", 1, 6),
                Chars(Base62 + "/+", 38, 42),
                Gen.Elements("Bearer ", "basic ", "sk-", "://", "eyJ", "AKIA", "-----BEGIN PRIVATE KEY-----", "\\u0026", "\\n", "password", "api_key", "https://u:")))
            .Select(parts => string.Concat(parts));

        /// <summary>Strings the JSON prefilter must judge: planted secrets, tricky fragments, plain words, non-ASCII.</summary>
        private static Gen<string> JsonString => Gen.OneOf(
            Text.Select(d => d.Original),
            Tricky,
            Gen.Elements(Words),
            Fragment.Select(f => f.Prefix + f.Replaced + f.Suffix),
            Gen.Elements("caf\u00e9 sk-", "\ud83d\ude00 password=", "\U0001F600", "a\u0041KIA"),
            Gen.Elements("😀 api_key=hunter2hunter2", "naïve Bearer abc123def456ghi789", "日本語 token: Zx9aZ9aZ9aZ9aZ9aZ9", "𝔘𝔫𝔦 sk-proj-aZ9" + new string('q', 30)));

        /// <summary>A JSON string literal for <paramref name="s"/>: two in three plain (only what JSON requires escaped), the rest with characters escaped as <c>\uXXXX</c> at random.</summary>
        private static Gen<string> Escaped(string s)
            => Gen.Frequency(
                (2, Gen.Constant(new bool[s.Length])),
                (1, Gen.ArrayOf(Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true))), s.Length))).Select(escape =>
            {
                var sb = new StringBuilder("\"");
                for (var i = 0; i < s.Length; i++)
                {
                    var c = s[i];

                    // A surrogate pair is escaped whole (\uD83D\uDE00) or not at all.
                    var pairEscaped = char.IsLowSurrogate(c) && i > 0 && char.IsHighSurrogate(s[i - 1]) ? escape[i - 1] : escape[i];
                    if (c is '"' or '\\' || c < 0x20 || (pairEscaped && (c < 0x7f || char.IsSurrogate(c))))
                    {
                        sb.Append("\\u").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }
                }

                return sb.Append('"').ToString();
            });

        private static Gen<string> EscapedString => JsonString.SelectMany(Escaped);

        /// <summary>Names: plain and secret keys, <c>value</c>/<c>name</c> pair members, and arbitrary strings.</summary>
        private static Gen<string> EscapedName => Gen.OneOf(
            Gen.Elements(JsonPlainKeys.Concat(JsonSecretKeys).Concat(["value", "name", "key", "header"]).ToArray()).SelectMany(Escaped),
            EscapedString);

        private static Gen<string> EscapedValue(int depth) => depth <= 0
            ? Gen.OneOf(EscapedString, EscapedString, Gen.Elements("1", "true", "null", "-2.5e3"))
            : Gen.Frequency(
                (4, EscapedValue(0)),
                (1, Gen.ListOf(EscapedValue(depth - 1)).Select(items => "[" + string.Join(",", items.Take(5)) + "]")),
                (1, EscapedObject(depth - 1)));

        private static Gen<string> EscapedObject(int depth)
            => Gen.ListOf(Gen.Zip(EscapedName, EscapedValue(depth)).Select(p => p.Item1 + ":" + p.Item2))
                .Select(members => "{" + string.Join(", ", members.Take(8)) + "}");

        /// <summary>A whole JSON document with escaped and non-ASCII strings (duplicate names included).</summary>
        public static Gen<string> EscapedJson => EscapedObject(2);

        /// <summary>One planted secret (as a value after a plain key, or inside a value) in an escaped document, and the secret.</summary>
        public static Gen<(string Json, string Secret)> PlantedInJson =>
            from f in Fragment
            from before in EscapedObject(1)
            from after in EscapedObject(1)
            from literal in Escaped(f.Prefix + f.Replaced + f.Suffix)
            select ("[" + before + ", {\"notes\": " + literal + "}, " + after + "]", f.Secret);

        private static Gen<string> Chars(string alphabet, int min, int max)
            => Gen.Choose(min, max).SelectMany(n => Gen.ArrayOf(Gen.Elements(alphabet.ToCharArray()), n)).Select(c => new string(c));

        /// <summary>Random key material with upper, lower and digit (as real keys have).</summary>
        private static Gen<string> Key(int min, int max, string alphabet = Base62) => Chars(alphabet, min, max).Select(s => "aZ9" + s);

        private static Gen<Fragment> Fragment => Gen.OneOf(
            Key(24, 40).Select(t => new Fragment("Bearer ", t, string.Empty, t)),
            Gen.Zip(Chars("abcdefgh", 3, 8), Key(8, 16)).Select(p =>
            {
                var b64 = Convert.ToBase64String(Encoding.UTF8.GetBytes(p.Item1 + ":" + p.Item2));
                return new Fragment("Basic ", b64, string.Empty, b64);
            }),
            Gen.Zip(Gen.Elements("Authorization: ", "Proxy-Authorization: ", "authorization:"), Key(24, 40)).Select(p => new Fragment(p.Item1, "Bearer " + p.Item2, string.Empty, p.Item2, EndsLine: true)),
            Gen.Zip(Gen.Elements("Cookie: ", "Set-Cookie: "), Key(12, 20)).Select(p => new Fragment(p.Item1, "sid=" + p.Item2 + "; Path=/; HttpOnly", string.Empty, p.Item2, EndsLine: true)),
            Gen.Elements("sk-", "sk-proj-", "sk-ant-api03-", "ghp_", "gho_", "ghu_", "ghs_", "github_pat_", "xoxb-", "xoxp-", "glpat-", "hf_", "r8_", "gsk_", "npm_", "sk_live_", "pcsk_", "dckr_pat_", "hvs.", "sbp_")
                .SelectMany(prefix => Key(30, 50).Select(k => prefix + k)).Select(k => new Fragment(string.Empty, k, string.Empty, k)),
            Key(32, 32, Base64Url).Select(k => "AIza" + k[..35]).Select(k => new Fragment(string.Empty, k, string.Empty, k)),
            Gen.Zip(Key(12, 40, Base64Url), Key(12, 40, Base64Url)).SelectMany(p => Key(20, 43, Base64Url).Select(sig => "eyJ" + p.Item1 + ".eyJ" + p.Item2 + "." + sig))
                .Select(j => new Fragment(string.Empty, j, string.Empty, j)),
            Gen.Zip(Gen.Elements("AKIA", "ASIA"), Chars("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16, 16)).Select(p => p.Item1 + p.Item2).Select(k => new Fragment(string.Empty, k, string.Empty, k)),
            Chars(Base62 + "/+", 37, 37).Select(k => "aZ9" + k).Select(k => new Fragment(string.Empty, k, string.Empty, k)),
            Gen.ListOf(Chars(Base62 + "+/", 64, 64), 3).Select(lines =>
            {
                var pem = "-----BEGIN PRIVATE KEY-----\n" + string.Join('\n', lines) + "\n-----END PRIVATE KEY-----";
                return new Fragment(string.Empty, pem, string.Empty, lines[1]);
            }),
            Key(10, 20).Select(pw => new Fragment("postgres://app:", pw, "@db.internal:5432/main", pw)),
            Gen.Zip(Chars("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 8, 11), Chars("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 8, 11)).SelectMany(ids => Key(21, 21, Base62).Select(t => (ids, t)))
                .Select(p => new Fragment($"https://hooks.slack.com/services/T{p.ids.Item1}/B{p.ids.Item2}/", p.t, string.Empty, p.t)),
            Gen.Zip(Chars("0123456789", 17, 19), Key(60, 65, Base64Url)).Select(p => new Fragment($"https://discord.com/api/webhooks/{p.Item1}/", p.Item2, string.Empty, p.Item2)),
            Gen.Zip(Gen.Elements("X-Amz-Signature", "X-Amz-Credential", "X-Amz-Security-Token", "X-Goog-Signature", "sig", "signature", "token", "access_token"), Key(16, 64))
                .Select(p => new Fragment($"https://bucket.example.com/out/a.png?X-Amz-Algorithm=AWS4-HMAC-SHA256&{p.Item1}=", p.Item2, "&w=1", p.Item2)),
            Gen.Zip(Gen.Elements(SecretNames), Gen.Elements(": ", "=", " = ")).SelectMany(p => Key(10, 24).Select(v => new Fragment(p.Item1 + p.Item2, v, string.Empty, v))),
            Gen.Zip(Gen.Elements(SecretNames), Key(10, 24)).Select(p => new Fragment($"\"{p.Item1}\": \"", p.Item2, "\"", p.Item2)),
            Key(10, 20).Select(pw => new Fragment("Server=db;User Id=sa;Password=", pw, ";Database=app", pw)));

        private static TextDoc BuildText(List<string> fillers, List<Fragment> fragments, List<string> seps)
        {
            var original = new StringBuilder();
            var expected = new StringBuilder();
            var sep = 0;
            for (var i = 0; i < fragments.Count; i++)
            {
                var filler = fillers[i % fillers.Count];
                var s = seps[sep++ % seps.Count];
                original.Append(filler).Append(s);
                expected.Append(filler).Append(s);
                var f = fragments[i];
                original.Append(f.Prefix).Append(f.Replaced).Append(f.Suffix);
                expected.Append(f.Prefix).Append("[REDACTED]").Append(f.Suffix);
                var after = f.EndsLine ? "\n" : seps[sep++ % seps.Count];
                original.Append(after);
                expected.Append(after);
            }

            original.Append(fillers[^1]);
            expected.Append(fillers[^1]);
            return new TextDoc(original.ToString(), expected.ToString(), fragments.Select(f => f.Secret).ToList());
        }

        private static Gen<JsonDoc> JsonObjectGen(int depth)
        {
            var choices = new List<(int, Gen<Member>)>
            {
                (3, Gen.Zip(Gen.Elements(JsonPlainKeys), Gen.Elements(Words)).Select(p => Member.Plain(p.Item1, JsonValue.Create(p.Item2)))),
                (1, Gen.Zip(Gen.Elements(JsonPlainKeys), Gen.Choose(-5, 5000)).Select(p => Member.Plain(p.Item1, JsonValue.Create(p.Item2)))),
                (3, Gen.Zip(Gen.Elements(JsonPlainKeys), Gen.Elements(Words)).SelectMany(p => Fragment.Select(f => Member.Embedded(p.Item1, p.Item2, f)))),
                (3, Gen.Zip(Gen.Elements(JsonSecretKeys), Key(8, 30)).Select(p => Member.Secret(p.Item1, p.Item2))),
            };
            if (depth > 0)
            {
                choices.Add((2, Gen.Elements(JsonPlainKeys).SelectMany(k => JsonObjectGen(depth - 1).Select(child => Member.Child(k, child)))));
            }

            var member = Gen.Frequency(choices.ToArray());
            return Gen.NonEmptyListOf(member).Select(members =>
            {
                var original = new JsonObject();
                var expected = new JsonObject();
                var secrets = new List<string>();
                foreach (var m in members.Take(10))
                {
                    if (original.ContainsKey(m.Key))
                    {
                        continue;
                    }

                    original[m.Key] = m.Original.DeepClone();
                    expected[m.Key] = m.Expected.DeepClone();
                    secrets.AddRange(m.Secrets);
                }

                return new JsonDoc(original, expected, secrets);
            });
        }

        private static string Join(List<string> words, List<string> seps)
        {
            var sb = new StringBuilder();
            for (var i = 0; i < words.Count; i++)
            {
                sb.Append(words[i]);
                if (i < words.Count - 1)
                {
                    sb.Append(seps[i]);
                }
            }

            return sb.ToString();
        }

        private sealed record Member(string Key, JsonNode Original, JsonNode Expected, IReadOnlyList<string> Secrets)
        {
            public static Member Plain(string key, JsonNode value) => new(key, value, value.DeepClone(), []);

            public static Member Secret(string key, string value) => new(key, JsonValue.Create(value), JsonValue.Create("[REDACTED]"), [value]);

            public static Member Embedded(string key, string filler, Fragment f)
            {
                var end = f.EndsLine ? "\n" : " ";
                return new(key, JsonValue.Create($"{filler} {f.Prefix}{f.Replaced}{f.Suffix}{end}{filler}"), JsonValue.Create($"{filler} {f.Prefix}[REDACTED]{f.Suffix}{end}{filler}"), [f.Secret]);
            }

            public static Member Child(string key, JsonDoc child) => new(key, child.Original, child.Expected, child.Secrets);
        }
    }
}
