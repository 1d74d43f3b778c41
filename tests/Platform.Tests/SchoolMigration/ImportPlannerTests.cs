using System.Text;
using Schoolplein.Platform.Roster;
using Schoolplein.Platform.SchoolMigration;
using Schoolplein.Testing;
using Xunit;

namespace Schoolplein.Platform.Tests.SchoolMigration;

/// <summary>The sample school gives exactly the numbers of section 7 of the format description.</summary>
public sealed class SampleSchoolPlanTests
{
    private static readonly Lazy<ImportPlan> Sample = new(() => ImportPlanner.Plan(MigrationFixtures.Edexml, MigrationFixtures.Csv, MigrationFixtures.ImportDate));

    private static ImportCounts Counts => Sample.Value.Counts;

    [Fact]
    public void TheEdexmlGivesTheExpectedGroupsPupilsAndTeachers()
    {
        Assert.Equal(16, Counts.Groups);
        Assert.Equal(1, Counts.CompositeGroupsSkipped);
        Assert.Equal(378, Counts.PupilsImported);
        Assert.Equal(0, Counts.PupilsSkipped);
        Assert.Equal(1, Counts.BirthDatesDropped);
        Assert.Equal(20, Counts.Teachers);
        Assert.Equal(1, Counts.TeachersWithoutEmail);
        Assert.Equal(0, Counts.TeachersWithoutGroup);
        Assert.Equal(24, Counts.TeacherGroupLinks);
        Assert.Equal(0, Counts.PupilsWithoutGroup);
    }

    [Fact]
    public void TheCsvGivesTheExpectedRowsAccountsAndLinks()
    {
        Assert.Equal(624, Counts.CsvRowsRead);
        Assert.Equal(0, Counts.CsvBlankLines);
        Assert.Equal(5, Counts.RowsRejected);
        Assert.Equal(1, Counts.RejectedByReason[RejectReason.DuplicateRow]);
        Assert.Equal(1, Counts.RejectedByReason[RejectReason.MissingEmail]);
        Assert.Equal(2, Counts.RejectedByReason[RejectReason.UnknownPupil]);
        Assert.Equal(1, Counts.RejectedByReason[RejectReason.InvalidEmail]);
        Assert.Equal(619, Counts.RowsAccepted);
        Assert.Equal(370, Counts.GuardianAccounts);
        Assert.Equal(187, Counts.AccountsWithSeveralPupils);
        Assert.Equal(4, Counts.MostPupilsOnOneAccount);
        Assert.Equal(377, Counts.PupilsWithGuardian);
        Assert.Equal(1, Counts.PupilsWithoutGuardian);
        Assert.Equal(342, Counts.AccountsWithPhone);
        Assert.Equal(1, Counts.WarningsByKind[WarningKind.InvalidPhone]);
        Assert.Equal(1, Counts.WarningsByKind[WarningKind.NameDiffers]);
    }

    [Fact]
    public void TheConsentAnswersAreCountedPerCategory()
    {
        Assert.Equal(2688, Counts.Consents);
        Assert.Equal(1938, Counts.ConsentsYes);
        Assert.Equal(750, Counts.ConsentsNo);
        Assert.Equal(1753, Counts.PupilCategoriesAnswered);
        Assert.Equal((426, 111), Counts.ConsentsByCategory[ConsentColumns.Website]);
        Assert.Equal((288, 250), Counts.ConsentsByCategory[ConsentColumns.SocialMedia]);
        Assert.Equal((459, 78), Counts.ConsentsByCategory[ConsentColumns.Newsletter]);
        Assert.Equal((264, 275), Counts.ConsentsByCategory[ConsentColumns.Press]);
        Assert.Equal((501, 36), Counts.ConsentsByCategory[ConsentColumns.ParentPortal]);
    }

