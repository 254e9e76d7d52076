using RunArtifacts.Builder;
using RunArtifacts.NUnit.Internal;

namespace RunArtifacts.NUnit;

/// <summary>
/// The run of the test that is running now. <see cref="RecordRunAttribute"/> starts one builder per test; test code adds
/// prompt, inputs, outputs, logs, trace and notes to it with the ordinary fluent API. The value is async-local: it follows
/// the test across <c>await</c>, and parallel tests and parameterised cases each see their own.
/// </summary>
/// <example>
/// <code>
/// TestRun.Current.WithPrompt("a lighthouse at dusk").AddOutput(imageBytes, "out.png");
/// </code>
/// </example>
public static class TestRun
{
    /// <summary>The running test's builder.</summary>
    /// <exception cref="TestRunNotActiveException">No test marked <see cref="RecordRunAttribute"/> is running on this flow.</exception>
    public static RunArtifactBuilder Current => Recording.Active?.Builder ?? throw new TestRunNotActiveException();

    /// <summary>Gets the running test's builder without throwing.</summary>
    /// <param name="builder">The builder, or <see langword="null"/> when no recorded test is running on this flow.</param>
    /// <returns>Whether a recorded test is running.</returns>
    public static bool TryGetCurrent([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out RunArtifactBuilder? builder)
    {
        builder = Recording.Active?.Builder;
        return builder is not null;
    }
}
