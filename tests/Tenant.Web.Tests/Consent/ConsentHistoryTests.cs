using Microsoft.EntityFrameworkCore;
using Npgsql;
using Schoolplein.Platform.Consent;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Persistence;
using Schoolplein.Testing;
using Xunit;

namespace Schoolplein.Tenant.Web.Tests.Consent;

/// <summary>The consent history itself: append-only in the database, latest answer wins, never answered is denied, the photo check.</summary>
public sealed class ConsentHistoryTests(ConsentApp app) : IClassFixture<ConsentApp>
{
    private static async Task<PostgresException> FailsAsync(string connectionString, Guid tenantId, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        // Row-level security is forced for the owner too: set the school so the statement does reach the rows.
        await using (var set = new NpgsqlCommand("SELECT set_config('app.tenant_id', $1, false)", connection))
        {
            set.Parameters.AddWithValue(tenantId.ToString());
            await set.ExecuteScalarAsync();
        }
        await using var command = new NpgsqlCommand(sql, connection);
        return await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
    }

    [Fact]
    public async Task AStoredConsentRecordCannotBeUpdatedDeletedOrTruncatedInTheDatabaseByTheAppRoleOrTheOwner()
    {
        var pupil = await app.A.AddPupilAsync(app.Group3, "Onveranderlijk");
        await app.A.LinkGuardianAsync(pupil, app.Sanne);
        await app.RecordAsync(app.A, pupil, ConsentCategoryCodes.Website, granted: false, app.Sanne);
        var id = await app.Database.ScalarAsync<Guid>("SELECT id FROM consent_records WHERE pupil_id = $1", pupil);

        foreach (var connection in new[] { app.Database.AppConnectionString, app.Database.OwnerConnectionString })
        {
            var update = await FailsAsync(connection, app.A.Id, $"UPDATE consent_records SET granted = true WHERE id = '{id}'");
            Assert.Equal(PostgresErrorCodes.RestrictViolation, update.SqlState);
            Assert.Contains("append-only", update.MessageText);
            var delete = await FailsAsync(connection, app.A.Id, $"DELETE FROM consent_records WHERE id = '{id}'");
            Assert.Equal(PostgresErrorCodes.RestrictViolation, delete.SqlState);
        }
        await FailsAsync(app.Database.OwnerConnectionString, app.A.Id, "TRUNCATE consent_records");
        // Even the superuser's plain statements hit the trigger.
        await FailsAsync(app.Database.SuperuserConnectionString, app.A.Id, $"UPDATE consent_records SET granted = true WHERE id = '{id}'");

        Assert.False(await app.Database.ScalarAsync<bool>("SELECT granted FROM consent_records WHERE id = $1", id));
        Assert.Equal(1L, await app.RecordCountAsync(pupil));

        // And through EF Core: changing a tracked record fails on save.
        var ex = await Assert.ThrowsAsync<DbUpdateException>(() => app.InSchoolAsync(app.A.Id, async scope =>
        {
            var db = scope.Get<SchoolpleinDb>();
            var record = await db.ConsentRecords.SingleAsync(r => r.Id == id);
            record.Granted = true;
            await db.SaveChangesAsync();
        }));
        Assert.Equal(PostgresErrorCodes.RestrictViolation, ((PostgresException)ex.InnerException!).SqlState);
    }

    [Fact]
    public async Task ConfirmationsOfTheYearlyRequestAreAppendOnlyToo()
    {
        await app.InSchoolAsync(app.A.Id, async scope =>
        {
            var db = scope.Get<SchoolpleinDb>();
            var request = new ConsentReconfirmation { SchoolYear = "1999-2000", RequestedByUserId = app.AdminA, RequestedAt = app.Now };
            db.ConsentReconfirmations.Add(request);
            db.ConsentConfirmations.Add(new ConsentConfirmation { ReconfirmationId = request.Id, PupilId = app.Noor, GuardianUserId = app.Sanne, ConfirmedAt = app.Now });
            await db.SaveChangesAsync();
        });
        await FailsAsync(app.Database.AppConnectionString, app.A.Id, "UPDATE consent_confirmations SET confirmed_at = now()");
        await FailsAsync(app.Database.OwnerConnectionString, app.A.Id, "DELETE FROM consent_confirmations");
    }