    [Fact]
    public void EveryRejectedRowHasItsLineNumberKeyAndReason()
    {
        Assert.Equal(
        [
            new RejectedRow(438, "29344", RejectReason.DuplicateRow),
            new RejectedRow(494, "20894", RejectReason.InvalidEmail),
            new RejectedRow(509, "22469", RejectReason.MissingEmail),
            new RejectedRow(606, "29747", RejectReason.UnknownPupil),
            new RejectedRow(607, "29747", RejectReason.UnknownPupil),
        ], Sample.Value.Rejected);
    }

    [Fact]
    public void TheEdgeCasesOfSection6AreHandledAsDescribed()
    {
        var plan = Sample.Value;
        // Same e-mail, two spellings: one account, the first spelling, a warning on line 404.
        var aisha = Assert.Single(plan.Guardians, g => g.Email == "aisha.elamrani@hotmail.test");
        Assert.Equal("Aïsha", aisha.FirstName);
        Assert.Contains(plan.Warnings, w => w.Kind == WarningKind.NameDiffers && w.Line == 404);
        // Upper case and spaces around the address: one account for both children.
        Assert.Equal(2, plan.Links.Count(l => l.Email == "j.dewit@ziggo.test"));
        Assert.Contains(plan.Links, l => l.Email == "j.dewit@ziggo.test" && l.Line == 199);
        // Invalid phone: row kept, phone dropped, warning on line 359.
        Assert.Contains(plan.Warnings, w => w.Kind == WarningKind.InvalidPhone && w.Line == 359);
        Assert.Contains(plan.Links, l => l.Line == 359);
        // Quoted field with a semicolon.
        Assert.Contains(plan.Guardians, g => g.FirstName == "Marie-José; Mieke");
        // Apostrophes and prefixes unchanged.
        var femke = Assert.Single(plan.Pupils, p => p.Key == "28864");
        Assert.Equal(("Femke", "van 't", "Hof"), (femke.FirstName, femke.Prefix, femke.LastName));
        Assert.Contains(plan.Guardians, g => g.FirstName == "Kirsten" && g.LastName == "D'Hondt");
        Assert.Equal("O'Connor", Assert.Single(plan.Pupils, p => p.Key == "22410").LastName);
        // Future birth date dropped with a warning; his parents link normally.
        var mees = Assert.Single(plan.Pupils, p => p.Key == "22735");
        Assert.Null(mees.DateOfBirth);
        Assert.Contains(plan.Warnings, w => w.Kind == WarningKind.BirthDateInvalid && w.Key == "22735");
        Assert.Contains(plan.Links, l => l.PupilKey == "22735");
        // Teacher without e-mail.
        Assert.Null(Assert.Single(plan.Teachers, t => t.Key == "MW0120").Email);
        // Pupil without parents.
        Assert.DoesNotContain(plan.Links, l => l.PupilKey == "24649");
        Assert.Equal("Zoë", Assert.Single(plan.Pupils, p => p.Key == "24649").FirstName);
        // Diacritics in NFC.
        Assert.Equal("Nguyễn".Normalize(NormalizationForm.FormC), Assert.Single(plan.Pupils, p => p.Key == "21417").LastName);
        // Combination groups: the pupil's own jaargroep is the leerjaar.
        Assert.All(plan.Pupils.Where(p => p.GroupKey == "4126"), p => Assert.Contains(p.YearLevel, new[] { "3", "4" }));
        Assert.Equal("0", plan.Pupils.First(p => p.GroupKey == "4107").YearLevel);
        Assert.Equal((short)9, Assert.Single(plan.Pupils, p => p.Key == "26701").Sex);
        // Siblings in two groups share the parents' accounts.
        var nour = plan.Links.Where(l => l.PupilKey == "20604").Select(l => l.Email).ToHashSet();
        var yassin = plan.Links.Where(l => l.PupilKey == "29708").Select(l => l.Email).ToHashSet();
        Assert.NotEmpty(nour);
        Assert.True(nour.SetEquals(yassin));
        Assert.Equal(GuardianRelation.Mother, plan.Links.First(l => l.Line == 2).Relation);
    }
}
