namespace RunArtifacts.NUnit;

/// <summary>
/// Configures the store options of a test assembly's recorded runs (derivative generators, redaction, capture limits…),
/// without a container. Name the implementation with <see cref="RecordRunSetupAttribute"/> on the assembly; it is made once
/// per test assembly and root, before the first recorded test.
/// </summary>
/// <example>
/// <code>
/// [assembly: RecordRunSetup(typeof(RunSetup))]
/// public sealed class RunSetup : IRecordRunSetup
/// {
///     public void Configure(RunArtifactsOptions options) => options.Redaction.ExtraPatterns.Add("sk-[A-Za-z0-9]+");
/// }
/// </code>
/// </example>
public interface IRecordRunSetup
{
    /// <summary>Changes the options before the store is opened. <see cref="RunArtifactsOptions.Root"/> is already set to the resolved test root; changing it is allowed.</summary>
    /// <param name="options">The options of the store the assembly's tests commit to.</param>
    void Configure(RunArtifactsOptions options);
}
