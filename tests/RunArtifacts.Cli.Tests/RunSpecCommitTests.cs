using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using RunArtifacts.Records;
using RunArtifacts.Schemas;

namespace RunArtifacts.Cli.Tests;

/// <summary><c>artifacts commit --spec</c>: the whole run from one JSON document, the same bundle as the C# API makes.</summary>
public class RunSpecCommitTests
{
    private static readonly DateTimeOffset Created = new(2026, 3, 26, 21, 45, 12, TimeSpan.Zero);

    /// <summary>Runs the tool in process with <paramref name="stdin"/> as standard input.</summary>
    internal static async Task<CliResult> RunAsync(string stdin, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var exit = await ArtifactsCli.RunAsync(args, stdout, stderr, timeout.Token, new StringReader(stdin));
        return new CliResult(exit, stdout.ToString(), stderr.ToString());
    }

    [Test]
    public async Task CommitSpec_WithEveryField_MakesTheSameBundleAsTheCSharpApi()
    {
        using var temp = new TempRoot();
        var files = Files(temp);
        var spec = EverySpec(files);

        var cli = await RunAsync(spec.ToJsonString(), "commit", "--root", temp.Combine("cli"), "--spec", "-", "--json");
        var api = await CliContext.OpenStore(new DirectoryInfo(temp.Combine("api"))).CreateRun("nano_banana_pro")
            .WithSlug("cinematic v01").WithProviderModel("google/nano-banana-pro").WithTaskMode("image_to_image").WithCreatedAt(Created)
            .WithPrompt("a lighthouse at dusk", "cinematic").WithEnhancedPrompt("a lighthouse at dusk, golden hour").WithFinalPrompt("a lighthouse at dusk, golden hour, 35mm")
            .WithRequest("""{"prompt":"a lighthouse","headers":{"authorization":"Bearer abc.def.ghi"}}""")
            .AddInput(files.Reference, "reference", AssetKind.Image, "https://cdn.example.com/ref.png?X-Amz-Signature=abcdef", new JsonObject { ["seed"] = 7 })
            .AddInput(File.ReadAllBytes(files.Motion), "first frame.png", "first_frame")
            .AddOutput(files.Output, AssetKind.Image, "https://cdn.example.com/out.png", new JsonObject { ["index"] = 0 })
            .AddOutput(files.Text)
            .WithTaskId("task-123")
            .WithSubmitPayload("""{"model":"nano","api_key":"sk-live-0123456789abcdef0123"}""")
            .WithSubmitResponse("accepted: task-123")
            .AddStatusResponse(File.ReadAllText(files.Poll))
            .AddStatusResponse("""{"state":"failed","code":"E_TIMEOUT"}""")
            .WithProviderMetadata("region", "eu-west-1").WithProviderMetadata("attempts", 2)
            .AddLog("events", JsonNode.Parse("""{"events":[1,2,3]}""")!)
            .AddLog("stdout", "line one\nline two\n")
            .AddLog("trace", File.ReadAllBytes(files.Trace))
            .AddExternalInput("gs://briefs/lighthouse.pdf", "brief")
            .AddExternalOutput(new RunArtifacts.Builder.ExternalAsset("s3://renders/lighthouse/master.tiff")
            {
                Type = "report",
                Title = "master",
                Description = "the print master",
                ContentType = "image/tiff",
                Bytes = 1234,
                Sha256 = new string('c', 64),
                Visibility = AssetVisibility.Private,
                Relationships = new Dictionary<string, string> { ["task"] = "task_1" },
                SourceType = AssetSourceType.GeneratorOutput,
                CreatedBy = "render-bot",
                ReviewStatus = ReviewStatus.Draft,
            })
            .WithReviewStatus(ReviewStatus.Draft)
            .WithConfig(ConfigYaml)
            .WithResolvedConfig(JsonNode.Parse(ResolvedConfigJson)!)
            .AddMetric("accuracy", 0.91)
            .AddMetricPoint("loss", 0.5, 1, DateTimeOffset.Parse("2026-03-26T21:46:00Z", System.Globalization.CultureInfo.InvariantCulture))
            .AddMetricPoint("loss", 0.25, 2)
            .AddArtifactFile(files.Checkpoint, "checkpoints/best.pt")
            .WithProject("coast")
            .WithCodeCapture(files.Code)
            .AddTags("lighthouse", "dusk")
            .WithSource(new SourceContextRecord { SourceType = "bot", SourceUser = "ana", SourceChannel = "#renders", SourceAgent = "render-bot/2", ProjectName = "coast", Notes = "from the nightly batch" })
            .WithNotes("second attempt")
            .WithOption("steps", 30).WithOption("guidance", 7.5, isDefault: true)
            .AddWarning("slow_provider", "the provider took 40 s to accept")
            .Failed("timeout", "the provider did not answer within 600 s", 504, "E_TIMEOUT", "poll")
            .AddError("provider_error", "a second failure", 500, "E_500", "download")
            .CommitAsync();

        Assert.That(cli.ExitCode, Is.EqualTo(0), cli.ToString());
        var cliRun = JsonNode.Parse(cli.Lines[0])!;
        var cliFolder = (string)cliRun["full_path"]!;
        Assert.That((string?)cliRun["run_id"], Is.EqualTo(api.RunId));
        var cliFiles = Relative(cliFolder);
        Assert.That(cliFiles, Is.EqualTo(Relative(api.FullPath)));
        Assert.Multiple(() =>
        {
            foreach (var file in cliFiles)
            {
                Assert.That(Scrub(File.ReadAllText(Path.Combine(cliFolder, file))), Is.EqualTo(Scrub(File.ReadAllText(Path.Combine(api.FullPath, file)))), file);
            }

            Assert.That(Scrub(File.ReadAllText(temp.Combine("cli", "index.jsonl"))), Is.EqualTo(Scrub(File.ReadAllText(api.FullPath + "/../../index.jsonl"))));
        });
        var run = JsonNode.Parse(File.ReadAllText(Path.Combine(cliFolder, "run.json")))!;
        Assert.Multiple(() =>
        {
            Assert.That((string?)run["status"], Is.EqualTo("failed"));
            Assert.That(run["provider_trace"]!["status_paths"]!.AsArray(), Has.Count.EqualTo(2));
            Assert.That((int?)run["errors"]![0]!["http_status"], Is.EqualTo(504));
            Assert.That((string?)run["source_context"]!["project_name"], Is.EqualTo("coast"));
            Assert.That(run["defaults"]!.AsArray().Select(d => (string?)d), Is.EqualTo(new[] { "guidance" }));
        });
    }

