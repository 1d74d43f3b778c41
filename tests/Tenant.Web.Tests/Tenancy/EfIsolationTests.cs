using Microsoft.EntityFrameworkCore;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Roster;
using Schoolplein.Platform.Tenancy;
using Xunit;

namespace Schoolplein.Tenant.Web.Tests.Tenancy;

/// <summary>TENANCY.md failure modes 2–6: the EF query filters, the save interceptor and the RLS backstop.</summary>
public sealed class EfIsolationTests(TwoSchoolsApp app) : IClassFixture<TwoSchoolsApp>
{
    [Fact]
    public async Task FindIncludeAndNavigationOfAnotherSchoolsRowReturnNothing()
    {
        // A pathological cross-school reference, written past every guard as superuser:
        // B's child pointing at A's group. A must still not see it through the navigation.
        var stray = Guid.CreateVersion7();
        await app.Database.ExecuteAsync(
            "INSERT INTO pupils (id, tenant_id, first_name, last_name, group_id, created_at) VALUES ($1, $2, 'Stray', 'Bravo', $3, now())",
            stray, app.B.Id, app.InA.GroupId);

        await app.InSchoolAsync(app.A.Id, async scope =>
        {
            var db = scope.Get<SchoolpleinDb>();
            Assert.Null(await db.Pupils.FindAsync(app.InB.PupilId));
            Assert.Null(await db.Groups.FindAsync(app.InB.GroupId));
            Assert.Empty(await db.Groups.Include(g => g.Pupils).Where(g => g.Id == app.InB.GroupId).ToListAsync());
            var own = await db.Groups.Include(g => g.Pupils).SingleAsync(g => g.Id == app.InA.GroupId);
            Assert.Equal([app.InA.PupilId], own.Pupils.Select(p => p.Id).ToArray());
            Assert.Equal(0, await db.Groups.Where(g => g.Id == app.InA.GroupId).SelectMany(g => g.Pupils).CountAsync(p => p.Id == stray));
            Assert.Empty(await db.Guardianships.Where(g => g.PupilId == app.InB.PupilId).ToListAsync());
            Assert.Null(await db.Users.FindAsync(app.InB.ParentId));
        });
        await app.Database.ExecuteAsync("DELETE FROM pupils WHERE id = $1", stray);
    }

    [Fact]
    public async Task AnAddedEntityGetsTheSchoolOfTheScope()
    {
        var id = await app.InSchoolAsync(app.A.Id, async scope =>
        {
            var db = scope.Get<SchoolpleinDb>();
            var group = new Group { Name = "Nieuwe groep", SchoolYear = "2026-2027" };
            db.Groups.Add(group);
            await db.SaveChangesAsync();
            return group.Id;
        });
        Assert.Equal(app.A.Id, await app.Database.ScalarAsync<Guid>("SELECT tenant_id FROM groups WHERE id = $1", id));
    }

    [Fact]
    public async Task AddingChangingOrDeletingAnEntityOfAnotherSchoolThrows()
    {
        await app.InSchoolAsync(app.A.Id, async scope =>
        {
            var db = scope.Get<SchoolpleinDb>();
            db.Groups.Add(new Group { TenantId = app.B.Id, Name = "Smokkel", SchoolYear = "2026-2027" });
            await Assert.ThrowsAsync<TenantIsolationException>(() => db.SaveChangesAsync());
        });
        await app.InSchoolAsync(app.A.Id, async scope =>
        {
            var db = scope.Get<SchoolpleinDb>();
            var foreign = new Pupil { Id = app.InB.PupilId, TenantId = app.B.Id, FirstName = "X", LastName = "Y" };
            db.Pupils.Attach(foreign);
            foreign.FirstName = "Gewijzigd";
            await Assert.ThrowsAsync<TenantIsolationException>(() => db.SaveChangesAsync());
        });
        await app.InSchoolAsync(app.A.Id, async scope =>
        {
            var db = scope.Get<SchoolpleinDb>();
            db.Pupils.Remove(new Pupil { Id = app.InB.PupilId, TenantId = app.B.Id, FirstName = "X", LastName = "Y" });
            await Assert.ThrowsAsync<TenantIsolationException>(() => db.SaveChangesAsync());
        });
        await app.InSchoolAsync(app.A.Id, async scope =>
        {
            // Moving an own row to another school is refused too.
            var db = scope.Get<SchoolpleinDb>();
            var own = await db.Pupils.SingleAsync(p => p.Id == app.InA.PupilId);
            own.TenantId = app.B.Id;
            await Assert.ThrowsAsync<TenantIsolationException>(() => db.SaveChangesAsync());
        });
        Assert.Equal(app.InB.PupilName.Split(' ')[0],
            await app.Database.ScalarAsync<string>("SELECT first_name FROM pupils WHERE id = $1", app.InB.PupilId));
    }

