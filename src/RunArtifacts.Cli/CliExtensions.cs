namespace RunArtifacts.Cli;

/// <summary>Hooks for optional packages (derivatives). Kept in one place so each package adds one line.</summary>
internal static class CliExtensions
{
    public static void ConfigureDerivatives(RunArtifactsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
    }
}
