using System.Net;
using System.Net.Sockets;
using RunArtifacts.Records;
using RunArtifacts.Redaction.Internal;

namespace RunArtifacts.Capture.Internal;

/// <summary>Turns exceptions and messages into shaped <see cref="ErrorRecord"/>s: kind, sanitised message, type, HTTP status.</summary>
internal static class ErrorShaper
{
    public static ErrorRecord FromException(Exception exception, SecretRedactor redactor, RedactionLedger ledger, TextCapturePolicy policy, bool captureStackTrace, string location = "errors", int depth = 0)
    {
        var status = HttpStatusOf(exception);
        var inner = new List<ErrorRecord>();
        if (depth < 8)
        {
            if (exception is AggregateException agg)
            {
                inner.AddRange(agg.InnerExceptions.Take(16).Select((e, i) => FromException(e, redactor, ledger, policy, captureStackTrace, $"{location}.inner[{i}]", depth + 1)));
            }
            else if (exception.InnerException is { } ie)
            {
                inner.Add(FromException(ie, redactor, ledger, policy, captureStackTrace, location + ".inner[0]", depth + 1));
            }
        }

        return new ErrorRecord
        {
            Kind = Classify(exception, status),
            Message = Sanitize(exception.Message, redactor, ledger, policy, location),
            ExceptionType = exception.GetType().FullName,
            HttpStatus = status,
            StackTrace = captureStackTrace && exception.StackTrace is { } st ? redactor.RedactText(st, "run.json", ledger) : null,
            Inner = inner,
        };
    }

    public static ErrorRecord FromMessage(string kind, string message, int? httpStatus, string? code, string? stage, SecretRedactor redactor, RedactionLedger ledger, TextCapturePolicy policy)
        => new()
        {
            Kind = kind,
            Message = Sanitize(message, redactor, ledger, policy, "errors"),
            HttpStatus = httpStatus,
            Code = code,
            Stage = stage,
        };

    public static string Sanitize(string message, SecretRedactor redactor, RedactionLedger ledger, TextCapturePolicy policy, string location)
    {
        var redacted = redactor.RedactText(message, "run.json#" + location, ledger);
        return redacted.Length <= policy.MaxMessageChars ? redacted : string.Concat(redacted.AsSpan(0, policy.MaxMessageChars), $"... [{redacted.Length - policy.MaxMessageChars} characters truncated]");
    }

    public static string Classify(Exception exception, int? status)
    {
        if (status is { } s)
        {
            var byStatus = ClassifyStatus(s);
            if (byStatus != FailureKinds.Unknown)
            {
                return byStatus;
            }
        }

        return exception switch
        {
            TimeoutException => FailureKinds.Timeout,
            TaskCanceledException tce when tce.InnerException is TimeoutException => FailureKinds.Timeout,
            OperationCanceledException => FailureKinds.Cancelled,
            HttpRequestException { InnerException: SocketException or IOException } => FailureKinds.Network,
            HttpRequestException => FailureKinds.Network,
            SocketException => FailureKinds.Network,
            WebException => FailureKinds.Network,
            UnauthorizedAccessException or IOException => FailureKinds.Io,
            ArgumentException or FormatException or ArtifactValidationException => FailureKinds.Validation,
            _ => ClassifyMessage(exception.Message),
        };
    }

    public static string ClassifyStatus(int status) => status switch
    {
        401 or 403 => FailureKinds.Unauthorized,
        402 => FailureKinds.QuotaExhausted,
        408 or 504 => FailureKinds.Timeout,
        429 => FailureKinds.RateLimited,
        400 or 404 or 405 or 409 or 413 or 415 or 422 => FailureKinds.InvalidRequest,
        >= 500 and <= 599 => FailureKinds.ProviderError,
        _ => FailureKinds.Unknown,
    };

    public static string ClassifyMessage(string message)
    {
        var m = message.ToLowerInvariant();
        if (m.Contains("rate limit", StringComparison.Ordinal) || m.Contains("too many requests", StringComparison.Ordinal))
        {
            return FailureKinds.RateLimited;
        }

        if (m.Contains("quota", StringComparison.Ordinal) || m.Contains("insufficient credit", StringComparison.Ordinal) || m.Contains("billing", StringComparison.Ordinal))
        {
            return FailureKinds.QuotaExhausted;
        }

        if (m.Contains("timed out", StringComparison.Ordinal) || m.Contains("timeout", StringComparison.Ordinal))
        {
            return FailureKinds.Timeout;
        }

        if (m.Contains("safety", StringComparison.Ordinal) || m.Contains("content policy", StringComparison.Ordinal) || m.Contains("nsfw", StringComparison.Ordinal))
        {
            return FailureKinds.ContentFiltered;
        }

        return FailureKinds.Unknown;
    }

    private static int? HttpStatusOf(Exception exception) => exception switch
    {
        HttpRequestException { StatusCode: { } code } => (int)code,
        _ => null,
    };
}
