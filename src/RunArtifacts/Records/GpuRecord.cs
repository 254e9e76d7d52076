namespace RunArtifacts.Records;

/// <summary>One GPU as <c>nvidia-smi</c> reports it.</summary>
public sealed record GpuRecord
{
    /// <summary>The product name.</summary>
    public required string Name { get; init; }

    /// <summary>The driver version.</summary>
    public string? DriverVersion { get; init; }

    /// <summary>Total memory in MiB.</summary>
    public long? MemoryMib { get; init; }
}
