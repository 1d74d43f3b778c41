using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Schoolplein.Platform.Blobs;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Privacy;

namespace Schoolplein.Platform.Profiles;

/// <summary>The account itself (name, address, phone, preferences, roles) and the profile photo.</summary>
public sealed class ProfilePersonalData(SchoolpleinDb db, IBlobStore blobs, ProfileService profiles) : IPersonalDataContributor, IAccountDeletionParticipant
{
    public async Task ContributeAsync(PersonalDataExport export, CancellationToken ct)
    {
        var account = await db.Users.AsNoTracking()
            .Where(u => u.Id == export.UserId)
            .Select(u => new
            {
                u.FirstName,
                u.LastNamePrefix,
                u.LastName,
                u.Email,
                u.EmailConfirmed,
                u.PhoneNumber,
                u.PhoneVisibleToParents,
                u.AboutMe,
                u.Language,
                NotifyBy = u.NotifyBy.ToString(),
                u.CreatedAt,
                u.DeactivatedAt,
                u.PhotoBlobId,
                Roles = db.UserRoles.Where(r => r.UserId == u.Id).Join(db.Roles, r => r.RoleId, role => role.Id, (r, role) => role.Name).ToList(),
            })
            .FirstOrDefaultAsync(ct);
        if (account is null)
        {
            return;
        }
        string? photoFile = null;
        if (account.PhotoBlobId is { } photoId && await blobs.GetAsync(photoId, ct) is { } photo)
        {
            photoFile = "profielfoto" + (photo.ContentType == "image/webp" ? ".webp" : ".jpg");
            export.AddFile(photoFile, photo.Content);
        }
        export.Add("account", new
        {
            account.FirstName,
            account.LastNamePrefix,
            account.LastName,
            account.Email,
            account.EmailConfirmed,
            account.PhoneNumber,
            account.PhoneVisibleToParents,
            account.AboutMe,
            account.Language,
            account.NotifyBy,
            account.Roles,
            account.CreatedAt,
            account.DeactivatedAt,
            Photo = photoFile,
        });
    }

    public async Task OnAccountDeletingAsync(AccountDeletionContext context, CancellationToken ct)
    {
        var user = await db.Users.SingleAsync(u => u.Id == context.UserId, ct);
        await profiles.DeleteBlobsAsync(user, ct);
    }
}

public static class ProfilesRegistration
{
    public static IServiceCollection AddProfiles(this IServiceCollection services)
    {
        services.AddScoped<ProfileService>();
        services.AddScoped<ProfileVisibility>();
        services.AddPersonalData<ProfilePersonalData>();
        services.AddAccountDeletionParticipant<ProfilePersonalData>();
        return services;
    }
}
