using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using RunArtifacts.Cli.Internal;
using RunArtifacts.Experiments;

namespace RunArtifacts.Cli.Commands;

/// <summary><c>artifacts diff RUN_A RUN_B [--json]</c>: configuration keys, metrics, environment and identical files of two runs.</summary>
internal static class DiffCommand
{
    public static Command Create(CliContext context)
    {
        var root = CliContext.RootOption();
        var runA = new Argument<string>("RUN_A") { Description = "The first run id (the 'before')." };
        var runB = new Argument<string>("RUN_B") { Description = "The second run id (the 'after')." };
        var json = new Option<bool>("--json") { Description = "Write the comparison as one line of JSON." };
        var command = new Command("diff", "Compare two runs: configuration differences as flattened keys (added, removed, changed), metric values and deltas, environment differences (git, packages, runtime) and files identical by sha256.") { runA, runB, root, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var store = CliContext.OpenStore(CliContext.ExistingRoot(parse.GetRequiredValue(root)));
            RunComparison comparison;
            try
            {
                comparison = await store.CompareRunsAsync(RunIdArgument.Check(parse.GetRequiredValue(runA)), RunIdArgument.Check(parse.GetRequiredValue(runB)), cancellationToken).ConfigureAwait(false);
            }
            catch (ArgumentException ex)
            {
                throw new CliUsageException(ex.Message.Split(" (Parameter", 2)[0]);
            }

            await context.Out.WriteAsync(parse.GetValue(json) ? ToJson(comparison).ToJsonString() + "\n" : Describe(comparison)).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }

    internal static JsonObject ToJson(RunComparison c)
    {
        static JsonArray Keys(IEnumerable<KeyChange> changes) => new(changes.Select(k => (JsonNode)new JsonObject
        {
            ["key"] = k.Key,
            ["change"] = k.Kind.ToString().ToLowerInvariant(),
            ["before"] = k.Before,
            ["after"] = k.After,
        }).ToArray());

        return new JsonObject
        {
            ["run_a"] = c.RunA,
            ["run_b"] = c.RunB,
            ["config"] = Keys(c.Config),
            ["metrics"] = new JsonArray(c.Metrics.Select(m => (JsonNode)new JsonObject { ["name"] = m.Name, ["a"] = m.A, ["b"] = m.B, ["delta"] = m.Delta, ["changed"] = m.A != m.B }).ToArray()),
            ["environment"] = Keys(c.Environment),
            ["identical_files"] = new JsonArray(c.IdenticalFiles.Select(f => (JsonNode)new JsonObject { ["path_a"] = f.PathA, ["path_b"] = f.PathB, ["sha256"] = f.Sha256 }).ToArray()),
        };
    }

    internal static string Describe(RunComparison c)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"a  {c.RunA}\nb  {c.RunB}\n");
        void Section(string title, IReadOnlyList<KeyChange> changes)
        {
            sb.Append(CultureInfo.InvariantCulture, $"\n{title} ({(changes.Count == 0 ? "no differences" : changes.Count + " different")})\n");
            foreach (var k in changes)
            {
                sb.Append(k.Kind switch
                {
                    ChangeKind.Added => string.Create(CultureInfo.InvariantCulture, $"  + {k.Key}: {k.After}\n"),
                    ChangeKind.Removed => string.Create(CultureInfo.InvariantCulture, $"  - {k.Key}: {k.Before}\n"),
                    _ => string.Create(CultureInfo.InvariantCulture, $"  ~ {k.Key}: {k.Before} -> {k.After}\n"),
                });
            }
        }

        Section("config", c.Config);
        var changed = c.ChangedMetrics.ToList();
        sb.Append(CultureInfo.InvariantCulture, $"\nmetrics ({(changed.Count == 0 ? "no differences" : changed.Count + " different")} of {c.Metrics.Count})\n");
        foreach (var m in c.Metrics)
        {
            var delta = m.Delta is { } d ? d.ToString("+0.######;-0.######;0", CultureInfo.InvariantCulture) : "n/a";
            sb.Append(CultureInfo.InvariantCulture, $"  {(m.A != m.B ? "~" : "=")} {m.Name}: {Number(m.A)} -> {Number(m.B)} ({delta})\n");
        }

        Section("environment", c.Environment);
        sb.Append(CultureInfo.InvariantCulture, $"\nidentical files ({c.IdenticalFiles.Count})\n");
        foreach (var f in c.IdenticalFiles)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  = {f.PathA}{(f.PathA == f.PathB ? string.Empty : " = " + f.PathB)} ({f.Sha256[..12]})\n");
        }

        return sb.ToString();
    }

    private static string Number(double? value) => value?.ToString("0.######", CultureInfo.InvariantCulture) ?? "-";
}
