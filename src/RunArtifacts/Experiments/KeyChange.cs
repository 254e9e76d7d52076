namespace RunArtifacts.Experiments;

/// <summary>One flattened key (<c>optim.lr</c>, <c>package_versions.NUnit</c>) that differs between two runs.</summary>
/// <param name="Key">The key path.</param>
/// <param name="Kind">Added, removed or changed.</param>
/// <param name="Before">The first run's value (its JSON text, or the string itself), or null when removed… added.</param>
/// <param name="After">The second run's value, or null when removed.</param>
public sealed record KeyChange(string Key, ChangeKind Kind, string? Before, string? After);
