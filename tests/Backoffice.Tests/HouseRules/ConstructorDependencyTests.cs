using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Schoolplein.Backoffice;
using Schoolplein.Platform.Persistence;
using Schoolplein.Tenant.Web;
using Xunit;

namespace Schoolplein.Backoffice.Tests.HouseRules;

/// <summary>
/// Issue 18's house rule "no class with more than six constructor dependencies": a class that
/// needs more does more than one thing and is split by responsibility. Read by reflection over
/// the three src assemblies (this project references all of them), so a new class is checked
/// without anyone remembering to.
/// </summary>
public sealed class ConstructorDependencyTests
{
    public const int Max = 6;

    private static readonly Assembly[] Sources = [typeof(SchoolpleinDb).Assembly, typeof(TenantWebApp).Assembly, typeof(BackofficeApp).Assembly];

    [Fact]
    public void NoClassInSrcTakesMoreThanSixConstructorDependencies()
    {
        var offenders = Sources.SelectMany(Offenders).ToList();
        Assert.True(offenders.Count == 0,
            "More than six constructor dependencies (split by responsibility):\n" + string.Join("\n", offenders.Select(o => $"{o.Type.FullName}: {o.Count}")));
    }

    [Fact]
    public void TheCheckFindsAClassWithSevenDependenciesAndIgnoresRecordsAndFrameworkBaseParameters()
    {
        var found = Offenders(typeof(ConstructorDependencyTests).Assembly).Select(o => o.Type).ToList();
        Assert.Contains(typeof(SevenDependencies), found);
        Assert.DoesNotContain(typeof(SixDependencies), found);
        Assert.DoesNotContain(typeof(SevenFieldRecord), found);
        Assert.DoesNotContain(typeof(OnTopOfAFrameworkBase), found);
    }

    /// <summary>
    /// Classes whose widest constructor takes more than <see cref="Max"/> parameters of its own.
    /// Not counted: compiler-generated types, EF migrations and model snapshots, records (data, not
    /// services), and the parameters a base class from outside our code requires (SignInManager
    /// subclasses must pass its seven on).
    /// </summary>
    private static IEnumerable<(Type Type, int Count)> Offenders(Assembly assembly)
    {
        foreach (var type in assembly.GetTypes())
        {
            if (!type.IsClass || type.IsAbstract && type.IsSealed || type.IsDefined(typeof(CompilerGeneratedAttribute), false)
                || type.Name.Contains('<', StringComparison.Ordinal) || IsMigration(type) || IsRecord(type))
            {
                continue;
            }
            var constructors = type.GetConstructors(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic);
            if (constructors.Length == 0)
            {
                continue;
            }
            var count = constructors.Max(c => c.GetParameters().Length) - FrameworkBaseParameters(type, assembly);
            if (count > Max)
            {
                yield return (type, count);
            }
        }
    }

    private static bool IsRecord(Type type) => type.GetMethod("<Clone>$") is not null;

    private static bool IsMigration(Type type)
    {
        for (var t = type.BaseType; t is not null; t = t.BaseType)
        {
            if (t.FullName is "Microsoft.EntityFrameworkCore.Migrations.Migration" or "Microsoft.EntityFrameworkCore.Infrastructure.ModelSnapshot")
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The fewest parameters a base class from another assembly (the framework) accepts: those are not ours to cut.</summary>
    private static int FrameworkBaseParameters(Type type, Assembly assembly)
    {
        var baseType = type.BaseType;
        if (baseType is null || baseType == typeof(object) || Sources.Contains(baseType.Assembly) || baseType.Assembly == assembly)
        {
            return 0;
        }
        var constructors = baseType.GetConstructors(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic);
        return constructors.Length == 0 ? 0 : constructors.Min(c => c.GetParameters().Length);
    }

    private sealed class SevenDependencies(string a, string b, string c, string d, string e, string f, string g)
    {
        public override string ToString() => a + b + c + d + e + f + g;
    }

    private sealed class SixDependencies(string a, string b, string c, string d, string e, string f)
    {
        public override string ToString() => a + b + c + d + e + f;
    }

    private sealed record SevenFieldRecord(string A, string B, string C, string D, string E, string F, string G);

    /// <summary>Seven parameters, all required by the framework's SignInManager (as in our two sign-in managers).</summary>
    private sealed class OnTopOfAFrameworkBase(
        UserManager<IdentityUser> users, IHttpContextAccessor context, IUserClaimsPrincipalFactory<IdentityUser> claims,
        IOptions<IdentityOptions> options, ILogger<SignInManager<IdentityUser>> logger, IAuthenticationSchemeProvider schemes,
        IUserConfirmation<IdentityUser> confirmation)
        : SignInManager<IdentityUser>(users, context, claims, options, logger, schemes, confirmation);
}