    [Test]
    public void EverySpec_SetsEveryPropertyTheSchemaNames()
    {
        using var temp = new TempRoot();
        var spec = EverySpec(Files(temp));
        var schema = JsonNode.Parse(RecordSchemas.GetSchemaJson(RecordKind.RunSpec))!;
        var named = schema["properties"]!.AsObject().Select(p => p.Key)
            .Concat(schema["$defs"]!.AsObject().SelectMany(d => d.Value!["properties"]!.AsObject().Select(p => p.Key)))
            .Where(k => k is not "$schema" and not "schema_version")
            .ToHashSet();

        var used = Keys(spec).ToHashSet();

        Assert.That(named.Except(used), Is.Empty, "the parity test must set every field of the run spec");
    }

    [Test]
    public async Task CommitSpec_Invalid_ListsEveryProblemAndPublishesNothing()
    {
        using var temp = new TempRoot();
        var root = temp.Combine("root");
        var spec = """
            {"model_key":"m","slug":7,"inputs":[{"path":"nope.png","role":"first frame"}],"outputs":[{"role":"x"}],
             "status":"done","errors":[{"kind":"timeout"}],"surprise":true,
             "provider_trace":{"submit_payload":{"path":"a","text":"b"}}}
            """;

        var result = await RunAsync(spec, "commit", "--root", root, "--spec", "-");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("problems; nothing was published"));
        foreach (var where in new[] { "/slug", "/inputs/0/role", "/outputs/0", "/status", "/errors/0", "/surprise", "/provider_trace/submit_payload" })
        {
            Assert.That(result.Error, Does.Contain($"run spec {where}"), where);
        }

