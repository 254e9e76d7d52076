namespace RunArtifacts.Redaction;

/// <summary>What the redactor removes beyond its built-in rules, and what it must leave alone.</summary>
/// <remarks>
/// Everything the library writes passes the redactor: the request, logs and provider trace, errors and warnings, notes,
/// source context, options, metadata and the URLs of asset records. Built-in rules (named in <c>run.json</c> →
/// <c>redaction</c>):
/// <list type="bullet">
/// <item><c>name:&lt;name&gt;</c>: the value of a secret key, header or <c>name=value</c> pair — <c>authorization</c>,
/// <c>proxy-authorization</c>, <c>cookie</c>, <c>set-cookie</c>, <c>x-api-key</c>, <c>api_key</c>, <c>auth</c>, <c>secret</c>,
/// <c>client_secret</c>, <c>password</c>, <c>passwd</c>, <c>pwd</c>, <c>credential(s)</c>, <c>private_key</c>, <c>signature</c>,
/// <c>signed_url</c>, session ids, fal.ai's <c>FAL_KEY</c>, and any name ending in <c>token</c>, <c>secret</c>, <c>password</c>,
/// <c>api_key</c>, <c>secret_key</c>, <c>private_key</c>, <c>access_key</c>, <c>subscription_key</c> (Azure's
/// <c>Ocp-Apim-Subscription-Key</c>), <c>master_key</c>, <c>pwd</c>, <c>pass</c> (<c>MYSQL_PWD</c>, <c>DB_PASS</c>; not
/// <c>bypass</c>, <c>compass</c>, <c>two_pass</c>, <c>render_pass</c> …), <c>credential</c>, <c>signature</c> or <c>cookie</c>. Pagination
/// cursors (<c>next_page_token</c>), tokenizer tokens (<c>eos_token</c>) and counts (<c>max_tokens</c>) are kept.</item>
/// <item><c>query:&lt;name&gt;</c>: the same names as URL query parameters (<c>X-Amz-Signature</c>, <c>X-Amz-Credential</c>,
/// <c>X-Amz-Security-Token</c>, <c>X-Goog-Signature</c>, <c>sig</c>, <c>token</c>, <c>access_token</c>, …), plus <c>key</c> and <c>code</c>.</item>
/// <item><c>url:userinfo</c>: the password of <c>scheme://user:pass@host</c> (connection URLs included).</item>
/// <item><c>url:webhook_token</c>: the token in a webhook URL's path: Slack's <c>hooks.slack.com/services/T…/B…/TOKEN</c>
/// (and <c>workflows</c>, <c>triggers</c>), Discord's and any <c>/api/webhooks/ID/TOKEN</c>.</item>
/// <item><c>value:bearer</c>, <c>value:basic</c>, <c>value:jwt</c>, <c>value:provider_key</c> (<c>sk-</c>, <c>sk-proj-</c>,
/// <c>sk-ant-</c>, <c>ghp_</c>/<c>gho_</c>/<c>ghu_</c>/<c>ghs_</c>/<c>ghr_</c>, <c>github_pat_</c>, <c>xox?-</c>, <c>AIza</c>,
/// <c>ya29.</c>, <c>glpat-</c>, <c>hf_</c>, <c>r8_</c>, <c>gsk_</c>, <c>pplx-</c>, <c>xai-</c>, <c>npm_</c>, <c>pypi-</c>,
/// <c>sk_live_</c>, <c>SG.</c>, …), <c>value:aws_access_key</c> (<c>AKIA…</c>, <c>ASIA…</c>), <c>value:aws_secret_key</c>,
/// <c>value:pem_private_key</c>: these shapes are found wherever they appear, in JSON strings and in plain text.</item>
/// <item><c>custom:N</c>: a match of <see cref="ExtraPatterns"/>[N].</item>
/// </list>
/// </remarks>
public sealed class RedactionOptions
{
    /// <summary>The text that replaces each secret.</summary>
    /// <value>Default <c>[REDACTED]</c>.</value>
    public string Marker { get; set; } = "[REDACTED]";

    /// <summary>Extra key, header or query-parameter names whose values are secrets (case-insensitive; <c>-</c> and <c>_</c> are ignored).</summary>
    public IList<string> ExtraNames { get; set; } = [];

    /// <summary>Extra regular expressions whose matches are secrets. Each is named <c>custom:N</c> in the accounting. When a
    /// pattern has a group named <c>secret</c>, only that group is replaced.</summary>
    public IList<string> ExtraPatterns { get; set; } = [];

    /// <summary>Names that look secret but are not (for example <c>next_page_token</c> is already kept, <c>csrf_token</c> is not);
    /// their values are kept. Takes precedence over <see cref="ExtraNames"/> and the built-in names.</summary>
    public IList<string> AllowNames { get; set; } = [];

    /// <summary>Exact values that are never redacted, whatever rule matches them (for example a published test key).</summary>
    public IList<string> AllowValues { get; set; } = [];

    /// <summary>Most redaction entries kept in <c>run.json</c>; the total is always exact.</summary>
    /// <value>Default 1000.</value>
    public int MaxEntries { get; set; } = 1000;

    internal IEnumerable<string> Validate()
    {
        if (string.IsNullOrEmpty(Marker))
        {
            yield return "Redaction.Marker must not be empty.";
        }

        if (MaxEntries < 0)
        {
            yield return "Redaction.MaxEntries must not be negative.";
        }

        for (var i = 0; i < ExtraPatterns.Count; i++)
        {
            string? error = null;
            try
            {
                _ = new System.Text.RegularExpressions.Regex(ExtraPatterns[i]);
            }
            catch (ArgumentException ex)
            {
                error = $"Redaction.ExtraPatterns[{i}] is not a valid regular expression: {ex.Message}";
            }

            if (error is not null)
            {
                yield return error;
            }
        }
    }

    /// <summary>A deep copy (the store's snapshot).</summary>
    internal RedactionOptions Copy() => new()
    {
        Marker = Marker,
        ExtraNames = [.. ExtraNames],
        ExtraPatterns = [.. ExtraPatterns],
        AllowNames = [.. AllowNames],
        AllowValues = [.. AllowValues],
        MaxEntries = MaxEntries,
    };
}
