using System.Net;
using System.Text;
using Schoolplein.Backoffice.Persistence;
using Schoolplein.Backoffice.Tests.Schools;
using Schoolplein.Platform.Tenancy;
using Schoolplein.Testing;
using Xunit;

namespace Schoolplein.Backoffice.Tests.Imports;

/// <summary>
/// The import from the backoffice through to the school's data. The job runs on the school
/// app's Hangfire server beside it (app role, row-level security on), as in production.
/// </summary>
public sealed class ImportTests(OnboardingApp app) : IClassFixture<OnboardingApp>
{
    private async Task<(HttpClient Client, Guid School)> SchoolAsync(string slug)
    {
        var client = await app.SignedInClientAsync(BackofficeRoles.Onboarding);
        await using var scope = app.Services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<SchoolRegistry>().CreateAsync(new NewSchool(slug, "Kindcentrum " + slug));
        return (client, created.Value);
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, Guid school, byte[] edexml, byte[] csv)
    {
        var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(edexml), "Edexml", "regenboog.edexml.xml" },
            { new ByteArrayContent(csv), "Csv", "regenboog.mijnschool.csv" },
        };
        return await client.PostMultipartAsync($"/Schools/{school}/Import", form);
    }

    private async Task<string> ImportAsync(HttpClient client, Guid school, byte[] edexml, byte[] csv, string expectedStatus = "Succeeded")
    {
        using var upload = await UploadAsync(client, school, edexml, csv);
        Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
        var page = upload.Headers.Location!.OriginalString;
        var importId = Guid.Parse(page.Split('/').Last());
        using (var start = await client.PostFormAsync(page + "?handler=Start", new Dictionary<string, string>(), page))
        {
            Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        }
        var deadline = Deadline.In(120);
        string status;
        while ((status = await app.Database.ScalarAsync<string>("SELECT status FROM migration_imports WHERE id = $1", importId)) is "Queued" or "Running")
        {
            Assert.True(!deadline.Passed, "import did not finish");
            await Task.Delay(200);
        }
        Assert.Equal(expectedStatus, status);
        return await client.GetStringAsync(page);
    }

    private Task<long> CountAsync(string sql, Guid school) => app.Database.ScalarAsync<long>(sql, school);

    [Fact]
    public async Task TheSampleSchoolIsImportedAfterADryRunAndReimportingTheSameFilesChangesNothing()
    {
        var (client, school) = await SchoolAsync("regenboog-import");

        using (var upload = await UploadAsync(client, school, MigrationFixtures.Edexml, MigrationFixtures.Csv))
        {
            Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
            var dryRun = await client.GetStringAsync(upload.Headers.Location!.OriginalString);
            foreach (var (key, value) in new[] { ("Groups", 16), ("PupilsImported", 378), ("Teachers", 20), ("RowsAccepted", 619), ("GuardianAccounts", 370), ("Consents", 2688) })
            {
                Assert.Contains($"data-count=\"{key}\">{value}<", dryRun);
            }
            Assert.Contains("<td>438</td><td>29344</td><td>dubbele regel</td>", dryRun);
            Assert.Contains("<td>509</td><td>22469</td><td>e-mailadres ontbreekt</td>", dryRun);
            Assert.Contains("CSV regel 404", dryRun);
            // A dry run writes nothing to the school.
            Assert.Equal(0L, await CountAsync("SELECT count(*) FROM pupils WHERE tenant_id = $1", school));
        }

        var result = await ImportAsync(client, school, MigrationFixtures.Edexml, MigrationFixtures.Csv);
        Assert.Contains("data-change=\"PupilsCreated\">378<", result);
        Assert.Equal(16L, await CountAsync("SELECT count(*) FROM groups WHERE tenant_id = $1 AND deleted_at IS NULL", school));
        Assert.Equal(378L, await CountAsync("SELECT count(*) FROM pupils WHERE tenant_id = $1 AND archived_at IS NULL", school));
        Assert.Equal(20L, await CountAsync("SELECT count(*) FROM imported_teachers WHERE tenant_id = $1", school));
        Assert.Equal(24L, await CountAsync("SELECT count(*) FROM group_teachers WHERE tenant_id = $1", school));
        Assert.Equal(619L, await CountAsync("SELECT count(*) FROM guardianships WHERE tenant_id = $1", school));
        Assert.Equal(370L, await CountAsync("SELECT count(DISTINCT user_id) FROM guardianships WHERE tenant_id = $1", school));
        Assert.Equal(342L, await CountAsync("SELECT count(*) FROM users WHERE tenant_id = $1 AND phone_number LIKE '+%' AND id IN (SELECT user_id FROM guardianships)", school));
        Assert.Equal(19L, await CountAsync("SELECT count(*) FROM invitations WHERE tenant_id = $1", school));
        Assert.Equal(378L, await CountAsync("SELECT count(DISTINCT pupil_id) FROM link_codes WHERE tenant_id = $1 AND revoked_at IS NULL", school));
        // Consent answers from the old portal, in the consent history with source "import".
        Assert.Equal(2688L, await CountAsync("SELECT count(*) FROM consent_records WHERE tenant_id = $1 AND source = 'Import'", school));
        Assert.Equal(1938L, await CountAsync("SELECT count(*) FROM consent_records WHERE tenant_id = $1 AND source = 'Import' AND granted", school));
        Assert.Equal(1753L, await CountAsync("SELECT count(*) FROM (SELECT DISTINCT pupil_id, category_id FROM consent_records WHERE tenant_id = $1) x", school));
        Assert.Equal("Groep 3/4", await app.Database.ScalarAsync<string>("SELECT name FROM groups WHERE tenant_id = $1 AND year_levels = '3/4'", school));
        Assert.Equal("Aïsha", await app.Database.ScalarAsync<string>("SELECT first_name FROM users WHERE tenant_id = $1 AND email = 'aisha.elamrani@hotmail.test'", school));
        Assert.True(await app.Database.ScalarAsync<bool>("SELECT date_of_birth IS NULL FROM pupils WHERE tenant_id = $1 AND external_key = '22735'", school));
        // Teachers with an address are invited; the one without is imported without.
        var mail = await app.Mail.WaitForMessageAsync("lisanne.mulder@kcderegenboog.test", m => m.Subject.Contains("regenboog-import", StringComparison.Ordinal), 60);
        Assert.Contains("/Account/Invitation?token=", mail.TextBody);
        Assert.Equal(1L, await CountAsync("SELECT count(*) FROM users WHERE tenant_id = $1 AND email IS NULL AND last_name = 'Leeuwen'", school));

        var again = await ImportAsync(client, school, MigrationFixtures.Edexml, MigrationFixtures.Csv);
        Assert.Contains("Er is niets veranderd", again);
        Assert.Equal(619L, await CountAsync("SELECT count(*) FROM guardianships WHERE tenant_id = $1", school));
        Assert.Equal(19L, await CountAsync("SELECT count(*) FROM invitations WHERE tenant_id = $1", school));
        Assert.Equal(378L, await CountAsync("SELECT count(*) FROM link_codes WHERE tenant_id = $1", school));
        Assert.Equal(2688L, await CountAsync("SELECT count(*) FROM consent_records WHERE tenant_id = $1", school));

        // The letters per group are a PDF.
        var groupId = await app.Database.ScalarAsync<Guid>("SELECT id FROM groups WHERE tenant_id = $1 AND external_key = '4121'", school);
        using var letters = await client.GetAsync($"/Schools/{school}/Letters?handler=Group&groupId={groupId}");
        Assert.Equal("application/pdf", letters.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("%PDF", Encoding.ASCII.GetString((await letters.Content.ReadAsByteArrayAsync())[..4]));
        Assert.Equal("import.dry_run:3,import.started:2,letters.downloaded:1",
            await app.Database.ScalarAsync<string>("SELECT string_agg(action || ':' || n, ',' ORDER BY action) FROM (SELECT action, count(*) n FROM backoffice.audit_entries WHERE tenant_id = $1 AND action <> 'import.viewed' GROUP BY action) x", school));
    }

    [Fact]
    public async Task ImportedParentsAreInvitedOnceWithTheirChildrensKoppelcodesAndOnlyAfterTheImportSucceeded()
    {
        var (client, school) = await SchoolAsync("regenboog-ouders");
        using (var upload = await UploadAsync(client, school, MigrationFixtures.Edexml, MigrationFixtures.Csv))
        {
            var page = upload.Headers.Location!.OriginalString;
            using var early = await client.PostFormAsync(page + "?handler=InviteGuardians", new Dictionary<string, string>(), page);
            Assert.Equal(HttpStatusCode.OK, early.StatusCode);
            Assert.Contains("Nodig ouders uit nadat de import gelukt is.", WebUtility.HtmlDecode(await early.Content.ReadAsStringAsync()));
            Assert.Equal(0L, await CountAsync("SELECT count(*) FROM invitations WHERE tenant_id = $1", school));
        }

        var result = await ImportAsync(client, school, MigrationFixtures.Edexml, MigrationFixtures.Csv);
        Assert.Contains("Ouders uitnodigen", result);
        var details = await app.Database.ScalarAsync<Guid>("SELECT id FROM migration_imports WHERE tenant_id = $1 AND status = 'Succeeded'", school);
        var detailsPage = $"/Schools/{school}/Import/{details}";
        // 19 teachers were invited by the import itself; now the 370 guardian accounts.
        for (var round = 0; round < 2; round++)
        {
            using var invite = await client.PostFormAsync(detailsPage + "?handler=InviteGuardians", new Dictionary<string, string>(), detailsPage);
            Assert.Equal(HttpStatusCode.Redirect, invite.StatusCode);
            var deadline = Deadline.In(240);
            while (await CountAsync("SELECT count(*) FROM invitations WHERE tenant_id = $1", school) < 389
                || await app.Database.ScalarAsync<long>("SELECT count(*) FROM hangfire.job WHERE statename IN ('Enqueued', 'Processing')") > 0)
            {
                Assert.True(!deadline.Passed, "the invitations were not sent");
                await Task.Delay(200);
            }
            Assert.Equal(389L, await CountAsync("SELECT count(*) FROM invitations WHERE tenant_id = $1", school));
        }

        // Aïsha has two children at the school: one mail, both codes, a link to choose a password.
        var mail = await app.Mail.WaitForMessageAsync("aisha.elamrani@hotmail.test", m => m.Subject.Contains("regenboog-ouders", StringComparison.Ordinal), 60);
        Assert.Contains("/Account/Invitation?token=", mail.TextBody);
        foreach (var key in new[] { "20604", "29708" })
        {
            var code = await app.Database.ScalarAsync<string>(
                "SELECT c.code FROM link_codes c JOIN pupils p ON p.id = c.pupil_id WHERE p.tenant_id = $1 AND p.external_key = $2 AND c.revoked_at IS NULL", school, key);
            Assert.Contains(Schoolplein.Platform.LinkCodes.LinkCodeFormat.Display(code), mail.TextBody);
        }
        Assert.Equal(1L, await app.Database.ScalarAsync<long>(
            "SELECT count(*) FROM outbox_emails WHERE tenant_id = $1 AND kind = 'account.invitation' AND lower(to_address) = 'aisha.elamrani@hotmail.test'", school));
        Assert.Equal(2L, await app.Database.ScalarAsync<long>(
            "SELECT count(*) FROM backoffice.audit_entries WHERE tenant_id = $1 AND action = 'import.guardians-invited'", school));
    }

    [Fact]
    public async Task ANewerExportRenamesMovesAndArchivesAndAFailingImportLeavesNothingBehind()
    {
        var (client, school) = await SchoolAsync("regenboog-later");
        await ImportAsync(client, school, MigrationFixtures.Edexml, MigrationFixtures.Csv);

        var xml = Encoding.UTF8.GetString(MigrationFixtures.Edexml)
            .Replace("<naam>Groep 8B</naam>", "<naam>Groep 8 Blauw</naam>", StringComparison.Ordinal);
        var doc = System.Xml.Linq.XDocument.Parse(xml.TrimStart('\uFEFF'));
        var pupils = doc.Root!.Element("leerlingen")!;
        pupils.Elements("leerling").Single(e => e.Attribute("key")!.Value == "24649").Remove();          // left the school
        pupils.Elements("leerling").Single(e => e.Attribute("key")!.Value == "22735").Element("groep")!.SetAttributeValue("key", "4141"); // moved
        var newer = Encoding.UTF8.GetBytes(doc.ToString());
        var result = await ImportAsync(client, school, newer, MigrationFixtures.Csv);
        Assert.Contains("data-change=\"GroupsUpdated\">1<", result);
        Assert.Contains("data-change=\"PupilsUpdated\">1<", result);
        Assert.Contains("data-change=\"PupilsArchived\">1<", result);
        Assert.Equal("Groep 5B", await app.Database.ScalarAsync<string>("SELECT g.name FROM pupils p JOIN groups g ON g.id = p.group_id WHERE p.tenant_id = $1 AND p.external_key = '22735'", school));
        Assert.Equal(1L, await CountAsync("SELECT count(*) FROM pupils WHERE tenant_id = $1 AND external_key = '24649' AND archived_at IS NOT NULL", school));

        // A name too long for the database fails half-way: everything of that run is rolled back.
        var (client2, school2) = await SchoolAsync("regenboog-kapot");
        var broken = Encoding.UTF8.GetString(MigrationFixtures.Edexml)
            .Replace("<roepnaam>Zoë</roepnaam>", "<roepnaam>" + new string('Z', 150) + "</roepnaam>", StringComparison.Ordinal);
        var failed = await ImportAsync(client2, school2, Encoding.UTF8.GetBytes(broken), MigrationFixtures.Csv, "Failed");
        Assert.Contains("teruggedraaid", failed);
        Assert.Equal(0L, await CountAsync("SELECT count(*) FROM groups WHERE tenant_id = $1", school2));
        Assert.Equal(0L, await CountAsync("SELECT count(*) FROM pupils WHERE tenant_id = $1", school2));
        Assert.Equal(0L, await CountAsync("SELECT count(*) FROM users WHERE tenant_id = $1", school2));
        Assert.Equal(0L, await CountAsync("SELECT count(*) FROM outbox_emails WHERE tenant_id = $1", school2));
    }

    [Fact]
    public async Task AFileThatIsNotEdexmlIsRefusedWithAClearMessageAndNothingIsStored()
    {
        var (client, school) = await SchoolAsync("regenboog-fout");
        using var response = await UploadAsync(client, school, "<html><body>geen edexml</body></html>"u8.ToArray(), MigrationFixtures.Csv);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Dit is geen EDEXML-bestand", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        Assert.Equal(0L, await CountAsync("SELECT count(*) FROM migration_imports WHERE tenant_id = $1", school));
        using var missing = await client.PostMultipartAsync($"/Schools/{school}/Import", new MultipartFormDataContent { { new ByteArrayContent(MigrationFixtures.Csv), "Csv", "a.csv" } });
        Assert.Contains("Kies zowel het EDEXML-bestand als de MijnSchool-CSV", WebUtility.HtmlDecode(await missing.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task AnImportOfOneSchoolIsNotVisibleUnderAnotherSchool()
    {
        var (client, a) = await SchoolAsync("school-a-import");
        await using var scope = app.Services.CreateAsyncScope();
        var b = (await scope.ServiceProvider.GetRequiredService<SchoolRegistry>().CreateAsync(new NewSchool("school-b-import", "B"))).Value;
        using var upload = await UploadAsync(client, a, MigrationFixtures.Edexml, MigrationFixtures.Csv);
        var importId = upload.Headers.Location!.OriginalString.Split('/').Last();
        using var elsewhere = await client.GetAsync($"/Schools/{b}/Import/{importId}");
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
        using var support = await app.SignedInClientAsync(BackofficeRoles.Support);
        using var forbidden = await support.GetAsync($"/Schools/{a}/Import/{importId}");
        Assert.Equal(HttpStatusCode.Redirect, forbidden.StatusCode);
    }
    [Fact]
    public async Task TwoTeachersSharingAnAddressBecomeOneAccountWithBothGroupsAndTheDryRunSaysSo()
    {
        var (client, school) = await SchoolAsync("gedeeld-adres");
        // Esra Kaya (group 4107) and Gerda Hoekstra (4107, 4118) share one mailbox, as duo teachers sometimes do.
        var xml = Encoding.UTF8.GetString(MigrationFixtures.Edexml)
            .Replace("<emailadres>gerda.hoekstra@kcderegenboog.test</emailadres>", "<emailadres>Esra.Kaya@kcderegenboog.test</emailadres>", StringComparison.Ordinal);
        var edexml = Encoding.UTF8.GetBytes(xml);
        using (var upload = await UploadAsync(client, school, edexml, MigrationFixtures.Csv))
        {
            var dryRun = WebUtility.HtmlDecode(await client.GetStringAsync(upload.Headers.Location!.OriginalString));
            Assert.Contains("hetzelfde e-mailadres als een eerdere leerkracht", dryRun);
            Assert.Contains("MW0102", dryRun);
        }

        var result = await ImportAsync(client, school, edexml, MigrationFixtures.Csv);

        Assert.DoesNotContain("Exception", result);
        Assert.Equal(1L, await CountAsync("SELECT count(*) FROM users WHERE tenant_id = $1 AND normalized_email = 'ESRA.KAYA@KCDEREGENBOOG.TEST'", school));
        Assert.Equal(2L, await CountAsync("""
            SELECT count(DISTINCT g.external_key) FROM group_teachers t JOIN users u ON u.id = t.user_id JOIN groups g ON g.id = t.group_id
            WHERE u.tenant_id = $1 AND u.normalized_email = 'ESRA.KAYA@KCDEREGENBOOG.TEST' AND g.external_key IN ('4107', '4118')
            """, school));
        Assert.Equal(19L, await CountAsync("SELECT count(*) FROM users u WHERE u.tenant_id = $1 AND EXISTS (SELECT 1 FROM imported_teachers i WHERE i.user_id = u.id)", school));
        // Re-importing the same files changes nothing.
        var again = await ImportAsync(client, school, edexml, MigrationFixtures.Csv);
        Assert.Contains("data-change=\"TeachersCreated\">0<", again);
        Assert.Contains("data-change=\"TeachersUpdated\">0<", again);
    }

    [Fact]
    public async Task APupilArchivedByTheImportLosesItsKoppelcodeAsWithLeerlingVertrokken()
    {
        var (client, school) = await SchoolAsync("vertrokken-import");
        await ImportAsync(client, school, MigrationFixtures.Edexml, MigrationFixtures.Csv);
        Assert.Equal(1L, await CountAsync("SELECT count(*) FROM link_codes c JOIN pupils p ON p.id = c.pupil_id WHERE p.tenant_id = $1 AND p.external_key = '24649' AND c.revoked_at IS NULL", school));

        var doc = System.Xml.Linq.XDocument.Parse(Encoding.UTF8.GetString(MigrationFixtures.Edexml).TrimStart('\uFEFF'));
        doc.Root!.Element("leerlingen")!.Elements("leerling").Single(e => e.Attribute("key")!.Value == "24649").Remove();
        await ImportAsync(client, school, Encoding.UTF8.GetBytes(doc.ToString()), MigrationFixtures.Csv);

        Assert.Equal(1L, await CountAsync("SELECT count(*) FROM pupils WHERE tenant_id = $1 AND external_key = '24649' AND archived_at IS NOT NULL", school));
        Assert.Equal(0L, await CountAsync("SELECT count(*) FROM link_codes c JOIN pupils p ON p.id = c.pupil_id WHERE p.tenant_id = $1 AND p.external_key = '24649' AND c.revoked_at IS NULL", school));
        Assert.True(await CountAsync("SELECT count(*) FROM link_codes c JOIN pupils p ON p.id = c.pupil_id WHERE p.tenant_id = $1 AND p.external_key = '24649' AND c.revoked_at IS NOT NULL", school) >= 1);
    }

    [Fact]
    public async Task AnEmptyCsvSaysItIsEmptyAndACsvWithOnlyAHeaderIsRefusedAndNothingIsStored()
    {
        var (client, school) = await SchoolAsync("lege-csv");
        using var empty = await UploadAsync(client, school, MigrationFixtures.Edexml, []);
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Contains("De CSV is leeg.", WebUtility.HtmlDecode(await empty.Content.ReadAsStringAsync()));

        var header = Encoding.UTF8.GetString(MigrationFixtures.Csv).Split('\n')[0] + "\n";
        using var headerOnly = await UploadAsync(client, school, MigrationFixtures.Edexml, Encoding.UTF8.GetBytes(header));
        Assert.Equal(HttpStatusCode.OK, headerOnly.StatusCode);
        Assert.Contains("alleen de kopregel", WebUtility.HtmlDecode(await headerOnly.Content.ReadAsStringAsync()));

        Assert.Equal(0L, await CountAsync("SELECT count(*) FROM migration_imports WHERE tenant_id = $1", school));
    }
    [Fact]
    public async Task TheDryRunShowsNewRenamedMovedAndArchivedPupilsByNameAgainstTheSchoolAsItIs()
    {
        var (client, school) = await SchoolAsync("vergelijk-import");
        using (var first = await UploadAsync(client, school, MigrationFixtures.Edexml, MigrationFixtures.Csv))
        {
            var dryRun = WebUtility.HtmlDecode(await client.GetStringAsync(first.Headers.Location!.OriginalString));
            Assert.Contains("data-diff-count=\"New\">378<", dryRun);
            Assert.Contains("data-diff-count=\"Archived\">0<", dryRun);
        }
        await ImportAsync(client, school, MigrationFixtures.Edexml, MigrationFixtures.Csv);

        var doc = System.Xml.Linq.XDocument.Parse(Encoding.UTF8.GetString(MigrationFixtures.Edexml).TrimStart('\uFEFF'));
        var pupils = doc.Root!.Element("leerlingen")!;
        pupils.Elements("leerling").Single(e => e.Attribute("key")!.Value == "24649").Remove();                 // Zoë van der Linden left
        var mees = pupils.Elements("leerling").Single(e => e.Attribute("key")!.Value == "22735");
        mees.Element("roepnaam")!.Value = "Mats";                                                             // renamed
        mees.Element("groep")!.SetAttributeValue("key", "4141");                                              // and moved
        using var upload = await UploadAsync(client, school, Encoding.UTF8.GetBytes(doc.ToString()), MigrationFixtures.Csv);
        var page = WebUtility.HtmlDecode(await client.GetStringAsync(upload.Headers.Location!.OriginalString));

        Assert.Contains("data-diff-count=\"New\">0<", page);
        Assert.Contains("data-diff-count=\"Renamed\">1<", page);
        Assert.Contains("data-diff-count=\"Moved\">1<", page);
        Assert.Contains("data-diff-count=\"Archived\">1<", page);
        Assert.Contains("Mees Verhoeven heet nu Mats Verhoeven", page);
        Assert.Matches("Mats Verhoeven: van [^<]+ naar Groep 5B", page);
        Assert.Contains("Zoë van der Linden (", page);
        Assert.DoesNotContain("archive-warning", page);
        // The dry run changed nothing.
        Assert.Equal(0L, await CountAsync("SELECT count(*) FROM pupils WHERE tenant_id = $1 AND archived_at IS NOT NULL", school));
    }

    [Fact]
    public async Task ATruncatedExportThatWouldArchiveMostPupilsNeedsAnExplicitConfirmation()
    {
        var (client, school) = await SchoolAsync("afgekapte-export");
        await ImportAsync(client, school, MigrationFixtures.Edexml, MigrationFixtures.Csv);
        var doc = System.Xml.Linq.XDocument.Parse(Encoding.UTF8.GetString(MigrationFixtures.Edexml).TrimStart('\uFEFF'));
        foreach (var pupil in doc.Root!.Element("leerlingen")!.Elements("leerling").Skip(30).ToList())
        {
            pupil.Remove();
        }
        using var upload = await UploadAsync(client, school, Encoding.UTF8.GetBytes(doc.ToString()), MigrationFixtures.Csv);
        var page = upload.Headers.Location!.OriginalString;
        var importId = Guid.Parse(page.Split('/').Last());
        var dryRun = WebUtility.HtmlDecode(await client.GetStringAsync(page));
        Assert.Contains("id=\"archive-warning\"", dryRun);
        Assert.Contains("92% van de leerlingen (348 van 378)", dryRun);

        using (var unconfirmed = await client.PostFormAsync(page + "?handler=Start", new Dictionary<string, string>(), page))
        {
            Assert.Equal(HttpStatusCode.OK, unconfirmed.StatusCode);
            Assert.Contains("Vink aan dat dat de bedoeling is", WebUtility.HtmlDecode(await unconfirmed.Content.ReadAsStringAsync()));
        }
        Assert.Equal("DryRun", await app.Database.ScalarAsync<string>("SELECT status FROM migration_imports WHERE id = $1", importId));
        Assert.Equal(0L, await CountAsync("SELECT count(*) FROM pupils WHERE tenant_id = $1 AND archived_at IS NOT NULL", school));

        using (var confirmed = await client.PostFormAsync(page + "?handler=Start", new Dictionary<string, string> { ["confirmArchive"] = "true" }, page))
        {
            Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        }
        var deadline = Deadline.In(120);
        while (await app.Database.ScalarAsync<string>("SELECT status FROM migration_imports WHERE id = $1", importId) is "Queued" or "Running")
        {
            Assert.True(!deadline.Passed, "import did not finish");
            await Task.Delay(200);
        }
        Assert.Equal("Succeeded", await app.Database.ScalarAsync<string>("SELECT status FROM migration_imports WHERE id = $1", importId));
        Assert.Equal(348L, await CountAsync("SELECT count(*) FROM pupils WHERE tenant_id = $1 AND archived_at IS NOT NULL", school));
    }
    [Fact]
    public async Task NamesUpToTheLengthsEdexmlAllowsAreImported()
    {
        var (client, school) = await SchoolAsync("lange-namen");
        // EDEXML: achternaam 1–200, voorvoegsel 1–10, roepnaam 1–64 characters (README section 3).
        var surname = "Van" + new string('a', 197);
        var first = "Maximiliaan" + new string('o', 53);
        var doc = System.Xml.Linq.XDocument.Parse(Encoding.UTF8.GetString(MigrationFixtures.Edexml).TrimStart('\uFEFF'));
        var pupil = doc.Root!.Element("leerlingen")!.Elements("leerling").Single(e => e.Attribute("key")!.Value == "22735");
        pupil.Element("achternaam")!.Value = surname;
        pupil.Element("roepnaam")!.Value = first;
        pupil.Element("achternaam")!.AddAfterSelf(new System.Xml.Linq.XElement("voorvoegsel", "van der xy"));
        var teacher = doc.Root!.Element("leerkrachten")!.Elements("leerkracht").Single(e => e.Attribute("key")!.Value == "MW0101");
        teacher.Element("achternaam")!.Value = surname;
        teacher.Element("roepnaam")!.Value = first;

        var result = await ImportAsync(client, school, Encoding.UTF8.GetBytes(doc.ToString()), MigrationFixtures.Csv);

        Assert.DoesNotContain("Exception", result);
        Assert.Equal(200L, await CountAsync("SELECT length(last_name)::bigint FROM pupils WHERE tenant_id = $1 AND external_key = '22735'", school));
        Assert.Equal(64L + 1 + 10 + 1 + 200, await CountAsync("SELECT length(full_name)::bigint FROM pupils WHERE tenant_id = $1 AND external_key = '22735'", school));
        Assert.Equal(200L, await CountAsync("SELECT length(u.last_name)::bigint FROM users u JOIN imported_teachers i ON i.user_id = u.id WHERE u.tenant_id = $1 AND i.external_key = 'MW0101'", school));
    }
}
