using RunArtifacts.Catalog;

namespace RunArtifacts.Export;

/// <summary>What <see cref="PortableExport.ExportAsync"/> exports, and where to.</summary>
public sealed class ExportOptions
{
    /// <summary>The folder to create. It must not exist (or be empty): the export is staged beside it and renamed into place.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>Which runs (model, tag, status, time range, text); every run when null. Paging fields are honoured too.</summary>
    public RunQuery? Runs { get; init; }
}
