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
}
