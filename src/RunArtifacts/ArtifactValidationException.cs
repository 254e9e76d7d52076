namespace RunArtifacts;

/// <summary>A run was refused before anything was published: each problem is listed.</summary>
public sealed class ArtifactValidationException : ArtifactsException
{
    /// <summary>Creates the exception from the problems found.</summary>
    /// <param name="problems">One line per problem.</param>
    public ArtifactValidationException(IReadOnlyList<string> problems)
        : base(BuildMessage(problems))
    {
        Problems = problems;
    }

    /// <summary>Creates the exception for one problem.</summary>
    /// <param name="problem">The problem.</param>
    public ArtifactValidationException(string problem)
        : this([problem])
    {
    }

    /// <summary>Creates the exception.</summary>
    public ArtifactValidationException()
        : this("The run is not valid.")
    {
    }

    /// <summary>Creates the exception with a cause.</summary>
    /// <param name="message">The problem.</param>
    /// <param name="innerException">The cause.</param>
    public ArtifactValidationException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Problems = [message];
    }

    /// <summary>Every problem found, one line each.</summary>
    public IReadOnlyList<string> Problems { get; } = [];

    private static string BuildMessage(IReadOnlyList<string> problems)
        => problems.Count == 1 ? problems[0] : $"{problems.Count} problems: " + string.Join("; ", problems);
}
