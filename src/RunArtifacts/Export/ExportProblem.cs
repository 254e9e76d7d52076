namespace RunArtifacts.Export;

/// <summary>One thing wrong with an export, as <see cref="PortableExport.ValidateAsync"/> reports it.</summary>
/// <param name="File">The file (<c>assets.jsonl</c>, <c>manifest.json</c>).</param>
/// <param name="Line">The 1-based line of a <c>.jsonl</c> file, when the problem is in one record.</param>
/// <param name="Check">Which check failed; one of <see cref="ExportChecks"/>.</param>
/// <param name="Message">What is wrong; never a secret's value.</param>
public sealed record ExportProblem(string File, int? Line, string Check, string Message)
{
    /// <inheritdoc/>
    public override string ToString() => $"{File}{(Line is { } l ? ":" + l.ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Empty)}  {Check}: {Message}";
}

/// <summary>The names of the checks of <see cref="PortableExport.ValidateAsync"/>.</summary>
public static class ExportChecks
{
    /// <summary>A file is missing or a line is not JSON.</summary>
    public const string Read = "read";

    /// <summary>A record breaks its JSON Schema (other than the more specific checks below).</summary>
    public const string Schema = "schema";

    /// <summary>A required field is missing.</summary>
    public const string Required = "required";

    /// <summary>Two records share an id.</summary>
    public const string DuplicateId = "duplicate_id";

    /// <summary>A timestamp is not RFC 3339 in UTC, or not a real time.</summary>
    public const string Timestamp = "timestamp";

    /// <summary>A value is not one of its field's allowed values.</summary>
    public const string Enum = "enum";

    /// <summary>A relationship points to no exported entity (an asset's or review's run, a review's target, a superseded event).</summary>
    public const string DanglingRelation = "dangling_relation";

    /// <summary>A file's number of records differs from the manifest's count.</summary>
    public const string Count = "count";

    /// <summary>A file's SHA-256 or size differs from the manifest.</summary>
    public const string Checksum = "checksum";

    /// <summary>A secret pattern appears in a file.</summary>
    public const string Secret = "secret";
}

/// <summary>The outcome of validating an export.</summary>
/// <param name="Problems">Every problem found.</param>
public sealed record ExportValidationResult(IReadOnlyList<ExportProblem> Problems)
{
    /// <summary>Whether the export is valid.</summary>
    public bool Passed => Problems.Count == 0;
}
