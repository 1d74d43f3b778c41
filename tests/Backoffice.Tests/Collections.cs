namespace Schoolplein.Backoffice.Tests;

/// <summary>xUnit collections: test classes in one collection take turns instead of running side by side.</summary>
public static class Collections
{
    /// <summary>Classes that run a whole MijnSchool import (hundreds of pupils and invitations).</summary>
    public const string Imports = "Whole imports";
}
