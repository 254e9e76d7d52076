namespace RunArtifacts.Cli;

/// <summary>Exit codes of the <c>artifacts</c> tool (documented in its README).</summary>
internal static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>A check failed: <c>verify</c> found problems.</summary>
    public const int CheckFailed = 1;

    /// <summary>Bad arguments or bad input; nothing was published.</summary>
    public const int BadInput = 2;

    /// <summary>I/O failed (an unwritable root, a full disk); nothing was published.</summary>
    public const int IoFailure = 3;

    /// <summary>Cancelled (Ctrl+C).</summary>
    public const int Cancelled = 130;
}
