using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RunArtifacts.Testing;

/// <summary>What a secret scan reads in a written file.</summary>
public static class DiskViews
{
    /// <summary>The file as text (Latin-1 for binary), plus, for JSON and JSON lines, every string and property name decoded.</summary>
    public static IEnumerable<string> Of(string file)
    {
        var bytes = File.ReadAllBytes(file);
        var text = bytes.Contains((byte)0) ? Encoding.Latin1.GetString(bytes) : Encoding.UTF8.GetString(bytes);
        yield return text;
        var documents = file.EndsWith(".jsonl", StringComparison.Ordinal) ? text.Split('\n', StringSplitOptions.RemoveEmptyEntries) : file.EndsWith(".json", StringComparison.Ordinal) ? [text] : [];
        foreach (var json in documents)
        {
            var sb = new StringBuilder();
            Collect(JsonNode.Parse(json), sb);
            yield return sb.ToString();
        }
    }

    private static void Collect(JsonNode? node, StringBuilder sb)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (k, v) in o)
                {
                    sb.Append(k).Append('\n');
                    Collect(v, sb);
                }

                break;
            case JsonArray a:
                foreach (var v in a)
                {
                    Collect(v, sb);
                }

                break;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                sb.Append(v.GetValue<string>()).Append('\n');
                break;
        }
    }
}