        Assert.That(Directory.Exists(root) ? Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories) : [], Is.Empty);
    }

    [Test]
    public async Task CommitSpec_ValidShapeBadValues_ListsEveryProblemAndPublishesNothing()
    {
        using var temp = new TempRoot();
        var root = temp.Combine("root");
        var spec = new JsonObject
        {
            ["model_key"] = "m",
            ["inputs"] = new JsonArray(new JsonObject { ["path"] = temp.Combine("missing.png") }),
            ["logs"] = new JsonObject { ["bad name!"] = new JsonObject { ["text"] = "x" }, ["submit_x"] = new JsonObject { ["text"] = "y" } },
            ["defaults"] = new JsonArray("not_an_option"),
            ["warnings"] = new JsonArray(new JsonObject { ["code"] = "Not Snake", ["message"] = "m" }),
        };

        var result = await RunAsync(spec.ToJsonString(), "commit", "--root", root, "--spec", "-");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("5 problems"));
        Assert.That(result.Error, Does.Contain("inputs[0]").And.Contain("logs.bad name!").And.Contain("logs.submit_x").And.Contain("defaults").And.Contain("warnings[0]"));
        Assert.That(Directory.Exists(root) ? Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories) : [], Is.Empty);
    }

    [Test]
    public async Task CommitSpec_FlagsBesideIt_OverrideIt()
    {
        using var temp = new TempRoot();
        var files = Files(temp);
        var payload = temp.File("payload.json", """{"from":"flag"}""");
        var poll1 = temp.File("poll1.json", """{"state":"running"}""");
        var poll2 = temp.File("poll2.json", """{"state":"failed"}""");
        var spec = new JsonObject { ["model_key"] = "m", ["slug"] = "from spec", ["tags"] = new JsonArray("a"), ["outputs"] = new JsonArray(new JsonObject { ["path"] = files.Output }) };

        var result = await RunAsync(
            spec.ToJsonString(), "commit", "--root", temp.Combine("root"), "--spec", "-", "--json", "--slug", "from flag", "--tag", "b",
            "--submit-payload", payload, "--status-response", poll1, "--status-response", poll2, "--source-type", "cli", "--source-user", "ana",
            "--source-channel", "shell", "--source-agent", "make", "--project", "coast", "--notes", "n", "--option", "steps=30", "--option", "style=\"vivid\"",
            "--status", "failed", "--error", "HTTP 429 slow down", "--http-status", "429", "--error-code", "RATE");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        var run = JsonNode.Parse(File.ReadAllText(Path.Combine((string)JsonNode.Parse(result.Lines[0])!["full_path"]!, "run.json")))!;
        Assert.Multiple(() =>
        {
            Assert.That((string?)run["slug"], Is.EqualTo("from_flag"));
            Assert.That(run["tags"]!.AsArray().Select(t => (string?)t), Is.EqualTo(new[] { "b" }));
            Assert.That((string?)run["provider_trace"]!["submit_payload_path"], Is.EqualTo("logs/submit_payload.json"));
            Assert.That((string?)run["provider_trace"]!["final_status_path"], Is.EqualTo("logs/status_response_final.json"));
            Assert.That(run["source_context"]!.ToJsonString(), Is.EqualTo("""{"source_type":"cli","source_user":"ana","source_channel":"shell","source_agent":"make","project_name":"coast"}"""));
            Assert.That((string?)run["notes"], Is.EqualTo("n"));
            Assert.That(run["options"]!.ToJsonString(), Is.EqualTo("""{"steps":30,"style":"vivid"}"""));
            Assert.That((string?)run["errors"]![0]!["kind"], Is.EqualTo("rate_limited"));
            Assert.That((int?)run["errors"]![0]!["http_status"], Is.EqualTo(429));
            Assert.That((string?)run["errors"]![0]!["code"], Is.EqualTo("RATE"));
        });
    }

    [Test]
    public async Task Commit_OptionNotJson_ExitsTwoWithAHint()
    {
        using var temp = new TempRoot();

        var result = await CliHarness.RunAsync("commit", "--root", temp.Combine("root"), "--model-key", "m", "--option", "style=vivid");

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Does.Contain("--option style is not valid JSON").And.Contain("style=\"vivid\""));
    }

    private const string ConfigYaml = "model:\n  lr: ${optim.lr}\noptim:\n  lr: 0.001\n";

    private const string ResolvedConfigJson = """{"model":{"lr":0.001},"optim":{"lr":0.001}}""";

    internal sealed record SpecFiles(string Reference, string Motion, string Output, string Text, string Poll, string Trace, string Checkpoint, string Code);

    internal static SpecFiles Files(TempRoot temp) => new(
        temp.File("in/ref.png", Some.Png(40, 30, seed: 2)),
        temp.File("in/motion.png", Some.Png(20, 20, seed: 3)),
        temp.File("out/render.png", Some.Png(64, 48, seed: 4)),
        temp.File("out/caption.txt", "a caption\n"),
        temp.File("trace/poll1.json", """{"state":"running","progress":0.5}"""),
        temp.File("trace/trace.txt", "GET /status 200\nGET /status 504\n"),
        temp.File("ckpt/best.pt", Some.Bytes(4096, seed: 5)),
        Directory.CreateDirectory(temp.Combine("code")).FullName);

    /// <summary>A spec that sets every field the run-spec schema names (checked by <see cref="EverySpec_SetsEveryPropertyTheSchemaNames"/>).</summary>
    internal static JsonObject EverySpec(SpecFiles files) => new()
    {
        ["$schema"] = "https://runartifacts.dev/schemas/v1/run-spec.schema.json",
        ["schema_version"] = "1.1.0",
        ["model_key"] = "nano_banana_pro",
        ["slug"] = "cinematic v01",
        ["provider_model"] = "google/nano-banana-pro",
        ["task_mode"] = "image_to_image",
        ["created_at"] = "2026-03-26T22:45:12+01:00",
        ["prompts"] = new JsonObject { ["raw"] = "a lighthouse at dusk", ["enhanced"] = "a lighthouse at dusk, golden hour", ["final_used"] = "a lighthouse at dusk, golden hour, 35mm", ["prompt_profile"] = "cinematic" },
        ["request"] = JsonNode.Parse("""{"prompt":"a lighthouse","headers":{"authorization":"Bearer abc.def.ghi"}}"""),
        ["inputs"] = new JsonArray(
            new JsonObject { ["path"] = files.Reference, ["role"] = "reference", ["kind"] = "image", ["source_url"] = "https://cdn.example.com/ref.png?X-Amz-Signature=abcdef", ["metadata"] = new JsonObject { ["seed"] = 7 } },
            new JsonObject { ["path"] = files.Motion, ["role"] = "first_frame", ["original_filename"] = "first frame.png" }),
        ["outputs"] = new JsonArray(
            new JsonObject { ["path"] = files.Output, ["kind"] = "image", ["source_url"] = "https://cdn.example.com/out.png", ["metadata"] = new JsonObject { ["index"] = 0 } },
            new JsonObject { ["path"] = files.Text }),
        ["provider_trace"] = new JsonObject
        {
            ["task_id"] = "task-123",
            ["submit_payload"] = new JsonObject { ["json"] = JsonNode.Parse("""{"model":"nano","api_key":"sk-live-0123456789abcdef0123"}""") },
            ["submit_response"] = new JsonObject { ["text"] = "accepted: task-123" },
            ["status_responses"] = new JsonArray(new JsonObject { ["path"] = files.Poll }, new JsonObject { ["json"] = JsonNode.Parse("""{"state":"failed","code":"E_TIMEOUT"}""") }),
            ["metadata"] = new JsonObject { ["region"] = "eu-west-1", ["attempts"] = 2 },
        },
        ["logs"] = new JsonObject
        {
            ["events"] = new JsonObject { ["json"] = JsonNode.Parse("""{"events":[1,2,3]}""") },
            ["stdout"] = new JsonObject { ["text"] = "line one\nline two\n" },
            ["trace"] = new JsonObject { ["path"] = files.Trace },
        },
        ["external_inputs"] = new JsonArray(new JsonObject { ["uri"] = "gs://briefs/lighthouse.pdf", ["type"] = "brief" }),
        ["external_outputs"] = new JsonArray(new JsonObject
        {
            ["uri"] = "s3://renders/lighthouse/master.tiff",
            ["type"] = "report",
            ["title"] = "master",
            ["description"] = "the print master",
            ["content_type"] = "image/tiff",
            ["bytes"] = 1234,
            ["sha256"] = new string('c', 64),
            ["visibility"] = "private",
            ["relationships"] = new JsonObject { ["task"] = "task_1" },
            ["source_type"] = "generator-output",
            ["created_by"] = "render-bot",
            ["review_status"] = "draft",
        }),
        ["review_status"] = "draft",
        ["config"] = new JsonObject { ["text"] = ConfigYaml },
        ["config_resolved"] = new JsonObject { ["json"] = JsonNode.Parse(ResolvedConfigJson) },
        ["metrics"] = new JsonObject
        {
            ["scalars"] = new JsonObject { ["accuracy"] = 0.91 },
            ["series"] = new JsonArray(
                new JsonObject { ["name"] = "loss", ["value"] = 0.5, ["step"] = 1, ["time"] = "2026-03-26T21:46:00Z" },
                new JsonObject { ["name"] = "loss", ["value"] = 0.25, ["step"] = 2 }),
        },
        ["artifact_files"] = new JsonArray(new JsonObject { ["path"] = files.Checkpoint, ["name"] = "checkpoints/best.pt" }),
        ["project"] = "coast",
        ["capture_code"] = files.Code,
        ["tags"] = new JsonArray("lighthouse", "dusk"),
        ["source_context"] = new JsonObject { ["source_type"] = "bot", ["source_user"] = "ana", ["source_channel"] = "#renders", ["source_agent"] = "render-bot/2", ["project_name"] = "coast", ["notes"] = "from the nightly batch" },
        ["notes"] = "second attempt",
        ["options"] = new JsonObject { ["steps"] = 30, ["guidance"] = 7.5 },
        ["defaults"] = new JsonArray("guidance"),
        ["warnings"] = new JsonArray(new JsonObject { ["code"] = "slow_provider", ["message"] = "the provider took 40 s to accept" }),
        ["status"] = "failed",
        ["errors"] = new JsonArray(
            new JsonObject { ["kind"] = "timeout", ["message"] = "the provider did not answer within 600 s", ["http_status"] = 504, ["code"] = "E_TIMEOUT", ["stage"] = "poll" },
            new JsonObject { ["kind"] = "provider_error", ["message"] = "a second failure", ["http_status"] = 500, ["code"] = "E_500", ["stage"] = "download" }),
    };

    private static IEnumerable<string> Keys(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Keys(p.Value).Prepend(p.Key)),
        JsonArray a => a.SelectMany(Keys),
        _ => [],
    };

    private static List<string> Relative(string folder)
        => Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToList();

    /// <summary>Commit times differ between the two runs; everything else must not.</summary>
    private static string Scrub(string text) => Regex.Replace(text, "\"finished_at\": ?\"[^\"]+\"", "\"finished_at\":\"<time>\"");
}
