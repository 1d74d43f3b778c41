using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Schoolplein.Platform.Email;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.LinkCodes;
using Schoolplein.Testing;
using Xunit;

namespace Schoolplein.Tenant.Web.Tests.People;

/// <summary>
/// Two schools (alfa, bravo) for the people features, with generous koppelcode rate limits
/// (the limiter has its own fixture) and a switch that makes saving an activation mail fail.
/// </summary>
public class PeopleApp : SchoolApp
{
    public SchoolHandle A { get; private set; } = null!;
    public SchoolHandle B { get; private set; } = null!;
    public Guid GroupA { get; private set; }
    public Guid GroupB { get; private set; }
    public FailSwitch Failures { get; } = new();

    private int _counter;

    protected override void Configure(IDictionary<string, string?> settings)
    {
        settings["LinkCodes:RateLimit:PerIp"] = "100000";
        settings["LinkCodes:RateLimit:PerAccount"] = "100000";
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton(Failures);
            services.AddScoped<IInterceptor, FailingActivationInterceptor>();
        });
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        A = await CreateSchoolAsync("alfa", "Basisschool Alfa");
        B = await CreateSchoolAsync("bravo", "Kindcentrum Bravo");
        GroupA = await A.AddGroupAsync("Groep 3 alfa");
        GroupB = await B.AddGroupAsync("Groep 3 bravo");
    }

    /// <summary>A unique address per call, so tests never read each other's mail.</summary>
    public string NewEmail(string who = "ouder") => $"{who}{Interlocked.Increment(ref _counter)}.{Guid.NewGuid().ToString("N")[..6]}@ouders.test";

    public Task<ActiveLinkCode> IssueCodeAsync(SchoolHandle school, Guid pupilId) =>
        InSchoolAsync(school.Id, async scope => (await scope.Get<LinkCodeService>().IssueAsync(pupilId))!);

    public Task<long> CountAsync(string sql, params object[] parameters) => Database.ScalarAsync<long>(sql, parameters);

    /// <summary>The link in a mail's plain text part that starts with the given path.</summary>
    public static string LinkIn(MimeKit.MimeMessage mail, string path)
    {
        var match = Regex.Match(mail.TextBody ?? "", @"https?://[^\s]+" + Regex.Escape(path) + @"[^\s]*");
        Assert.True(match.Success, $"no {path} link in: {mail.TextBody}");
        var uri = new Uri(match.Value);
        return uri.PathAndQuery;
    }

    /// <summary>Registers a new parent with a code through the real pages; returns the answer.</summary>
    public static Task<HttpResponseMessage> RegisterAsync(HttpClient client, string code, string email, string first = "Sam", string last = "de Ouder", string? phone = null, string password = Password) =>
        client.PostFormAsync("/Account/Register", new Dictionary<string, string>
        {
            ["Code"] = code,
            ["Input.FirstName"] = first,
            ["Input.LastNamePrefix"] = "",
            ["Input.LastName"] = last,
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["Input.PhoneNumber"] = phone ?? "",
        }, $"/Account/Register?code={Uri.EscapeDataString(code)}");

    /// <summary>The whole join: register, read the activation mail in smtp4dev, follow its link, sign in.</summary>
    public async Task<HttpClient> JoinAsync(SchoolHandle school, string code, string email)
    {
        var client = ClientFor(school.Slug);
        using var registered = await RegisterAsync(client, code, email);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, registered.StatusCode);
        var mail = await Mail.WaitForMessageAsync(email);
        using var activated = await client.GetAsync(LinkIn(mail, "/Account/Activate"));
        Assert.Contains("geactiveerd", await activated.Content.ReadAsStringAsync());
        await SignInAsync(client, email);
        return client;
    }
}

public sealed class FailSwitch
{
    public volatile bool FailActivationMail;
}

/// <summary>Simulates a failure at the very end of registration (after the account and link were written in the transaction).</summary>
internal sealed class FailingActivationInterceptor(FailSwitch failures) : SaveChangesInterceptor
{
    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (failures.FailActivationMail && eventData.Context!.ChangeTracker.Entries<OutboxEmail>()
                .Any(e => e.State == EntityState.Added && e.Entity.Kind == Schoolplein.Platform.Accounts.AccountMails.ActivationKind))
        {
            throw new InvalidOperationException("Simulated failure while saving the activation mail");
        }
        return ValueTask.FromResult(result);
    }
}
