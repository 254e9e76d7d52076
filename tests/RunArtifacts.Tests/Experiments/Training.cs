using RunArtifacts.Builder;
using RunArtifacts.Storage;

namespace RunArtifacts.Tests.Experiments;

/// <summary>A training-like run: composed and resolved configuration, a loss series, a scalar, a checkpoint and a predictions folder.</summary>
internal static class Training
{
    public const string Config = """
        # composed by Hydra
        model:
          name: resnet18
          lr: ${optim.lr}
          layers: [64, 128]
        optim:
          lr: 0.001
          api_key: sk-live-0123456789abcdefghijklmnop
        data:
          path: "/data/coast"
          flip: true
          version: "3"
        """;

    public const string Resolved = """
        model:
          name: resnet18
          lr: 0.001
          layers: [64, 128]
        optim:
          lr: 0.001
          api_key: sk-live-0123456789abcdefghijklmnop
        data:
          path: "/data/coast"
          flip: true
          version: "3"
        """;

    public const string PredictionsMetadata = """{"contract_version": "1.0", "frame_id": 0, "timestamp": "2026-03-26T21:45:12Z", "intrinsics_ref": "calib/cam0.yaml"}""";

    public static RunArtifactBuilder Build(RunArtifactStore store, TempRoot temp, string resolved = Resolved)
    {
        var checkpoint = temp.File("train/best.pt", Some.Bytes(4096, seed: 3));
        temp.File("train/predictions/frame_0000.npz", Some.Bytes(512, seed: 4));
        temp.File("train/predictions/metadata.json", PredictionsMetadata);
        var builder = store.CreateRun("resnet18")
            .WithProject("coast")
            .WithConfig(Config)
            .WithResolvedConfig(resolved)
            .AddMetric("val/accuracy", 0.93)
            .AddArtifactFile(checkpoint, "checkpoints/best.pt")
            .AddPredictions(temp.Combine("train", "predictions"))
            .AddEnvironmentEntry("torch_version", "2.4.1");
        for (var step = 0; step < 50; step++)
        {
            builder.AddMetricPoint("train/loss", 2.0 / (step + 1), step);
        }

        return builder;
    }
}
