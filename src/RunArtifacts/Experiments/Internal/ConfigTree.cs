using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RunArtifacts.Experiments.Internal;

/// <summary>A configuration tree as flattened key paths (<c>model.layers[0].size</c>) to the JSON text of each leaf.</summary>
internal static class ConfigTree
{
    public static SortedDictionary<string, string> Flatten(JsonNode? node)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        Walk(node, string.Empty, result);
        return result;
    }

    private static void Walk(JsonNode? node, string path, SortedDictionary<string, string> result)
    {
        switch (node)
        {
            case JsonObject obj when obj.Count > 0:
                foreach (var (key, value) in obj)
                {
                    Walk(value, path.Length == 0 ? key : path + "." + key, result);
                }

                break;
            case JsonArray array when array.Count > 0:
                for (var i = 0; i < array.Count; i++)
                {
                    Walk(array[i], path + "[" + i.ToString(CultureInfo.InvariantCulture) + "]", result);
                }

                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                result[path] = value.GetValue<string>();
                break;
            default:
                result[path] = node?.ToJsonString() ?? "null";
                break;
        }
    }
}
