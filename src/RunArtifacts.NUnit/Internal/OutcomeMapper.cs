using NUnit.Framework.Interfaces;
using RunArtifacts.Builder;

namespace RunArtifacts.NUnit.Internal;

/// <summary>Maps NUnit's result onto the run: status, error kind and message.</summary>
internal static class OutcomeMapper
{
    /// <summary>Failure kind of a failed assertion.</summary>
    public const string AssertionFailed = "assertion_failed";

    /// <summary>Failure kind of an unexpected exception (NUnit's "Error").</summary>
    public const string TestError = "test_error";

    /// <summary>Sets the builder's status from the outcome; returns whether the test failed.</summary>
    public static bool Apply(RunArtifactBuilder builder, ResultState outcome, string? message, string? stackTrace, bool withStack)
    {
        var text = string.IsNullOrWhiteSpace(message) ? null : message.Trim();
        switch (outcome.Status)
        {
            case TestStatus.Passed:
                builder.Succeeded();
                return false;
            case TestStatus.Warning:
                builder.Succeeded().AddWarning("test_warning", text ?? "The test passed with a warning.");
                return false;
            case TestStatus.Failed when outcome.Label == ResultState.Cancelled.Label:
                builder.Cancelled(text ?? "The test run was cancelled.");
                return false;
            case TestStatus.Failed:
                var kind = KindOf(outcome, text);
                var said = text ?? $"The test {(kind == TestError ? "threw" : "failed")} without a message.";
                if (withStack && !string.IsNullOrWhiteSpace(stackTrace))
                {
                    builder.Failed(new TestOutcomeException(kind, said, stackTrace), stage: outcome.Site.ToString().ToLowerInvariant());
                }
                else
                {
                    builder.Failed(kind, said, stage: outcome.Site.ToString().ToLowerInvariant());
                }

                return true;
            default:
                // Skipped (Assert.Ignore), Inconclusive.
                builder.Cancelled(text ?? $"The test was {outcome.ToString().ToLowerInvariant()}.");
                return false;
        }
    }

    /// <summary><c>timeout</c> for an exceeded [CancelAfter]/[Timeout], <c>test_error</c> for an exception, else <c>assertion_failed</c>.</summary>
    public static string KindOf(ResultState outcome, string? message)
    {
        if (message is not null && message.StartsWith("Test exceeded ", StringComparison.Ordinal)
            && (message.Contains("CancelAfter", StringComparison.Ordinal) || message.Contains("Timeout", StringComparison.Ordinal)))
        {
            return Records.FailureKinds.Timeout;
        }

        return outcome.Label == ResultState.Error.Label || outcome.Label == ResultState.NotRunnable.Label ? TestError : AssertionFailed;
    }
}
