namespace RunArtifacts.Records;

/// <summary>The well-known failure kinds recorded in <see cref="ErrorRecord.Kind"/>.</summary>
public static class FailureKinds
{
    /// <summary>The operation ran out of time.</summary>
    public const string Timeout = "timeout";

    /// <summary>The operation was cancelled.</summary>
    public const string Cancelled = "cancelled";

    /// <summary>The provider refused because of rate limits (HTTP 429).</summary>
    public const string RateLimited = "rate_limited";

    /// <summary>The account's quota or credits ran out.</summary>
    public const string QuotaExhausted = "quota_exhausted";

    /// <summary>The provider failed (HTTP 5xx, a failed job).</summary>
    public const string ProviderError = "provider_error";

    /// <summary>The request was rejected as invalid (HTTP 400, 404, 422).</summary>
    public const string InvalidRequest = "invalid_request";

    /// <summary>Authentication or authorization failed (HTTP 401, 403).</summary>
    public const string Unauthorized = "unauthorized";

    /// <summary>The network failed (DNS, connection, TLS).</summary>
    public const string Network = "network";

    /// <summary>Local input/output failed.</summary>
    public const string Io = "io";

    /// <summary>Input validation failed before anything was sent.</summary>
    public const string Validation = "validation";

    /// <summary>The content was refused by a safety filter.</summary>
    public const string ContentFiltered = "content_filtered";

    /// <summary>Nothing more specific is known.</summary>
    public const string Unknown = "unknown";
}
