using System.Text.Json.Nodes;
using RunArtifacts.Builder.Internal;
using RunArtifacts.Capture.Internal;
using RunArtifacts.Internal;
using RunArtifacts.Records;

namespace RunArtifacts.Builder;

public sealed partial class RunArtifactBuilder
{
    /// <summary>Marks the run as succeeded (the default).</summary>
    /// <returns>This builder.</returns>
    public RunArtifactBuilder Succeeded()
    {
        Draft.Status = RunStatus.Succeeded;
        Draft.StatusSet = true;
        return this;
    }

    /// <summary>Marks the run as failed and records the exception, shaped: kind (classified from its type, HTTP status and message), sanitised message, type, inner errors.</summary>
    /// <param name="exception">What failed.</param>
    /// <param name="stage">Where it failed (<c>submit</c>, <c>poll</c>, <c>download</c>), if known.</param>
    /// <returns>This builder.</returns>
    /// <remarks>
    /// A timeout is a failure, not a cancellation: an <see cref="OperationCanceledException"/> with a
    /// <see cref="TimeoutException"/> in its chain (what <c>HttpClient</c> throws when its <c>Timeout</c> elapses) makes a
    /// failed run of kind <see cref="FailureKinds.Timeout"/>. Any other <see cref="OperationCanceledException"/> makes the
    /// run cancelled. To count only your own token's cancellation as cancelled, use
    /// <see cref="Failed(Exception, CancellationToken, string?)"/>.
    /// </remarks>
    public RunArtifactBuilder Failed(Exception exception, string? stage = null)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var cancelled = exception is OperationCanceledException && !IsTimeout(exception);
        return RecordFailure(exception, null, stage, cancelled);
    }

    /// <summary>
    /// Marks the run as failed and records the exception, shaped, deciding "cancelled or failed" by the caller's own token:
    /// the run is cancelled only when <paramref name="cancellationToken"/> (the token the caller passed to the work that
    /// failed) was cancelled. Any other <see cref="OperationCanceledException"/> (an <c>HttpClient</c> timeout, a library's
    /// internal deadline) is a failure of kind <see cref="FailureKinds.Timeout"/>.
    /// </summary>
    /// <param name="exception">What failed.</param>
    /// <param name="cancellationToken">The token the caller passed to the work that failed.</param>
    /// <param name="stage">Where it failed (<c>submit</c>, <c>poll</c>, <c>download</c>), if known.</param>
    /// <returns>This builder.</returns>
    public RunArtifactBuilder Failed(Exception exception, CancellationToken cancellationToken, string? stage = null)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var cancelled = exception is OperationCanceledException && cancellationToken.IsCancellationRequested;
        var kind = exception is OperationCanceledException && !cancelled ? FailureKinds.Timeout : null;
        return RecordFailure(exception, kind, stage, cancelled);
    }

    private RunArtifactBuilder RecordFailure(Exception exception, string? kind, string? stage, bool cancelled)
    {
        Draft.Errors.Add(new PendingError(exception, kind, null, null, null, stage));
        Draft.Status = cancelled && !Draft.StatusSet ? RunStatus.Cancelled : RunStatus.Failed;
        Draft.StatusSet = true;
        return this;
    }

    private static bool IsTimeout(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is TimeoutException)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Marks the run as failed with a message; the kind is classified from the message.</summary>
    /// <param name="message">What failed.</param>
    /// <returns>This builder.</returns>
    public RunArtifactBuilder Failed(string message) => Failed(ErrorShaper.ClassifyMessage(message ?? string.Empty, store.Options.FailureClassifiers), message!);

    /// <summary>Marks the run as failed with a kind and a message (<see cref="FailureKinds.Unknown"/> is classified from the status, code and message).</summary>
    /// <param name="kind">One of <see cref="FailureKinds"/>, or a snake_case kind of your own.</param>
    /// <param name="message">What failed.</param>
    /// <param name="httpStatus">The HTTP status, when there was one.</param>
    /// <param name="code">The provider's error code, when there was one.</param>
    /// <param name="stage">Where it failed.</param>
    /// <returns>This builder.</returns>
    public RunArtifactBuilder Failed(string kind, string message, int? httpStatus = null, string? code = null, string? stage = null)
    {
        AddError(kind, message, httpStatus, code, stage);
        Draft.Status = RunStatus.Failed;
        Draft.StatusSet = true;
        return this;
    }

    /// <summary>Records an error without changing the status (a run can carry several).</summary>
    /// <param name="kind">One of <see cref="FailureKinds"/>, or a snake_case kind of your own.</param>
    /// <param name="message">What failed.</param>
    /// <param name="httpStatus">The HTTP status, when there was one.</param>
    /// <param name="code">The provider's error code.</param>
    /// <param name="stage">Where it failed.</param>
    /// <returns>This builder.</returns>
    public RunArtifactBuilder AddError(string kind, string message, int? httpStatus = null, string? code = null, string? stage = null)
    {
        CheckKind(kind);
        ArgumentNullException.ThrowIfNull(message);
        Draft.Errors.Add(new PendingError(null, kind, message, httpStatus, code, stage));
        return this;
    }

    /// <summary>Marks the run as cancelled.</summary>
    /// <param name="reason">Why, if known.</param>
    /// <returns>This builder.</returns>
    public RunArtifactBuilder Cancelled(string? reason = null)
    {
        if (reason is not null)
        {
            Draft.Errors.Add(new PendingError(null, FailureKinds.Cancelled, reason, null, null, null));
        }

        Draft.Status = RunStatus.Cancelled;
        Draft.StatusSet = true;
        return this;
    }

    /// <summary>Records a warning: something went wrong but the run is kept.</summary>
    /// <param name="code">Short snake_case code.</param>
    /// <param name="message">What happened.</param>
    /// <returns>This builder.</returns>
    public RunArtifactBuilder AddWarning(string code, string message)
    {
        CheckKind(code);
        ArgumentNullException.ThrowIfNull(message);
        Draft.Warnings.Add(new WarningRecord { Code = code, Message = message });
        return this;
    }

    /// <summary>Records one option the run used (redacted when its name or value looks secret).</summary>
    /// <param name="name">The option name.</param>
    /// <param name="value">Its value; strings, numbers and booleans convert implicitly.</param>
    /// <param name="isDefault">Whether the value is a default the caller did not choose (listed in <c>defaults</c>).</param>
    /// <returns>This builder.</returns>
    public RunArtifactBuilder WithOption(string name, JsonNode? value, bool isDefault = false)
    {
        Guard.NotBlank(name, nameof(name));
        Draft.Options[name] = value?.DeepClone();
        if (isDefault && !Draft.Defaults.Contains(name))
        {
            Draft.Defaults.Add(name);
        }

        return this;
    }

    private static void CheckKind(string kind)
    {
        Guard.NotBlank(kind, nameof(kind));
        if (kind.Length > 64 || !char.IsAsciiLetterLower(kind[0]) || kind.AsSpan().IndexOfAnyExcept("abcdefghijklmnopqrstuvwxyz0123456789_") >= 0)
        {
            throw new ArgumentException($"'{Guard.Printable(kind)}' must be snake_case: a lower-case letter, then lower-case letters, digits or '_' (64 at most).", nameof(kind));
        }
    }
}
