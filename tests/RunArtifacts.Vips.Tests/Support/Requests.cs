using RunArtifacts.Derivatives;
using RunArtifacts.Records;

namespace RunArtifacts.Vips.Tests.Support;

/// <summary>Derivative requests over a staged copy in a temporary run folder, as the store makes them.</summary>
public static class Requests
{
    /// <summary>Copies <paramref name="file"/> into <c>run/original/</c> and describes it.</summary>
    public static DerivativeRequest For(TempRoot temp, string file, string mimeType, ArtifactDerivativeSettings? settings = null)
    {
        var run = temp.Combine("run");
        Directory.CreateDirectory(Path.Combine(run, "original"));
        var name = "output_01" + Path.GetExtension(file);
        var staged = Path.Combine(run, "original", name);
        File.Copy(file, staged, overwrite: true);
        return new DerivativeRequest
        {
            Source = new DerivativeSource
            {
                FullPath = staged,
                RelativePath = "original/" + name,
                Stem = "output_01",
                MimeType = mimeType,
                Kind = AssetKind.Image,
                Bytes = new FileInfo(staged).Length,
            },
            RunDirectory = run,
            Settings = settings ?? new ArtifactDerivativeSettings(),
        };
    }

    /// <summary>The absolute path of a derivative the generator reported.</summary>
    public static string PathOf(DerivativeRequest request, GeneratedDerivative derivative) => Path.Combine(request.RunDirectory, derivative.RelativePath);
}
