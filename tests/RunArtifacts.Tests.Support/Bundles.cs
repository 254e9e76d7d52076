using System.Text.Json.Nodes;
using RunArtifacts.Derivatives;
using RunArtifacts.Records;
using RunArtifacts.Storage;

namespace RunArtifacts.Testing;

/// <summary>Real bundles of every shape the library writes: succeeded, failed, cancelled, with and without media and derivatives.</summary>
public static class Bundles
{
    public static RunArtifactStore StoreWithDerivatives(string root, TimeProvider? time = null)
        => Some.Store(root, o => o.Derivatives.Add(new SmallImageDerivatives()), time);

    /// <summary>A succeeded run with an input, two outputs, a web and a thumb of each, prompts, request, trace and logs.</summary>
    public static Task<CommittedRun> SucceededWithDerivativesAsync(RunArtifactStore store, TempRoot temp, string slug = "full")
    {
        var request = new JsonObject
        {
            ["prompt"] = "a lighthouse at dusk",
            ["headers"] = new JsonObject { ["Authorization"] = "Bearer sk_live_0123456789abcdefghijklmnop", ["Accept"] = "application/json" },
        };
        return store.CreateRun("nano_banana_pro")
            .WithSlug(slug)
            .WithProviderModel("google/nano-banana-pro")
            .WithTaskMode("image_to_image")
            .WithPrompt("a lighthouse at dusk, cinematic", profile: "cinematic")
            .WithEnhancedPrompt("A solitary lighthouse at dusk, warm beam through sea mist")
            .WithRequest(request)
            .WithTaskId("task_7f3a9c")
            .WithSubmitPayload(request.ToJsonString())
            .WithSubmitResponse("""{"code":200,"data":{"taskId":"task_7f3a9c"}}""")
            .AddStatusResponse("""{"state":"generating"}""")
            .AddStatusResponse("""{"state":"success","url":"https://cdn.example.com/1.png?X-Amz-Signature=0f1e2d3c4b5a69788796a5b4c3d2e1f0"}""")
            .AddLog("stdout", "line one\nline two\n")
            .AddInput(temp.File($"in/{slug}/reference.png", Some.Png(32, 32, 3)), role: "reference")
            .AddOutput(temp.File($"in/{slug}/hero.png", Some.Png(64, 48, 1)))
            .AddOutput(temp.File($"in/{slug}/alt.png", Some.Png(48, 64, 2)))
            .AddTags("demo", "verify")
            .WithSource(new SourceContextRecord { SourceType = "test", ProjectName = "runartifacts" })
            .WithOption("seed", 42)
            .WithNotes("made by the verification tests")
            .Succeeded()
            .CommitAsync();
    }

    /// <summary>A succeeded run with one output and no derivative generator: it still gets its clip sidecar.</summary>
    public static Task<CommittedRun> SucceededWithoutDerivativesAsync(RunArtifactStore store, TempRoot temp)
        => store.CreateRun("flux_dev")
            .WithPrompt("a red square")
            .AddOutput(temp.File("in/plain/out.png", Some.Png(16, 16, 4)))
            .WithoutDerivatives()
            .Succeeded()
            .CommitAsync();

    /// <summary>A failed run without media, with a shaped error and a log.</summary>
    public static Task<CommittedRun> FailedAsync(RunArtifactStore store)
        => store.CreateRun("kling_v2")
            .WithTaskMode("text_to_video")
            .WithPrompt("a cat surfing")
            .WithSubmitResponse("""{"code":429,"msg":"rate limited"}""")
            .Failed("rate_limited", "The provider refused: too many requests", httpStatus: 429, stage: "submit")
            .CommitAsync();

    /// <summary>A cancelled run with one partial output.</summary>
    public static Task<CommittedRun> CancelledAsync(RunArtifactStore store, TempRoot temp)
        => store.CreateRun("veo_3")
            .WithPrompt("a slow pan over hills")
            .AddOutput(temp.File("in/cancel/partial.png", Some.Png(20, 10, 5)))
            .Cancelled("user pressed stop")
            .CommitAsync();

    /// <summary>One of each shape, under one root.</summary>
    public static async Task<IReadOnlyList<CommittedRun>> VarietyAsync(RunArtifactStore store, TempRoot temp) =>
    [
        await SucceededWithDerivativesAsync(store, temp),
        await SucceededWithoutDerivativesAsync(store, temp),
        await FailedAsync(store),
        await CancelledAsync(store, temp),
    ];

    /// <summary>Every record file of a run, relative to the run folder.</summary>
    public static IEnumerable<string> RecordFiles(CommittedRun run)
        => Directory.EnumerateFiles(run.FullPath, "*.json", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(run.FullPath, f).Replace('\\', '/'))
            .Where(f => f is "run.json" or "manifest.json" || f.EndsWith(".clip.json", StringComparison.Ordinal) || f.EndsWith(".view.json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

    /// <summary>A test double that writes a real small PNG as the web copy and the thumbnail of each image (no ffmpeg).</summary>
    public sealed class SmallImageDerivatives : IDerivativeGenerator
    {
        public string Name => "test-small-image";

        public bool CanHandle(DerivativeSource source) => source.Kind == AssetKind.Image;

        public async Task<DerivativeResult> GenerateAsync(DerivativeRequest request, CancellationToken cancellationToken = default)
        {
            var made = new List<GeneratedDerivative>();
            foreach (var (kind, size) in new[] { (DerivativeKind.Web, 24), (DerivativeKind.Thumb, 8) })
            {
                var (full, relative) = request.GetTarget(kind, "png");
                await File.WriteAllBytesAsync(full, Some.Png(size, size, size), cancellationToken);
                made.Add(new GeneratedDerivative
                {
                    Kind = kind,
                    RelativePath = relative,
                    MimeType = "image/png",
                    Facts = new MediaFacts { Width = size, Height = size, CodecName = "png" },
                    Transform = new TransformRecord { Generator = Name, Settings = new JsonObject { ["size"] = size }, Arguments = ["-i", request.Source.RelativePath, relative] },
                });
            }

            return DerivativeResult.Success(made);
        }
    }
}
