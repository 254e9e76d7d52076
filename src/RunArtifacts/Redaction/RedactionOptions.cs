namespace RunArtifacts.Redaction;

/// <summary>What the redactor removes beyond its built-in rules, and what it must leave alone.</summary>
public sealed class RedactionOptions
{
    /// <summary>The text that replaces each secret.</summary>
    /// <value>Default <c>[REDACTED]</c>.</value>
    public string Marker { get; set; } = "[REDACTED]";

    /// <summary>Extra key, header or query-parameter names whose values are secrets (case-insensitive; <c>-</c> and <c>_</c> are ignored).</summary>
    public IList<string> ExtraNames { get; set; } = [];

    /// <summary>Extra regular expressions whose matches are secrets. Each is named <c>custom:N</c> in the accounting.</summary>
    public IList<string> ExtraPatterns { get; set; } = [];

    /// <summary>Names that look secret but are not (for example <c>token_count</c>); their values are kept.</summary>
    public IList<string> AllowNames { get; set; } = [];

    /// <summary>Most redaction entries kept in <c>run.json</c>; the total is always exact.</summary>
    /// <value>Default 1000.</value>
    public int MaxEntries { get; set; } = 1000;

    internal IEnumerable<string> Validate()
    {
        if (string.IsNullOrEmpty(Marker))
        {
            yield return "Redaction.Marker must not be empty.";
        }

        if (MaxEntries < 0)
        {
            yield return "Redaction.MaxEntries must not be negative.";
        }

        for (var i = 0; i < ExtraPatterns.Count; i++)
        {
            string? error = null;
            try
            {
                _ = new System.Text.RegularExpressions.Regex(ExtraPatterns[i]);
            }
            catch (ArgumentException ex)
            {
                error = $"Redaction.ExtraPatterns[{i}] is not a valid regular expression: {ex.Message}";
            }

            if (error is not null)
            {
                yield return error;
            }
        }
    }
}
