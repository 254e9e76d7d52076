using System.Security.Cryptography;
using System.Text.Json.Nodes;
using RunArtifacts.Derivatives;
using RunArtifacts.Records;
using RunArtifacts.Storage;

namespace RunArtifacts.Tests.Catalog;

/// <summary>
/// A root for lineage tests: runs whose inputs are the exact bytes of earlier runs' outputs (or derivatives), so the
/// catalog links them by SHA-256. Each output gets one real derivative (its bytes reversed, <c>web/…</c>).
/// </summary>
internal sealed class LineageRoot : IDisposable
{
    private readonly TempRoot temp = new("ra-catalog-");
    private int clock;

    public LineageRoot(Action<RunArtifactsOptions>? configure = null)
    {
        Root = temp.Combine("root");
        Store = Some.Store(Root, o =>
        {
            o.Derivatives.Add(new ReversedCopy());
            configure?.Invoke(o);
        });
    }

    public string Root { get; }

    public RunArtifactStore Store { get; }

    public static byte[] Content(string name) => System.Text.Encoding.UTF8.GetBytes($"content of {name} " + new string('x', 200));

    public static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public static byte[] Reversed(byte[] bytes) => bytes.Reverse().ToArray();

    /// <summary>Commits a run with the given inputs and outputs (bytes); one second after the previous run.</summary>
    public async Task<CommittedRun> CommitAsync(string model, byte[][] inputs, byte[][] outputs, string[]? tags = null, RunStatus status = RunStatus.Succeeded, string? prompt = null)
    {
        var builder = Store.CreateRun(model)
            .WithCreatedAt(new DateTimeOffset(2026, 3, 26, 12, 0, 0, TimeSpan.Zero).AddSeconds(clock++))
            .WithPrompt(prompt ?? $"a {model} run");
        for (var i = 0; i < inputs.Length; i++)
        {
            builder.AddInput(inputs[i], $"in{i}.bin", role: "reference");
        }

        for (var i = 0; i < outputs.Length; i++)
        {
            builder.AddOutput(outputs[i], $"out{i}.bin");
        }

        if (tags is not null)
        {
            builder.AddTags(tags);
        }

        if (status == RunStatus.Failed)
        {
            builder.Failed("provider_error", "the provider said no");
        }

        return await builder.CommitAsync();
    }

    public void Dispose() => temp.Dispose();

    /// <summary>A real derivative: the output's bytes reversed, as a web copy.</summary>
    private sealed class ReversedCopy : IDerivativeGenerator
    {
        public string Name => "reversed";

        public bool CanHandle(DerivativeSource source) => true;

        public async Task<DerivativeResult> GenerateAsync(DerivativeRequest request, CancellationToken cancellationToken = default)
        {
            var (full, relative) = request.GetTarget(DerivativeKind.Web, "bin");
            var bytes = await File.ReadAllBytesAsync(request.Source.FullPath, cancellationToken);
            await File.WriteAllBytesAsync(full, Reversed(bytes), cancellationToken);
            return DerivativeResult.Success(
                [new GeneratedDerivative { Kind = DerivativeKind.Web, RelativePath = relative, MimeType = "application/octet-stream", Transform = new TransformRecord { Generator = Name, Settings = new JsonObject() } }],
                Name);
        }
    }
}
