using Schoolplein.Backoffice.Operations;
using Schoolplein.Platform.Seeding;
using Xunit;

namespace Schoolplein.Backoffice.Tests;

/// <summary>The demo data the administration walk-through needs (issue 6), seeded once however often seed runs.</summary>
public sealed class AdministrationSeedTests(BackofficeTestApp app) : IClassFixture<BackofficeTestApp>
{
    [Fact]
    public async Task TheDemoSchoolsGetHolidaysAPhoneOnlyReasonAQuestionForTheDuoGroupAndAPendingLeaveRequest()
    {
        await Commands.SeedAsync(app.Services);
        await Commands.SeedAsync(app.Services);
        var regenboog = DeterministicGuid.Create("regenboog/tenant");
        Assert.Equal(13L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM school_closures WHERE tenant_id = $1", regenboog));
        Assert.Equal(new DateOnly(2027, 8, 29), await app.Database.ScalarAsync<DateOnly>(
            "SELECT end_date FROM school_closures WHERE tenant_id = $1 AND kind = 'SummerHoliday' ORDER BY start_date DESC LIMIT 1", regenboog));
        Assert.Equal("Corona (of vermoeden daarvan)", await app.Database.ScalarAsync<string>(
            "SELECT name FROM absence_reasons WHERE tenant_id = $1 AND phone_only", regenboog));
        Assert.Equal(5L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM absence_reasons WHERE tenant_id = $1", regenboog));
        Assert.Equal(1L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM leave_requests WHERE tenant_id = $1 AND status = 'Pending'", regenboog));
        Assert.Equal(3, await app.Database.ScalarAsync<int>("SELECT school_days FROM leave_requests WHERE tenant_id = $1", regenboog));
        // The demo question is about a child of Groep 3/4, the group of the teacher duo.
        Assert.Equal("Groep 3/4", await app.Database.ScalarAsync<string>(
            "SELECT g.name FROM conversations c JOIN pupils p ON p.id = c.pupil_id JOIN groups g ON g.id = p.group_id WHERE c.tenant_id = $1", regenboog));
        Assert.Equal(2L, await app.Database.ScalarAsync<long>(
            "SELECT count(*) FROM group_teachers t JOIN groups g ON g.id = t.group_id WHERE g.tenant_id = $1 AND g.name = 'Groep 3/4'", regenboog));
        Assert.Equal(2L, await app.Database.ScalarAsync<long>("SELECT count(DISTINCT tenant_id) FROM question_settings"));
    }
}
