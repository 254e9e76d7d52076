using System.Text;
using Microsoft.Data.Sqlite;

namespace RunArtifacts.Catalog.Internal;

/// <summary>
/// Metrics in the catalog (issue 14): each run's row holds its index entry, whose <c>metrics</c> object carries the last
/// value of every metric; a query by metric filters and sorts on it through SQLite's JSON functions.
/// </summary>
internal sealed partial class SqliteRunCatalog
{
    /// <summary>Adds the metric filter of <paramref name="query"/> and returns its ORDER BY prefix (empty without one).</summary>
    private static string MetricFilter(RunQuery query, StringBuilder sql, SqliteCommand command)
    {
        if (query.Metric is not { } metric)
        {
            return string.Empty;
        }

        // A JSON path with the name quoted: metric names hold only letters, digits, spaces and '_-./:' (the builder checks).
        command.Parameters.AddWithValue("$metric", "$.metrics.\"" + metric.Replace("\"", string.Empty, StringComparison.Ordinal) + "\"");
        sql.Append(" AND json_type(r.entry, $metric) IN ('real', 'integer')");
        return query.MetricAscending ? "json_extract(r.entry, $metric) ASC, " : "json_extract(r.entry, $metric) DESC, ";
    }
}
