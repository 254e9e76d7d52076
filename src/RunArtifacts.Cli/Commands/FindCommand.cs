using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using RunArtifacts.Catalog;

namespace RunArtifacts.Cli.Commands;

/// <summary><c>artifacts find --sha256 HEX</c>: every run that produced, consumed or holds a file with this content.</summary>
internal static class FindCommand
{
    public static Command Create(CliContext context)
    {
        var root = CliContext.RootOption();
        var sha = new Option<string>("--sha256") { Description = "The content hash to look for (64 hexadecimal digits).", Required = true };
        var limit = new Option<int>("--limit") { Description = "At most this many uses of each kind (produced, consumed, other), newest runs first.", DefaultValueFactory = _ => 100 };
        var json = CliContext.JsonOption();
        var command = new Command("find", "Find every use of a file's content across the root, by SHA-256: the runs that produced it (output or derivative), the runs that consumed it (input), and where.")
        {
            root, sha, limit, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var hash = parse.GetRequiredValue(sha).Trim();
            if (hash.Length != 64 || !hash.All(char.IsAsciiHexDigit))
            {
                throw new CliUsageException($"--sha256 '{hash}' is not a SHA-256 (64 hexadecimal digits).");
            }

            if (parse.GetValue(limit) < 1)
            {
                throw new CliUsageException("--limit must be at least 1.");
            }

            var store = CliContext.OpenStore(parse.GetRequiredValue(root));
            var uses = await store.FindBySha256Async(hash, parse.GetValue(limit), cancellationToken).ConfigureAwait(false);
            await context.Out.WriteAsync(parse.GetValue(json) ? Json(uses) + "\n" : Text(uses)).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }

    internal static string Text(HashLookup uses)
    {
        var sb = new StringBuilder().Append("sha256 ").Append(uses.Sha256).Append('\n');
        if (uses.IsEmpty)
        {
            return sb.Append("no file of any run has this content\n").ToString();
        }

        void Section(string title, IReadOnlyList<RunFile> files)
        {
            if (files.Count == 0)
            {
                return;
            }

            sb.Append(title).Append('\n');
            var rows = files.Select(f => new[] { f.RunId, f.Path, f.Role.ToString().ToLowerInvariant(), ShowCommand.FormatBytes(f.Bytes), f.ModelKey, f.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) }).ToList();
            var widths = Enumerable.Range(0, 6).Select(i => rows.Max(r => r[i].Length)).ToArray();
            foreach (var row in rows)
            {
                sb.Append("  ").Append(string.Join("  ", row.Select((c, i) => i == row.Length - 1 ? c : c.PadRight(widths[i])))).Append('\n');
            }
        }

        Section("produced by:", uses.Produced);
        Section("consumed by:", uses.Consumed);
        Section("also held as a record or log:", uses.Other);
        if (uses.Omitted > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"({uses.Omitted} more use(s) left out; raise --limit)\n");
        }

        return sb.ToString();
    }

    internal static string Json(HashLookup uses)
    {
        static JsonArray Files(IReadOnlyList<RunFile> files) => new(files.Select(f => (JsonNode)new JsonObject
        {
            ["run_id"] = f.RunId,
            ["run_path"] = f.RunPath,
            ["role"] = f.Role.ToString().ToLowerInvariant(),
            ["path"] = f.Path,
            ["bytes"] = f.Bytes,
            ["mime_type"] = f.MimeType,
            ["model_key"] = f.ModelKey,
            ["created_at"] = f.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
        }).ToArray());

        return new JsonObject
        {
            ["sha256"] = uses.Sha256,
            ["produced"] = Files(uses.Produced),
            ["consumed"] = Files(uses.Consumed),
            ["other"] = Files(uses.Other),
            ["omitted"] = uses.Omitted,
        }.ToJsonString();
    }
}
