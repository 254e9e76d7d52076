namespace RunArtifacts.Records;

/// <summary>One redaction: where in which file, and by which rule. Never the value.</summary>
public sealed record RedactionEntry
{
    /// <summary>File (relative to the run folder) or record field the redaction was made in.</summary>
    public required string File { get; init; }

    /// <summary>JSON path (<c>$.headers.authorization</c>) or <c>line N</c> for text.</summary>
    public required string Location { get; init; }

    /// <summary>The rule that matched (<c>name:authorization</c>, <c>value:bearer</c>, <c>query:x-amz-signature</c>, …).</summary>
    public required string Rule { get; init; }

    /// <summary>How many values this entry stands for.</summary>
    public int Count { get; init; } = 1;
}
