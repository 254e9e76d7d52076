using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace RunArtifacts.Testing;

/// <summary>Reads the library's XML documentation (copied beside the test assembly) as plain-text summaries.</summary>
public static partial class XmlDocs
{
    private static readonly Lazy<Dictionary<string, string>> Summaries = new(Load);

    /// <summary>The summary of a type or property, as one line of plain text, or null when it has none.</summary>
    public static string? Describe(MemberInfo member)
    {
        var id = member switch
        {
            Type t => "T:" + t.FullName,
            PropertyInfo p => "P:" + p.DeclaringType!.FullName + "." + p.Name,
            _ => null,
        };
        return id is not null && Summaries.Value.TryGetValue(id, out var text) ? text : null;
    }

    private static Dictionary<string, string> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "RunArtifacts.xml");
        var doc = XDocument.Load(path);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var member in doc.Descendants("member"))
        {
            var summary = member.Element("summary");
            if (summary is not null && member.Attribute("name")?.Value is { } name)
            {
                result[name] = Flatten(summary);
            }
        }

        return result;
    }

    private static string Flatten(XElement element)
    {
        var sb = new StringBuilder();
        foreach (var node in element.Nodes())
        {
            switch (node)
            {
                case XText text:
                    sb.Append(text.Value);
                    break;
                case XElement e when e.Name == "see" && e.Attribute("cref")?.Value is { } cref:
                    sb.Append(cref[(cref.LastIndexOf('.') + 1)..]);
                    break;
                case XElement e when e.Name == "see" && e.Attribute("langword")?.Value is { } word:
                    sb.Append(word);
                    break;
                case XElement e:
                    sb.Append(Flatten(e));
                    break;
            }
        }

        return Spaces().Replace(sb.ToString(), " ").Trim();
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
