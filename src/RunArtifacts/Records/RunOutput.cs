namespace RunArtifacts.Records;

/// <summary>One original output of an opened run, joined with its clip sidecar and its derivatives.</summary>
/// <param name="Asset">The output's asset record from <c>run.json</c>.</param>
/// <param name="Clip">Its clip sidecar (<c>&lt;output&gt;.clip.json</c>).</param>
/// <param name="FullPath">Absolute path of the original file.</param>
/// <param name="Derivatives">Its derivatives, each with its view sidecar, in <c>run.json</c> order.</param>
public sealed record RunOutput(AssetRecord Asset, ClipRecord Clip, string FullPath, IReadOnlyList<RunDerivative> Derivatives);
