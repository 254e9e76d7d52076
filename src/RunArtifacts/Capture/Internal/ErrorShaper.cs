using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using RunArtifacts.Records;
using RunArtifacts.Redaction.Internal;

namespace RunArtifacts.Capture.Internal;

/// <summary>
/// Turns exceptions and messages into shaped <see cref="ErrorRecord"/>s: a kind (from the registered
/// <see cref="IFailureClassifier"/>s, then cancellation, HTTP status, exception type, message, inner errors), a sanitised
/// message (secrets redacted, machine paths and names removed, cut to head + tail with an accounting record), the exception
/// type, the HTTP status, inner errors and optionally the (sanitised) stack trace.
/// </summary>
internal static partial class ErrorShaper
{
    private const string File = "run.json#errors";
    private const int MaxDepth = 8;
    private const int MaxInnerPerAggregate = 16;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(bool Paths, bool Identity, string Root), PrivacyScrubber> Scrubbers = new();

    /// <summary>The privacy scrubber for the given options (the store root is scrubbed too, as <c>&lt;root&gt;</c>).</summary>
    public static PrivacyScrubber PrivacyFor(RunArtifactsOptions options)
    {
        var root = options.RecordAbsolutePaths || string.IsNullOrWhiteSpace(options.Root) ? string.Empty : Path.TrimEndingDirectorySeparator(Path.GetFullPath(options.Root));
        return Scrubbers.GetOrAdd((options.RecordAbsolutePaths, options.RecordMachineIdentity, root), static key => new PrivacyScrubber(key.Paths, key.Identity, key.Root));
    }

    /// <summary>Shapes an exception (and its inner exceptions).</summary>
    public static ErrorRecord FromException(Exception exception, SecretRedactor redactor, RedactionLedger ledger, RunArtifactsOptions options, string location = "", int depth = 0)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var status = HttpStatusOf(exception);
        var inner = new List<ErrorRecord>();
        if (depth < MaxDepth)
        {
            if (exception is AggregateException agg)
            {
                inner.AddRange(agg.InnerExceptions.Take(MaxInnerPerAggregate).Select((e, i) => FromException(e, redactor, ledger, options, $"{location}inner[{i}].", depth + 1)));
            }
            else if (exception.InnerException is { } ie)
            {
                inner.Add(FromException(ie, redactor, ledger, options, location + "inner[0].", depth + 1));
            }
        }