    [Fact]
    public async Task SavingWithoutASchoolThrows()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SchoolpleinDb>();
        db.Groups.Add(new Group { Name = "Zonder school", SchoolYear = "2026-2027" });
        await Assert.ThrowsAsync<TenantIsolationException>(() => db.SaveChangesAsync());
        Assert.Equal(0L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM groups WHERE name = 'Zonder school'"));
    }

    [Fact]
    public async Task TheSchoolOfAScopeCannotChange()
    {
        await using var scope = await app.Services.GetRequiredService<TenantScopeFactory>().BeginAsync(app.A.Id);
        var other = await app.Services.GetRequiredService<TenantCatalog>().FindByIdAsync(app.B.Id);
        var context = scope.Get<TenantContext>();
        Assert.Throws<InvalidOperationException>(() => context.Set(other!));
        Assert.Equal(app.A.Id, scope.Get<TenantContext>().Id);
    }

    [Fact]
    public async Task IgnoringTheSoftDeleteFilterKeepsTheTenantFilter()
    {
        var deletedA = await app.A.AddGroupAsync("Opgeheven A");
        var deletedB = await app.B.AddGroupAsync("Opgeheven B");
        await app.Database.ExecuteAsync("UPDATE groups SET deleted_at = now() WHERE id = ANY($1)", new[] { deletedA, deletedB });

        await app.InSchoolAsync(app.A.Id, async scope =>
        {
            var db = scope.Get<SchoolpleinDb>();
            Assert.DoesNotContain(deletedA, await db.Groups.Select(g => g.Id).ToListAsync());
            var withDeleted = await db.Groups.IgnoreQueryFilters([QueryFilters.SoftDelete]).Select(g => g.Id).ToListAsync();
            Assert.Contains(deletedA, withDeleted);
            Assert.DoesNotContain(deletedB, withDeleted);
            Assert.DoesNotContain(app.InB.GroupId, withDeleted);
        });
    }

    [Fact]
    public async Task ExecuteUpdateAndDeleteInOneSchoolTouchNoRowsOfAnother()
    {
        await app.InSchoolAsync(app.A.Id, async scope =>
        {
            var db = scope.Get<SchoolpleinDb>();
            Assert.Equal(0, await db.Pupils.Where(p => p.Id == app.InB.PupilId).ExecuteUpdateAsync(s => s.SetProperty(p => p.FirstName, "Gekaapt")));
            // Even with every EF filter off, row-level security stops the statement at B's rows.
            Assert.Equal(0, await db.Pupils.IgnoreQueryFilters().Where(p => p.Id == app.InB.PupilId).ExecuteUpdateAsync(s => s.SetProperty(p => p.FirstName, "Gekaapt")));
            Assert.Equal(0, await db.Guardianships.IgnoreQueryFilters().Where(g => g.PupilId == app.InB.PupilId).ExecuteDeleteAsync());
            Assert.Equal(0, await db.Database.ExecuteSqlAsync($"UPDATE pupils SET first_name = 'Gekaapt' WHERE id = {app.InB.PupilId}"));
        });
        Assert.Equal("Bartholomeus", await app.Database.ScalarAsync<string>("SELECT first_name FROM pupils WHERE id = $1", app.InB.PupilId));
        Assert.Equal(1L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM guardianships WHERE pupil_id = $1", app.InB.PupilId));
    }
}
