using Microsoft.EntityFrameworkCore;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Tenancy;
using Xunit;

namespace Schoolplein.Platform.Tests.Persistence;

/// <summary>Append-only is part of the model: the histories that are proof carry the mark, and the migrations turn it into triggers.</summary>
public sealed class AppendOnlyModelTests
{
    private static SchoolpleinDb NewDb() => new(
        new DbContextOptionsBuilder<SchoolpleinDb>().UseSchoolpleinNpgsql("Host=127.0.0.1;Database=none").Options,
        new TenantContext());

    [Fact]
    public void TheHistoriesThatAreProofForTheSchoolAreAppendOnly()
    {
        using var db = NewDb();
        var appendOnly = db.Model.GetEntityTypes().Where(t => t.IsAppendOnly()).Select(t => t.GetTableName()!).Order().ToArray();
        Assert.Equal(["consent_confirmations", "consent_records", "guardianship_log", "leave_request_events", "urgent_read_receipts"], appendOnly);
    }

    [Fact]
    public void TheCreateScriptGivesEveryAppendOnlyTableItsTriggersAndNoOtherTable()
    {
        using var db = NewDb();
        var script = db.Database.GenerateCreateScript();
        foreach (var table in db.Model.GetEntityTypes().Select(t => t.GetTableName()!).Distinct())
        {
            var marked = db.Model.GetEntityTypes().Any(t => t.GetTableName() == table && t.IsAppendOnly());
            Assert.Equal(marked, script.Contains($"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} FOR EACH ROW", StringComparison.Ordinal));
            Assert.Equal(marked, script.Contains($"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} FOR EACH STATEMENT", StringComparison.Ordinal));
        }
    }
}
