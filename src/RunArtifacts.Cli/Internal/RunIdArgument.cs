namespace RunArtifacts.Cli.Internal;

/// <summary>
/// The check a verb applies to a run id it was given, before it looks for the run: an empty id (an unset shell variable,
/// say) or one with a path in it is a usage error (exit 2), never a crash or a search of the whole root.
/// </summary>
internal static class RunIdArgument
{
    /// <summary>The id, when it is one (lower-case letters, digits, '_' and '-'); a usage error otherwise.</summary>
    public static string Check(string id)
    {
        if (id.Length == 0 || !id.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '_' or '-'))
        {
            throw new CliUsageException($"'{id}' is not a run id (lower-case letters, digits, '_' and '-').");
        }

        return id;
    }

    /// <summary>Run ids or run paths (<c>DATE/RUN_ID</c>), checked only for being there: a blank one is a usage error.</summary>
    public static string[]? CheckNotBlank(string[]? ids)
    {
        if (ids?.FirstOrDefault(string.IsNullOrWhiteSpace) is { } blank)
        {
            throw new CliUsageException($"'{blank}' is not a run id (lower-case letters, digits, '_' and '-'), nor a DATE/RUN_ID path.");
        }

        return ids;
    }
}