    [Fact]
    public async Task TheLatestAnswerIsTheCurrentOneWhicheverGuardianGaveItAndEveryAnswerIsKept()
    {
        var pupil = await app.A.AddPupilAsync(app.Group4, "Wisselend");
        await app.A.LinkGuardianAsync(pupil, app.Sanne);
        await app.A.LinkGuardianAsync(pupil, app.Mark);
        var categories = await app.CategoriesAsync(app.A);

        async Task<bool?> CurrentAsync() => await app.InSchoolAsync(app.A.Id, async scope =>
        {
            var answers = await scope.Get<ConsentReader>().CurrentAnswersAsync([pupil]);
            return answers.TryGetValue((pupil, categories[ConsentCategoryCodes.SocialMedia]), out var a) ? (bool?)a.Granted : null;
        });

        Assert.Null(await CurrentAsync());
        await app.RecordAsync(app.A, pupil, ConsentCategoryCodes.SocialMedia, true, app.Sanne);
        Assert.True(await CurrentAsync());
        await app.RecordAsync(app.A, pupil, ConsentCategoryCodes.SocialMedia, false, app.Mark);
        Assert.False(await CurrentAsync());
        await app.RecordAsync(app.A, pupil, ConsentCategoryCodes.SocialMedia, true, app.Sanne);
        Assert.True(await CurrentAsync());
        Assert.Equal(3L, await app.RecordCountAsync(pupil));

        // The other guardian heard of each change: Mark twice (Sanne's answers), Sanne once (Mark's).
        Assert.Equal(2L, await app.Database.ScalarAsync<long>(
            "SELECT count(*) FROM notifications WHERE user_id = $1 AND kind = 'consent.changed' AND source_id = $2", app.Mark, pupil));
        Assert.Equal(1L, await app.Database.ScalarAsync<long>(
            "SELECT count(*) FROM notifications WHERE user_id = $1 AND kind = 'consent.changed' AND source_id = $2", app.Sanne, pupil));
        Assert.Equal("Sanne Test heeft 'Social media' voor Wisselend op toestaan gezet.", await app.Database.ScalarAsync<string>(
            "SELECT body FROM notifications WHERE user_id = $1 AND source_id = $2 ORDER BY created_at DESC LIMIT 1", app.Mark, pupil));
    }

