using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Schoolplein.Platform.Persistence;

namespace Schoolplein.Platform.SchoolCalendar;

/// <summary>What kind of day(s) the school is closed.</summary>
public enum ClosureKind
{
    /// <summary>A school holiday (herfst-, kerst-, voorjaars-, meivakantie) or a public holiday.</summary>
    Holiday = 0,
    /// <summary>The zomervakantie: the school year starts on the first school day after it.</summary>
    SummerHoliday = 1,
    /// <summary>A studiedag: the pupils are free, the staff work.</summary>
    StudyDay = 2,
}

/// <summary>
/// Days a school is closed for its pupils (holidays, study days), inclusive on both ends.
/// School days are weekdays minus these. Shared by absence, leave (Leerplichtwet school-day
/// counts) and the school calendar.
/// </summary>
public sealed class SchoolClosure : ITenantOwned
{
    public const int NameMaxLength = 100;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public required string Name { get; set; }
    public ClosureKind Kind { get; set; }
    public DateOnly StartDate { get; set; }
    /// <summary>Last closed day (inclusive); equal to <see cref="StartDate"/> for a single day.</summary>
    public DateOnly EndDate { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class SchoolClosureConfiguration : IEntityTypeConfiguration<SchoolClosure>
{
    public void Configure(EntityTypeBuilder<SchoolClosure> b)
    {
        b.ToTable("school_closures");
        b.Property(c => c.Name).HasMaxLength(SchoolClosure.NameMaxLength);
        b.Property(c => c.Kind).HasConversion<string>().HasMaxLength(20);
        b.HasIndex(c => new { c.StartDate, c.EndDate });
        b.ToTable(t => t.HasCheckConstraint("ck_school_closures_dates", "end_date >= start_date"));
    }
}
