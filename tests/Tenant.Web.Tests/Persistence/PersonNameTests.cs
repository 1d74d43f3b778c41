using Microsoft.EntityFrameworkCore;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Persistence;
using Schoolplein.Tenant.Web.Tests.Tenancy;
using Xunit;

namespace Schoolplein.Tenant.Web.Tests.Persistence;

/// <summary>A person's name has one rule: the stored full_name columns say what PersonName.Format says.</summary>
public sealed class PersonNameTests(TwoSchoolsApp app) : IClassFixture<TwoSchoolsApp>
{
    [Theory]
    [InlineData("Femke", "van 't", "Hof", "Femke van 't Hof")]
    [InlineData("Daan", null, "Jansen", "Daan Jansen")]
    [InlineData("Daan", "", "Jansen", "Daan Jansen")]
    [InlineData(" Sem ", "  de ", " Vries ", "Sem de Vries")]
    [InlineData("Aïsha", "el", "Amrani", "Aïsha el Amrani")]
    [InlineData("Noor", null, "", "Noor")]
    public async Task TheStoredFullNameOfPupilsAndUsersIsTheSameAsTheRuleInCode(string first, string? prefix, string last, string expected)
    {
        Assert.Equal(expected, PersonName.Format(first, prefix, last));
        var pupil = await app.A.AddPupilAsync(null, first, last);
        var user = await app.A.AddUserAsync($"naam-{Guid.NewGuid():N}@ouders.test");
        await app.Database.ExecuteAsync("UPDATE pupils SET last_name_prefix = $2 WHERE id = $1", pupil, (object?)prefix ?? DBNull.Value);
        await app.Database.ExecuteAsync("UPDATE users SET first_name = $2, last_name_prefix = $3, last_name = $4 WHERE id = $1",
            user, first, (object?)prefix ?? DBNull.Value, last);
        var (pupilName, userName) = await app.InSchoolAsync(app.A.Id, async scope =>
        {
            var db = scope.Get<SchoolpleinDb>();
            return (await db.Pupils.Where(p => p.Id == pupil).Select(p => p.FullName).SingleAsync(),
                await db.Users.Where(u => u.Id == user).Select(u => u.FullName).SingleAsync());
        });
        Assert.Equal(expected, pupilName);
        Assert.Equal(expected, userName);
    }
}