    [Fact]
    public async Task ImportedAnswersOfTwoParentsThatDisagreeAtTheSameMomentCountAsDenied()
    {
        var pupil = await app.A.AddPupilAsync(app.Group4, "Geïmporteerd");
        await app.A.LinkGuardianAsync(pupil, app.Sanne);
        await app.A.LinkGuardianAsync(pupil, app.Mark);
        var importedAt = app.Now.AddDays(-1);
        var categories = await app.CategoriesAsync(app.A);
        await app.InSchoolAsync(app.A.Id, async scope =>
        {
            var outcome = await scope.Get<ConsentService>().AddImportedAsync(
            [
                new ImportedConsent(pupil, app.Sanne, ConsentCategoryCodes.FromMijnSchoolColumn("toestemming_pers")!, true),
                new ImportedConsent(pupil, app.Mark, ConsentCategoryCodes.FromMijnSchoolColumn("toestemming_pers")!, false),
                new ImportedConsent(pupil, app.Sanne, ConsentCategoryCodes.FromMijnSchoolColumn("toestemming_website")!, true),
                new ImportedConsent(pupil, app.Mark, ConsentCategoryCodes.FromMijnSchoolColumn("toestemming_website")!, true),
            ], importedAt);
            Assert.Equal(4, outcome.Value);
            await scope.Get<SchoolpleinDb>().SaveChangesAsync();
        });
        var answers = await app.InSchoolAsync(app.A.Id, scope => scope.Get<ConsentReader>().CurrentAnswersAsync([pupil]));
        Assert.False(answers[(pupil, categories[ConsentCategoryCodes.Press])].Granted);
        Assert.True(answers[(pupil, categories[ConsentCategoryCodes.Website])].Granted);
        Assert.Equal(ConsentSource.Import, answers[(pupil, categories[ConsentCategoryCodes.Website])].Source);
        // Imports notify nobody.
        Assert.Equal(0L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM notifications WHERE source_id = $1", pupil));
    }

    [Fact]
    public async Task AnImportWithARowForSomeoneWhoIsNotTheChildsGuardianAddsNothing()
    {
        var pupil = await app.A.AddPupilAsync(app.Group4, "Streng");
        await app.A.LinkGuardianAsync(pupil, app.Sanne);
        var outcome = await app.InSchoolAsync(app.A.Id, async scope =>
        {
            var outcome = await scope.Get<ConsentService>().AddImportedAsync(
            [
                new ImportedConsent(pupil, app.Sanne, ConsentCategoryCodes.Website, true),
                new ImportedConsent(pupil, app.YaraParent, ConsentCategoryCodes.Website, true),
            ], app.Now);
            // Even a caller that saves anyway stores nothing: a refused import adds nothing to the context.
            await scope.Get<SchoolpleinDb>().SaveChangesAsync();
            return outcome;
        });
        Assert.Equal(ConsentProblems.NotAGuardian, outcome.Error);
        Assert.Equal(0L, await app.RecordCountAsync(pupil));
    }

    [Fact]
    public async Task ThePhotoCheckListsExactlyTheChildrenOfTheGroupsWithoutPortalConsent()
    {
        var groupA = await app.A.AddGroupAsync("Fotogroep A");
        var groupB = await app.A.AddGroupAsync("Fotogroep B");
        var other = await app.A.AddGroupAsync("Andere groep");
        var allowed = await app.A.AddPupilAsync(groupA, "Allowed");
        var denied = await app.A.AddPupilAsync(groupA, "Denied");
        var never = await app.A.AddPupilAsync(groupA, "Never");
        var allowedThenDenied = await app.A.AddPupilAsync(groupB, "Flipped");
        var deniedThenAllowed = await app.A.AddPupilAsync(groupB, "Flopped");
        var onlyWebsite = await app.A.AddPupilAsync(groupB, "Website");
        var archived = await app.A.AddPupilAsync(groupB, "Archived");
        var elsewhere = await app.A.AddPupilAsync(other, "Elsewhere");
        foreach (var pupil in new[] { allowed, denied, never, allowedThenDenied, deniedThenAllowed, onlyWebsite, archived, elsewhere })
        {
            await app.A.LinkGuardianAsync(pupil, app.Sanne);
        }
        const string portal = ConsentCategoryCodes.Portal;
        await app.RecordAsync(app.A, allowed, portal, true, app.Sanne);
        await app.RecordAsync(app.A, denied, portal, false, app.Sanne);
        await app.RecordAsync(app.A, allowedThenDenied, portal, true, app.Sanne);
        await app.RecordAsync(app.A, allowedThenDenied, portal, false, app.Sanne);
        await app.RecordAsync(app.A, deniedThenAllowed, portal, false, app.Sanne);
        await app.RecordAsync(app.A, deniedThenAllowed, portal, true, app.AdminA, ConsentSource.Paper);
        await app.RecordAsync(app.A, onlyWebsite, ConsentCategoryCodes.Website, true, app.Sanne);
        await app.Database.ExecuteAsync("UPDATE pupils SET archived_at = now() WHERE id = $1", archived);

        var without = await app.InSchoolAsync(app.A.Id, scope => scope.Get<IPhotoConsent>().PupilsWithoutPortalConsentAsync([groupA, groupB]));

        Assert.Equal(
            new[] { denied, allowedThenDenied, never, onlyWebsite }.Order(),
            without.Select(p => p.PupilId).Order());
        Assert.Equal(groupA, without.Single(p => p.PupilId == never).GroupId);
        Assert.Equal("Never Test", without.Single(p => p.PupilId == never).Name);
    }

    [Fact]
    public async Task ThePhotoCheckOfASchoolNeverSeesAnotherSchoolsChildren()
    {
        var without = await app.InSchoolAsync(app.A.Id, scope => scope.Get<IPhotoConsent>().PupilsWithoutPortalConsentAsync([app.GroupB]));
        Assert.Empty(without);
        var inB = await app.InSchoolAsync(app.B.Id, scope => scope.Get<IPhotoConsent>().PupilsWithoutPortalConsentAsync([app.GroupB, app.Group3]));
        Assert.Equal([app.PupilB], inB.Select(p => p.PupilId));
    }

    [Fact]
    public async Task AGuardianCannotAnswerForAChildThatIsNotTheirsAndNothingIsStored()
    {
        var categories = await app.CategoriesAsync(app.A);
        var error = await app.InSchoolAsync(app.A.Id, scope =>
            scope.Get<ConsentService>().RecordAsync(new RecordConsent(app.Bo, categories[ConsentCategoryCodes.Website], true, ConsentSource.Portal, app.Sanne)));
        Assert.Equal(ConsentProblems.NotAGuardian, error.Error);
        var missing = await app.InSchoolAsync(app.A.Id, scope =>
            scope.Get<ConsentService>().RecordAsync(new RecordConsent(app.PupilB, categories[ConsentCategoryCodes.Website], true, ConsentSource.Portal, app.Sanne)));
        Assert.Equal(ConsentProblems.PupilNotFound, missing.Error);
        Assert.Equal(0L, await app.RecordCountAsync(app.Bo));
    }
}
