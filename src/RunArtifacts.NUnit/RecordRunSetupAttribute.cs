using System.Diagnostics.CodeAnalysis;

namespace RunArtifacts.NUnit;

/// <summary>Names the <see cref="IRecordRunSetup"/> that configures the store options of this test assembly's recorded runs.</summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false)]
public sealed class RecordRunSetupAttribute : Attribute
{
    /// <summary>Names the setup type.</summary>
    /// <param name="setupType">A class implementing <see cref="IRecordRunSetup"/> with a public parameterless constructor.</param>
    public RecordRunSetupAttribute([DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] Type setupType)
    {
        ArgumentNullException.ThrowIfNull(setupType);
        SetupType = setupType;
    }

    /// <summary>The setup type.</summary>
    [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)]
    public Type SetupType { get; }
}
