namespace RunArtifacts.Records;

/// <summary>Runtime, operating system, CPU and memory facts of the machine that committed a run.</summary>
public sealed record HostRecord
{
    /// <summary>.NET runtime description.</summary>
    public required string DotnetRuntime { get; init; }

    /// <summary>Operating system description.</summary>
    public required string Os { get; init; }

    /// <summary>Process architecture.</summary>
    public required string Architecture { get; init; }

    /// <summary>CPU model name, when the system tells it (Linux <c>/proc/cpuinfo</c>).</summary>
    public string? CpuModel { get; init; }

    /// <summary>Logical processors available to the process.</summary>
    public required int CpuCount { get; init; }

    /// <summary>Total memory available to the process, in bytes.</summary>
    public long? MemoryBytes { get; init; }
}
