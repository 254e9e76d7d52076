namespace RunArtifacts.Testing;

/// <summary>A clock that only moves when told (Microsoft.Extensions.TimeProvider.Testing does not restore here).</summary>
public sealed class FakeTimeProvider(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset now = start;

    public override DateTimeOffset GetUtcNow() => now;

    public void Advance(TimeSpan by) => now += by;
}
