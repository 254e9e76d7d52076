namespace RunArtifacts.Testing;

/// <summary>
/// Byte-for-byte equality of large buffers in one vectorised pass. NUnit's <c>Is.EqualTo</c> compares two arrays element
/// by element through its generic equality: about a second for 8 MiB, most of a copy test's time. A failure names the
/// lengths and the first offset that differs.
/// </summary>
public static class ByteAssert
{
    /// <summary>Asserts that <paramref name="actual"/> holds exactly the bytes of <paramref name="expected"/>.</summary>
    public static void Same(byte[] actual, byte[] expected, string what = "the bytes")
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(expected);
        var common = actual.AsSpan().CommonPrefixLength(expected);
        if (common == expected.Length && actual.Length == expected.Length)
        {
            return;
        }

        Assert.Fail($"{what} differ: {actual.Length:N0} bytes against {expected.Length:N0} expected, first difference at offset {common:N0}");
    }
}
