using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;

namespace RunArtifacts.Redaction.Internal;

/// <summary>The scan engine: one pass of the combined built-in expression over a text, then the extra patterns; hits collected with their places.</summary>
internal sealed partial class SecretRedactor
{
    private string Scan(string text, string file, Location location, RedactionLedger? ledger, List<Found>? found)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        var result = ScanBuiltIn(text, file, location, ledger, found)?.Result() ?? text;
        return extraPatterns.Length == 0 ? result : ScanExtra(result, file, location, ledger, found, found is null);
    }

    /// <summary>
    /// Redacted text as UTF-8, the form it is written to disk in, appended to <paramref name="output"/>: the kept spans and
    /// markers are encoded straight into the writer's buffer (a pooled one reuses memory already mapped), with no redacted
    /// string or array in between. Each secret is counted at its line.
    /// </summary>
    public void RedactTextToUtf8(string text, string file, RedactionLedger ledger, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(output);
        if (extraPatterns.Length > 0 || text.Length == 0)
        {
            WriteUtf8(Scan(text, file, default, ledger, found: null), output);
        }
        else if (ScanBuiltIn(text, file, default, ledger, found: null) is { } sink)
        {
            sink.WriteUtf8(output);
        }
        else
        {
            WriteUtf8(text, output);
        }
    }

    /// <summary>Encodes <paramref name="text"/> as UTF-8 into <paramref name="output"/> in one span of the exact size.</summary>
    private static void WriteUtf8(ReadOnlySpan<char> text, IBufferWriter<byte> output)
    {
        var length = Encoding.UTF8.GetByteCount(text);
        Encoding.UTF8.GetBytes(text, output.GetSpan(length));
        output.Advance(length);
    }

    /// <summary>The built-in rules over <paramref name="text"/>; null when no rule can start anywhere in it.</summary>
    private Sink? ScanBuiltIn(string text, string file, Location location, RedactionLedger? ledger, List<Found>? found)
    {
        // Candidates come from the prefilter (vectorised searches). A position that only a "name:" / "name=" pair can start at
        // is judged in code, from the prefilter's separator; any other is matched by the combined expression anchored there
        // (the expression decides between its alternatives exactly as a scan from that position would).
        var candidates = new SecretCandidates(text);
        Sink? sink = null;
        var pos = 0;
        while (pos < text.Length)
        {
            var literal = candidates.NextLiteral(pos);
            var url = candidates.NextUrl(pos);
            var aws = candidates.NextAws(pos);
            var name = candidates.NextName(pos);
            var at = Math.Min(Math.Min(literal, url), Math.Min(aws, name));
            if (at == SecretCandidates.None)
            {
                break;
            }

            sink ??= new Sink(this, text, file, location, ledger, found);
            if (at == name && at != literal && at != url && at != aws)
            {
                pos = EvaluateName(text, at, candidates.NameEnd - at, candidates.ValueStart, sink.Hit);
                continue;
            }

            // The length first, without allocating; a match spanning exactly the prefilter's name pair is that pair (no
            // value shape ends in a separator or a blank). Only value shapes need the groups of a full match.
            var length = AnchoredLength(text.AsSpan(), at);
            pos = length < 0 ? at + 1
                : at == name && at + length == candidates.ValueStart ? EvaluateName(text, at, candidates.NameEnd - at, candidates.ValueStart, sink.Hit)
                : Evaluate(text, MatchAnchored(text, at), sink.Hit);
        }

        return sink;
    }

    /// <summary>Collects the hits of one scan: the output text (built only once something is replaced), the ledger, the line count.</summary>
    private sealed class Sink
    {
        private readonly SecretRedactor owner;
        private readonly string text;
        private readonly string file;
        private readonly Location location;
        private readonly RedactionLedger? ledger;
        private readonly List<Found>? found;
        private List<(int Start, int Length)>? replaced;
        private int removed;
        private int line = 1;
        private int linePos;

        public Sink(SecretRedactor owner, string text, string file, Location location, RedactionLedger? ledger, List<Found>? found)
        {
            this.owner = owner;
            this.text = text;
            this.file = file;
            this.location = location;
            this.ledger = ledger;
            this.found = found;
            Hit = OnHit;
        }

        public Action<int, int, string> Hit { get; }

        /// <summary>The text with every hit replaced by the marker, built in one copy; null when nothing was replaced.</summary>
        public string? Result()
        {
            if (replaced is null)
            {
                return null;
            }

            var length = text.Length - removed + (replaced.Count * owner.Marker.Length);
            return string.Create(length, this, static (span, sink) =>
            {
                var source = sink.text.AsSpan();
                var marker = sink.owner.Marker.AsSpan();
                var copied = 0;
                foreach (var (start, length) in sink.replaced!)
                {
                    source[copied..start].CopyTo(span);
                    span = span[(start - copied)..];
                    marker.CopyTo(span);
                    span = span[marker.Length..];
                    copied = start + length;
                }

                source[copied..].CopyTo(span);
            });
        }

        /// <summary>The same text as <see cref="Result"/>, encoded as UTF-8 into <paramref name="output"/> in one span of the exact size.</summary>
        public void WriteUtf8(IBufferWriter<byte> output)
        {
            var utf8 = Encoding.UTF8;
            if (replaced is null)
            {
                SecretRedactor.WriteUtf8(text, output);
                return;
            }

            var source = text.AsSpan();
            // Counted span by span as they are encoded (a span's edge could split a surrogate pair).
            var length = replaced.Count * utf8.GetByteCount(owner.Marker);
            var counted = 0;
            foreach (var (start, count) in replaced)
            {
                length += utf8.GetByteCount(source[counted..start]);
                counted = start + count;
            }

            length += utf8.GetByteCount(source[counted..]);

            var span = output.GetSpan(length)[..length];
            var copied = 0;
            foreach (var (start, count) in replaced)
            {
                span = span[utf8.GetBytes(source[copied..start], span)..];
                span = span[utf8.GetBytes(owner.Marker, span)..];
                copied = start + count;
            }

            utf8.GetBytes(source[copied..], span);
            output.Advance(length);
        }

        private void OnHit(int start, int length, string rule)
        {
            if (start > linePos)
            {
                line += text.AsSpan(linePos, start - linePos).Count('\n');
                linePos = start;
            }

            if (found is not null)
            {
                found.Add(new Found(rule, line, start, length));
                return;
            }

            ledger?.Add(file, location.Describe(line), rule);
            (replaced ??= []).Add((start, length));
            removed += length;
        }
    }

    private string ScanExtra(string text, string file, Location location, RedactionLedger? ledger, List<Found>? found, bool replace)
    {
        foreach (var (rule, pattern) in extraPatterns)
        {
            var starts = new LineCounter(text);
            string Evaluator(Match m)
            {
                var g = m.Groups["secret"].Success ? m.Groups["secret"] : m.Groups[0];
                if (g.Length == 0 || g.ValueSpan.SequenceEqual(Marker) || g.ValueSpan.Contains(Marker, StringComparison.Ordinal) || allowedValues.Contains(g.Value))
                {
                    return m.Value;
                }

                var line = starts.LineOf(g.Index);
                if (found is not null)
                {
                    found.Add(new Found(rule, line, g.Index, g.Length));
                    return m.Value;
                }

                ledger?.Add(file, location.Describe(line), rule);
                return string.Concat(m.ValueSpan[..(g.Index - m.Index)], Marker, m.ValueSpan[(g.Index - m.Index + g.Length)..]);
            }

            var result = pattern.Replace(text, Evaluator);
            if (replace)
            {
                text = result;
            }
        }

        return text;
    }

    /// <summary>Counts lines lazily for the extra-pattern pass.</summary>
    private sealed class LineCounter(string text)
    {
        private int pos;
        private int line = 1;

        public int LineOf(int index)
        {
            if (index < pos)
            {
                pos = 0;
                line = 1;
            }

            line += text.AsSpan(pos, index - pos).Count('\n');
            pos = index;
            return line;
        }
    }

    /// <summary>One secret found: its rule, 1-based line, and character range.</summary>
    internal readonly record struct Found(string Rule, int Line, int Start, int Length);

    /// <summary>Where redactions in one scan are accounted: a fixed place, a JSON path (built only when needed), or the line.</summary>
    private readonly record struct Location(string? Fixed, JsonPathBuilder? Path, string? Suffix)
    {
        public string Describe(int line)
            => Fixed ?? (Path is not null ? Path.Build() + Suffix : "line " + line.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
