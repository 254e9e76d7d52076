namespace RunArtifacts.Internal;

internal static class Guard
{
    public static string NotBlank(string? value, string paramName)
    {
        ArgumentNullException.ThrowIfNull(value, paramName);
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException("The value must not be empty or white space.", paramName);
        }

        return value;
    }

    /// <summary>Text fit for an error message: control characters become '?', and at most 120 characters are kept.</summary>
    public static string Printable(string text)
        => new(text.Select(c => char.IsControl(c) ? '?' : c).Take(120).ToArray());
}
