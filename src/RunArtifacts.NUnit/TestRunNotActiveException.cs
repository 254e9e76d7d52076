namespace RunArtifacts.NUnit;

/// <summary>
/// Thrown by <see cref="TestRun.Current"/> when no recorded test is running on this logical flow: the code runs outside a test,
/// in a test without <see cref="RecordRunAttribute"/> (on the method, its fixture or the assembly), in a one-time set-up or
/// tear-down, or on a thread started without the test's execution context.
/// </summary>
public sealed class TestRunNotActiveException : ArtifactsException
{
    /// <summary>Creates the exception with the standard explanation.</summary>
    public TestRunNotActiveException()
        : base("TestRun.Current is only available while a test marked [RecordRun] (on the method, its fixture or the assembly) is running, "
            + "on the test's own async flow. Outside such a test, in OneTimeSetUp/OneTimeTearDown, or on a thread started without the test's "
            + "execution context there is no run to add to; use TestRun.TryGetCurrent to probe.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public TestRunNotActiveException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public TestRunNotActiveException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