        var (message, capture) = Sanitize(exception.Message, redactor, ledger, options, location + "message");
        return new ErrorRecord
        {
            Kind = Classify(exception, status, options.FailureClassifiers),
            Message = message,
            MessageCapture = capture,
            ExceptionType = exception.GetType().FullName,
            HttpStatus = status,
            StackTrace = options.CaptureStackTraces && exception.StackTrace is { } st ? Clean(st, redactor, ledger, options, location + "stack_trace") : null,
            Inner = inner,
        };
    }

    /// <summary>Shapes a message. A <paramref name="kind"/> of <see cref="FailureKinds.Unknown"/> is classified from the status, code and message.</summary>
    public static ErrorRecord FromMessage(string kind, string message, int? httpStatus, string? code, string? stage, SecretRedactor redactor, RedactionLedger ledger, RunArtifactsOptions options)
    {
        var (text, capture) = Sanitize(message, redactor, ledger, options, "message");
        return new ErrorRecord
        {
            Kind = kind == FailureKinds.Unknown ? ClassifyMessage(message, options.FailureClassifiers, httpStatus, code) : kind,
            Message = text,
            MessageCapture = capture,
            HttpStatus = httpStatus,
            Code = code is null ? null : Clean(code, redactor, ledger, options, "code"),
            Stage = stage,
        };
    }

    /// <summary>Redacts and scrubs a message, then cuts it to head + tail when it is longer than the policy allows.</summary>
    public static (string Message, CaptureRecord? Capture) Sanitize(string message, SecretRedactor redactor, RedactionLedger ledger, RunArtifactsOptions options, string location)
    {
        var clean = Clean(message, redactor, ledger, options, location);
        var max = options.Capture.MaxMessageChars;
        if (clean.Length <= max)
        {
            return (clean, null);
        }

        var originalBytes = Encoding.UTF8.GetBytes(message);
        var tailChars = max / 4;
        var headChars = max - tailChars;
        // Never split a surrogate pair.
        if (char.IsHighSurrogate(clean[headChars - 1]))
        {
            headChars--;
        }

        var tailStart = clean.Length - tailChars;
        if (char.IsLowSurrogate(clean[tailStart]))
        {
            tailStart++;
        }

        var head = clean[..headChars];
        var tail = clean[tailStart..];
        var omitted = clean.Length - head.Length - tail.Length;
        var sha = Convert.ToHexStringLower(SHA256.HashData(originalBytes));
        var kept = string.Concat(head, $" [... {omitted} characters cut by RunArtifacts; original {originalBytes.Length} bytes, sha256 {sha} ...] ", tail);
        return (kept, new CaptureRecord
        {
            Name = location,
            OriginalBytes = originalBytes.Length,
            OriginalSha256 = sha,
            KeptBytes = Encoding.UTF8.GetByteCount(kept),
            Truncated = true,
            HeadBytes = Encoding.UTF8.GetByteCount(head),
            TailBytes = Encoding.UTF8.GetByteCount(tail),
            OmittedBytes = Encoding.UTF8.GetByteCount(clean) - Encoding.UTF8.GetByteCount(head) - Encoding.UTF8.GetByteCount(tail),
            ContentType = "text",
        });
    }

    /// <summary>Classifies an exception: registered classifiers, cancellation, HTTP status, type, message, then inner exceptions.</summary>
    public static string Classify(Exception exception, int? status, IEnumerable<IFailureClassifier>? classifiers = null)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (Custom(classifiers, new FailureInfo(exception, exception.Message, status, null)) is { } custom)
        {
            return custom;
        }

        if (exception is OperationCanceledException)
        {
            return Chain(exception).Any(e => e is TimeoutException) ? FailureKinds.Timeout : FailureKinds.Cancelled;
        }

        if (status is { } s && ClassifyStatus(s) is var byStatus && byStatus != FailureKinds.Unknown)
        {
            return byStatus;
        }

        var byType = ClassifyType(exception);
        if (byType != FailureKinds.Unknown)
        {
            return byType;
        }

        var byMessage = ClassifyMessage(exception.Message);
        if (byMessage != FailureKinds.Unknown)
        {
            return byMessage;
        }

        var inner = exception is AggregateException agg ? agg.InnerExceptions.FirstOrDefault() : exception.InnerException;
        return inner is null ? FailureKinds.Unknown : Classify(inner, HttpStatusOf(inner), classifiers);
    }

    /// <summary>The kind an HTTP status stands for, or <see cref="FailureKinds.Unknown"/>.</summary>
    public static string ClassifyStatus(int status) => status switch
    {
        401 or 403 or 407 => FailureKinds.Unauthorized,
        402 => FailureKinds.QuotaExhausted,
        408 or 504 or 524 => FailureKinds.Timeout,
        429 => FailureKinds.RateLimited,
        451 => FailureKinds.ContentFiltered,
        >= 400 and <= 499 => FailureKinds.InvalidRequest,
        >= 500 and <= 599 => FailureKinds.ProviderError,
        _ => FailureKinds.Unknown,
    };

    /// <summary>Classifies a message: registered classifiers, the HTTP status (given or found in the message), then keywords.</summary>
    public static string ClassifyMessage(string message, IEnumerable<IFailureClassifier>? classifiers = null, int? status = null, string? code = null)
    {
        message ??= string.Empty;
        if (Custom(classifiers, new FailureInfo(null, message, status, code)) is { } custom)
        {
            return custom;
        }

        if ((status ?? StatusInMessage(message)) is { } s && ClassifyStatus(s) is var byStatus && byStatus != FailureKinds.Unknown)
        {
            return byStatus;
        }

        foreach (var (kind, needles) in Keywords)
        {
            foreach (var needle in needles)
            {
                if (message.Contains(needle, StringComparison.OrdinalIgnoreCase) || (code is not null && code.Contains(needle, StringComparison.OrdinalIgnoreCase)))
                {
                    return kind;
                }
            }
        }

        return FailureKinds.Unknown;
    }

    private static readonly (string Kind, string[] Needles)[] Keywords =
    [
        (FailureKinds.RateLimited, ["rate limit", "rate-limit", "ratelimit", "rate_limit", "too many requests", "throttl"]),
        (FailureKinds.QuotaExhausted, ["quota", "insufficient credit", "insufficient_credit", "insufficient balance", "out of credits", "credit balance", "billing", "payment required"]),
        (FailureKinds.Timeout, ["timed out", "timeout", "time-out", "deadline exceeded", "deadline_exceeded"]),
        (FailureKinds.Cancelled, ["cancelled", "canceled"]),
        (FailureKinds.ContentFiltered, ["safety system", "safety filter", "content policy", "content_policy", "nsfw", "moderation", "flagged as"]),
        (FailureKinds.Unauthorized, ["unauthorized", "unauthenticated", "invalid api key", "invalid_api_key", "incorrect api key", "authentication failed", "forbidden"]),
        (FailureKinds.Network, ["connection refused", "connection reset", "no such host", "name resolution", "name or service not known", "network is unreachable", "could not resolve host", "ssl connection", "tls handshake", "econnreset", "econnrefused"]),
        (FailureKinds.InvalidRequest, ["invalid request", "invalid_request", "bad request", "unprocessable", "invalid parameter", "invalid_parameter", "model not found", "unsupported"]),
        (FailureKinds.ProviderError, ["internal server error", "internal error", "server error", "service unavailable", "bad gateway", "overloaded", "upstream", "generation failed"]),
        (FailureKinds.Io, ["no space left", "disk full", "access to the path", "read-only file system", "could not find file", "could not find a part of the path"]),
    ];

    private static string ClassifyType(Exception exception) => exception switch
    {
        TimeoutException => FailureKinds.Timeout,
        HttpRequestException => FailureKinds.Network,
        SocketException => FailureKinds.Network,
        WebException { Status: WebExceptionStatus.Timeout } => FailureKinds.Timeout,
        WebException => FailureKinds.Network,
        System.Security.Authentication.AuthenticationException => FailureKinds.Network,
        IOException when Chain(exception).Any(e => e is SocketException) => FailureKinds.Network,
        UnauthorizedAccessException or IOException => FailureKinds.Io,
        ArgumentException or FormatException or ArtifactValidationException or System.ComponentModel.DataAnnotations.ValidationException => FailureKinds.Validation,
        _ => FailureKinds.Unknown,
    };

    private static string? Custom(IEnumerable<IFailureClassifier>? classifiers, FailureInfo failure)
    {
        if (classifiers is null)
        {
            return null;
        }

        foreach (var classifier in classifiers)
        {
            string? kind;
            try
            {
                kind = classifier.Classify(failure);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // A failing classifier is skipped: shaping an error must not throw.
                continue;
            }

            if (kind is { Length: > 0 and <= 64 } && char.IsAsciiLetterLower(kind[0]) && kind.AsSpan().IndexOfAnyExcept("abcdefghijklmnopqrstuvwxyz0123456789_") < 0)
            {
                return kind;
            }
        }

        return null;
    }

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        for (var (e, depth) = (exception, 0); e is not null && depth < MaxDepth; e = e.InnerException, depth++)
        {
            yield return e;
        }
    }

    private static string Clean(string text, SecretRedactor redactor, RedactionLedger ledger, RunArtifactsOptions options, string location)
        => PrivacyFor(options).Scrub(redactor.RedactText(text, File, location, ledger), File, location, ledger);

    private static int? HttpStatusOf(Exception exception)
    {
        if (exception is HttpRequestException { StatusCode: { } code })
        {
            return (int)code;
        }

        foreach (var key in (ReadOnlySpan<string>)["HttpStatus", "StatusCode", "http_status", "status"])
        {
            if (exception.Data.Contains(key))
            {
                switch (exception.Data[key])
                {
                    case int i when i is >= 100 and <= 599:
                        return i;
                    case HttpStatusCode c:
                        return (int)c;
                    case string s when int.TryParse(s, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed) && parsed is >= 100 and <= 599:
                        return parsed;
                }
            }
        }

        return exception is HttpRequestException or WebException ? StatusInMessage(exception.Message) : null;
    }

    private static int? StatusInMessage(string message)
    {
        var m = StatusPattern().Match(message);
        return m.Success ? int.Parse(m.Groups["code"].ValueSpan, System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    [GeneratedRegex(@"(?i:\b(?:http(?:/\d(?:\.\d)?)?|status(?:[ _]?code)?|returned|responded(?: with)?|answered|replied)(?: [a-z]+){0,4}[\s:=#]*)(?<code>[1-5]\d\d)\b|\b(?<code>[1-5]\d\d) \((?:[A-Z][A-Za-z\-]* ?)+\)", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex StatusPattern();
}
