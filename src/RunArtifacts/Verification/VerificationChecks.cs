namespace RunArtifacts.Verification;

/// <summary>The names of the checks <see cref="RunVerifier"/> makes, as reported in <see cref="VerificationProblem.Check"/>.</summary>
public static class VerificationChecks
{
    /// <summary>A record could not be read: missing, not JSON, of another kind, or of an unknown major version.</summary>
    public const string Read = "read";

    /// <summary>A record does not validate against its JSON Schema.</summary>
    public const string Schema = "schema";

    /// <summary>A file a record names does not exist.</summary>
    public const string Missing = "missing";

    /// <summary>A file's size differs from the recorded byte count.</summary>
    public const string Size = "size";

    /// <summary>A file's SHA-256 differs from the recorded hash.</summary>
    public const string Sha256 = "sha256";

    /// <summary>A file in the run folder is named by no record.</summary>
    public const string Unaccounted = "unaccounted";

    /// <summary>A recorded path is absolute, has <c>..</c> or a backslash, leaves the run, or is a symbolic link.</summary>
    public const string Path = "path";

    /// <summary>Join keys disagree: view → clip → run (ids, paths, hashes).</summary>
    public const string Join = "join";

    /// <summary>The manifest is not what the run record derives.</summary>
    public const string Manifest = "manifest";

    /// <summary>The run's <c>index.jsonl</c> line is missing, repeated, or disagrees with the manifest.</summary>
    public const string Index = "index";

    /// <summary>A secret pattern appears in a text file of the run.</summary>
    public const string Secret = "secret";

    /// <summary>An external asset's record breaks its shape or the storage policy (a signed URL, credentials, a provider that disagrees with its URI).</summary>
    public const string External = "external";

    /// <summary><c>reviews.jsonl</c>: a line that does not parse or validate, a broken hash chain, a repeated event id, or an event naming a run or output that does not exist.</summary>
    public const string Review = "review";
}
