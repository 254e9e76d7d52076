using System.Globalization;
using System.Text;
using System.Text.Json;

namespace RunArtifacts.Redaction.Internal;

/// <summary>The JSON path of the node being walked (<c>$.headers.authorization</c>, <c>$.items[2]['odd key']</c>), built only on demand.</summary>
internal sealed class JsonPathBuilder
{
    private readonly List<(string? Key, int Index, JsonProperty Property)> segments = [];

    public void Push(string key) => segments.Add((key, -1, default));

    /// <summary>A property's name, read from the document only if the path is built (most never are).</summary>
    public void Push(JsonProperty property) => segments.Add((null, -1, property));

    public void Push(int index) => segments.Add((null, index, default));

    public void Pop() => segments.RemoveAt(segments.Count - 1);

    public string Build()
    {
        var sb = new StringBuilder("$");
        foreach (var (name, index, property) in segments)
        {
            var key = name ?? (index < 0 ? property.Name : null);
            if (key is null)
            {
                sb.Append('[').Append(index.ToString(CultureInfo.InvariantCulture)).Append(']');
            }
            else if (key.Length > 0 && (char.IsAsciiLetter(key[0]) || key[0] == '_') && key.AsSpan().IndexOfAnyExcept("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-") < 0)
            {
                sb.Append('.').Append(key);
            }
            else
            {
                sb.Append("['").Append(key.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal)).Append("']");
            }
        }

        return sb.ToString();
    }
}
