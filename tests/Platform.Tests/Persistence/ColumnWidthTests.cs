using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Schoolplein.Platform.Blobs;
using Schoolplein.Platform.Email;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Tenancy;
using Xunit;

namespace Schoolplein.Platform.Tests.Persistence;

/// <summary>
/// Every column is at least as wide as what validation lets into it: a value that passed the form
/// must never fail at SaveChanges (after other work committed) or later in a job. Read from the EF
/// model, so a narrowed column or a widened validation limit fails here, not in production.
/// </summary>
public sealed class ColumnWidthTests
{
    private static readonly IModel Model = NewModel();

    private static IModel NewModel()
    {
        using var db = new SchoolpleinDb(
            new DbContextOptionsBuilder<SchoolpleinDb>().UseSchoolpleinNpgsql("Host=127.0.0.1;Database=none").Options,
            new TenantContext());
        return db.Model;
    }

    private static int? Width<T>(string property) =>
        Model.FindEntityType(typeof(T))!.FindProperty(property)!.GetMaxLength();

    private static void AtLeast(int needed, int? width, string what) =>
        Assert.True(width is null || width >= needed, $"{what} is {width} wide but must take {needed}");

    [Fact]
    public void TheRecipientNameOfAMailTakesTheLongestNameValidationAllows()
    {
        // First name, prefix and last name as their columns (and the sign-up form) allow, with spaces.
        var longest = Width<AppUser>(nameof(AppUser.FirstName))!.Value + 1
            + Width<AppUser>(nameof(AppUser.LastNamePrefix))!.Value + 1
            + Width<AppUser>(nameof(AppUser.LastName))!.Value;
        Assert.Equal(PersonName.MaxLength, longest);
        AtLeast(longest, Width<OutboxEmail>(nameof(OutboxEmail.ToName)), "outbox_emails.to_name");
        AtLeast(Width<AppUser>(nameof(AppUser.FullName))!.Value, Width<OutboxEmail>(nameof(OutboxEmail.ToName)), "outbox_emails.to_name");
    }

    [Fact]
    public void TheSubjectOfAMailTakesTheLongestTitleAndSchoolNameItIsBuiltFrom()
    {
        var school = Width<Tenant>(nameof(Tenant.Name))!.Value;
        var subject = Width<OutboxEmail>(nameof(OutboxEmail.Subject));
        foreach (var (title, what) in new[]
        {
            (Width<Platform.Timeline.Post>(nameof(Platform.Timeline.Post.Title))!.Value, "post title"),
            (Width<Platform.Calendar.CalendarEvent>(nameof(Platform.Calendar.CalendarEvent.Title))!.Value, "event title"),
            (Width<Platform.Questions.Conversation>(nameof(Platform.Questions.Conversation.Subject))!.Value, "question subject"),
            (PersonName.MaxLength, "a person's name"),
        })
        {
            // The sentence around them ("Nieuw bericht van … in …") is well under 100 characters.
            AtLeast(title + school + 100, subject, $"outbox_emails.subject ({what} and school name)");
        }
    }

    [Fact]
    public void EveryFileNameColumnTakesTheLongestCleanedFileName()
    {
        var columns = Model.GetEntityTypes()
            .SelectMany(t => t.GetProperties().Select(p => (Type: t, Property: p)))
            .Where(x => x.Property.ClrType == typeof(string)
                && (x.Property.Name.EndsWith("FileName", StringComparison.Ordinal) || x.Property.Name == "AttachmentName"))
            .ToList();
        Assert.True(columns.Count >= 6, $"found only {columns.Count} file name columns");
        foreach (var (type, property) in columns)
        {
            AtLeast(Uploads.MaxFileNameLength, property.GetMaxLength(), $"{type.GetTableName()}.{property.GetColumnName()}");
        }
        Assert.Equal(Uploads.MaxFileNameLength, Uploads.CleanFileName(new string('a', 400) + ".pdf").Length);
    }
}
