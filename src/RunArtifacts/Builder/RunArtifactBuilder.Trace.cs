using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using RunArtifacts.Builder.Internal;
using RunArtifacts.Internal;

namespace RunArtifacts.Builder;

public sealed partial class RunArtifactBuilder
{
    /// <summary>Sets the request payload; it is written, redacted, to <c>request.json</c>.</summary>
    /// <param name="json">The payload as JSON text.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">The text is not JSON.</exception>
    public RunArtifactBuilder WithRequest(string json)
    {
        Draft.Request = ParseJson(json, nameof(json));
        return this;
    }

    /// <summary>Sets the request payload; it is written, redacted, to <c>request.json</c>.</summary>
    /// <param name="request">The payload.</param>
    /// <returns>This builder.</returns>
    public RunArtifactBuilder WithRequest(JsonNode request)
    {
        ArgumentNullException.ThrowIfNull(request);
        Draft.Request = request.DeepClone();
        return this;
    }

    /// <summary>Sets the request payload from a typed object, serialized through the given (source-generated) metadata.</summary>
    /// <typeparam name="T">The payload type.</typeparam>
    /// <param name="request">The payload.</param>
    /// <param name="typeInfo">Serialization metadata, for example <c>MyJsonContext.Default.MyRequest</c>.</param>
    /// <returns>This builder.</returns>
    public RunArtifactBuilder WithRequest<T>(T request, JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        Draft.Request = JsonSerializer.SerializeToNode(request, typeInfo);
        return this;
    }

    /// <summary>Sets the request payload from any object, serialized by reflection (not trim- or AOT-safe; prefer the <see cref="JsonTypeInfo{T}"/> overload there).</summary>
    /// <param name="request">The payload.</param>
    /// <returns>This builder.</returns>
    [RequiresUnreferencedCode("Serializes by reflection. Use WithRequest<T>(T, JsonTypeInfo<T>) when trimming.")]
    [RequiresDynamicCode("Serializes by reflection. Use WithRequest<T>(T, JsonTypeInfo<T>) with native AOT.")]
    public RunArtifactBuilder WithRequestObject(object request)
    {
        ArgumentNullException.ThrowIfNull(request);
        Draft.Request = JsonSerializer.SerializeToNode(request, request.GetType(), JsonSerializerOptions.Web);
        return this;
    }

    /// <summary>Sets the provider's task or job id.</summary>
    /// <param name="taskId">The id.</param>
    /// <returns>This builder.</returns>
    public RunArtifactBuilder WithTaskId(string taskId)
    {
        Draft.TaskId = Guard.NotBlank(taskId, nameof(taskId));
        return this;
    }

    /// <summary>Sets the payload submitted to the provider (<c>logs/submit_payload.json</c>, redacted).</summary>
    /// <param name="json">JSON text; anything else is kept as text.</param>
    /// <returns>This builder.</returns>
    public RunArtifactBuilder WithSubmitPayload(string json)
    {
        Draft.SubmitPayload = Log("submit_payload", json, preferJson: true);
        return this;
    }

    /// <summary>Sets the provider's answer to the submission (<c>logs/submit_response.json</c>, redacted).</summary>
    /// <param name="json">JSON text; anything else is kept as text.</param>
    /// <returns>This builder.</returns>
    public RunArtifactBuilder WithSubmitResponse(string json)
    {
        Draft.SubmitResponse = Log("submit_response", json, preferJson: true);
        return this;
    }

    /// <summary>Adds a status (poll) response; they are numbered in order, and the last is also the final status.</summary>
    /// <param name="json">JSON text; anything else is kept as text.</param>
    /// <returns>This builder.</returns>
    public RunArtifactBuilder AddStatusResponse(string json)
    {
        Draft.StatusResponses.Add(Log($"status_response_{Draft.StatusResponses.Count + 1:00}", json, preferJson: true));
        return this;
    }

    /// <summary>Adds a named log (<c>logs/NAME.txt</c> or <c>.json</c> when it parses as JSON), redacted and captured under the truncation policy.</summary>
    /// <param name="name">Log name: letters, digits, <c>_</c>, <c>-</c> and <c>.</c>.</param>
    /// <param name="text">The content.</param>
    /// <returns>This builder.</returns>
    public RunArtifactBuilder AddLog(string name, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Draft.Logs.Add(Log(CheckLogName(name), text, preferJson: true));
        return this;
    }

    /// <summary>Adds a named log from bytes: UTF-8 text is redacted and captured, binary content is kept as a <c>.bin</c> file.</summary>
    /// <param name="name">Log name.</param>
    /// <param name="content">The content.</param>
    /// <returns>This builder.</returns>
    public RunArtifactBuilder AddLog(string name, ReadOnlyMemory<byte> content)
    {
        Draft.Logs.Add(new PendingLog(CheckLogName(name), content, PreferJson: true));
        return this;
    }

    /// <summary>Adds a named JSON log, redacted.</summary>
    /// <param name="name">Log name.</param>
    /// <param name="json">The document.</param>
    /// <returns>This builder.</returns>
    public RunArtifactBuilder AddLog(string name, JsonNode json)
    {
        ArgumentNullException.ThrowIfNull(json);
        Draft.Logs.Add(Log(CheckLogName(name), json.ToJsonString(), preferJson: true));
        return this;
    }

    /// <summary>Adds one entry of provider metadata (kept in <c>run.json</c>, redacted).</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The value.</param>
    /// <returns>This builder.</returns>
    public RunArtifactBuilder WithProviderMetadata(string key, JsonNode? value)
    {
        Guard.NotBlank(key, nameof(key));
        Draft.ProviderMetadata[key] = value?.DeepClone();
        return this;
    }

    private static PendingLog Log(string name, string content, bool preferJson)
    {
        ArgumentNullException.ThrowIfNull(content);
        return new PendingLog(name, Encoding.UTF8.GetBytes(content), preferJson);
    }

    private string CheckLogName(string name)
    {
        Guard.NotBlank(name, nameof(name));
        if (name.Length > 80 || name.AsSpan().IndexOfAnyExcept("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.") >= 0 || name.StartsWith('.') || name.Contains("..", StringComparison.Ordinal))
        {
            throw new ArgumentException($"Log name '{Guard.Printable(name)}' must be 1–80 letters, digits, '_', '-' or '.', not starting with '.' nor holding '..'.", nameof(name));
        }

        if (Draft.Logs.Any(l => l.Name == name) || name.StartsWith("submit_", StringComparison.Ordinal) || name.StartsWith("status_response_", StringComparison.Ordinal))
        {
            throw new ArgumentException($"Log name '{name}' is already used or reserved.", nameof(name));
        }

        return name;
    }

    private static JsonNode ParseJson(string json, string paramName)
    {
        ArgumentNullException.ThrowIfNull(json, paramName);
        try
        {
            return JsonNode.Parse(json) ?? throw new ArgumentException("The JSON must not be the literal null.", paramName);
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"The text is not valid JSON: {ex.Message}", paramName, ex);
        }
    }
}
