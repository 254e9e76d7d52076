using System.CommandLine;
using System.Text.Json.Nodes;
using RunArtifacts.Cli.Internal;
using RunArtifacts.Records;

namespace RunArtifacts.Cli.Commands;

/// <summary><c>artifacts demo</c>: commits a realistic succeeded run and a failed run from sample media it makes itself.</summary>
internal static class DemoCommand
{
    public static Command Create(CliContext context)
    {
        var root = new Option<DirectoryInfo>("--root") { Description = "Where to write the demo runs.", DefaultValueFactory = _ => new DirectoryInfo(".artifacts-demo") };
        var command = new Command("demo", "Make sample media (no network) and commit a succeeded image run, a video run (when ffmpeg is installed) and a failed run, then print where they are.") { root };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var rootDir = parse.GetRequiredValue(root);
            var store = CliContext.OpenStore(rootDir);
            var work = Directory.CreateTempSubdirectory("artifacts-demo-");
            try
            {
                var hero = Path.Combine(work.FullName, "lighthouse.png");
                var alt = Path.Combine(work.FullName, "lighthouse_alt.png");
                var reference = Path.Combine(work.FullName, "reference.png");
                await File.WriteAllBytesAsync(hero, SampleMedia.Png(1920, 1080, 1), cancellationToken).ConfigureAwait(false);
                await File.WriteAllBytesAsync(alt, SampleMedia.Png(1080, 1350, 2), cancellationToken).ConfigureAwait(false);
                await File.WriteAllBytesAsync(reference, SampleMedia.Png(512, 512, 3), cancellationToken).ConfigureAwait(false);

                // The trace carries a fake key and a signed URL on purpose: they are redacted before anything is written.
                var request = new JsonObject
                {
                    ["model"] = "google/nano-banana-pro",
                    ["prompt"] = "a lighthouse at dusk, cinematic, 35mm",
                    ["aspect_ratio"] = "16:9",
                    ["num_outputs"] = 2,
                    ["headers"] = new JsonObject { ["Authorization"] = "Bearer demo_0123456789abcdefghijklmnop", ["Content-Type"] = "application/json" },
                };
                var run = await store.CreateRun("nano_banana_pro")
                    .WithSlug("cinematic v01")
                    .WithProviderModel("google/nano-banana-pro")
                    .WithTaskMode("image_to_image")
                    .WithPrompt("a lighthouse at dusk, cinematic, 35mm", profile: "cinematic")
                    .WithEnhancedPrompt("A solitary lighthouse at dusk on a rocky coast, warm beam cutting through sea mist, cinematic lighting, 35mm film grain")
                    .WithRequest(request)
                    .WithTaskId("task_7f3a9c")
                    .WithSubmitPayload(request.ToJsonString())
                    .WithSubmitResponse("""{"code":200,"data":{"taskId":"task_7f3a9c"}}""")
                    .AddStatusResponse("""{"state":"generating","progress":0.4}""")
                    .AddStatusResponse("""{"state":"success","resultUrls":["https://cdn.example.com/out/1.png?X-Amz-Signature=0f1e2d3c4b5a69788796a5b4c3d2e1f0&X-Amz-Expires=3600"]}""")
                    .AddInput(reference, role: "reference")
                    .AddOutput(hero)
                    .AddOutput(alt)
                    .AddTags("demo", "cinematic")
                    .WithSource(new SourceContextRecord { SourceType = "cli", SourceAgent = "artifacts demo", ProjectName = "runartifacts" })
                    .WithOption("seed", 42)
                    .WithOption("guidance", 7.5, isDefault: true)
                    .WithNotes("Made by `artifacts demo` from generated sample images.")
                    .Succeeded()
                    .CommitAsync(cancellationToken)
                    .ConfigureAwait(false);
                await context.Out.WriteLineAsync($"succeeded run: {run.FullPath}").ConfigureAwait(false);

                var (clip, skipped) = await SampleMedia.TryVideoAsync(Path.Combine(work.FullName, "clip.mp4"), cancellationToken).ConfigureAwait(false);
                if (clip is null)
                {
                    await context.Out.WriteLineAsync($"video run:     skipped: {skipped}").ConfigureAwait(false);
                }
                else
                {
                    var video = await store.CreateRun("kling_v2")
                        .WithSlug("lighthouse pan")
                        .WithTaskMode("image_to_video")
                        .WithPrompt("slow pan across the lighthouse, waves below")
                        .AddInput(hero, role: "first_frame")
                        .AddOutput(clip)
                        .AddTags("demo", "video")
                        .CommitAsync(cancellationToken)
                        .ConfigureAwait(false);
                    await context.Out.WriteLineAsync($"video run:     {video.FullPath}").ConfigureAwait(false);
                }

                var failed = await store.CreateRun("nano_banana_pro")
                    .WithSlug("rate limited")
                    .WithPrompt("the same lighthouse, at night")
                    .WithRequest(request)
                    .WithSubmitResponse("""{"code":429,"msg":"Too many requests: rate limit exceeded for key sk-demo0123456789abcdefghij"}""")
                    .AddInput(reference, role: "reference")
                    .AddTags("demo")
                    .Failed(FailureKinds.RateLimited, "Provider answered 429: rate limit exceeded", httpStatus: 429, stage: "submit")
                    .CommitAsync(cancellationToken)
                    .ConfigureAwait(false);
                await context.Out.WriteLineAsync($"failed run:    {failed.FullPath}").ConfigureAwait(false);
                await context.Out.WriteLineAsync($"index:         {store.IndexPath}").ConfigureAwait(false);
                return ExitCodes.Ok;
            }
            finally
            {
                work.Delete(recursive: true);
            }
        });
        return command;
    }
}
