global using NUnit.Framework;
global using RunArtifacts.Testing;
