using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Schoolplein.Platform.Identity;

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> b)
    {
        b.ToTable("users");
        // Identity's own indexes become (tenant_id, …) and unique per school.
        b.HasIndex(u => u.NormalizedUserName).HasDatabaseName("ix_users_tenant_normalized_user_name").IsUnique();
        b.HasIndex(u => u.NormalizedEmail).HasDatabaseName("ix_users_tenant_normalized_email").IsUnique();
        b.Property(u => u.FirstName).HasMaxLength(100);
        b.Property(u => u.LastNamePrefix).HasMaxLength(30);
        b.Property(u => u.LastName).HasMaxLength(PersonName.LastNameMaxLength);
        b.Property(u => u.Language).HasMaxLength(5);
        b.Property(u => u.PhoneNumber).HasMaxLength(32);
        b.Property(u => u.NotifyBy).HasConversion<int>();
        b.Property(u => u.AboutMe).HasMaxLength(AppUser.AboutMeMaxLength);
        b.Ignore(u => u.DisplayName);
        b.Property(u => u.FullName).HasMaxLength(PersonName.MaxLength).HasComputedColumnSql(PersonName.Sql, stored: true);
    }
}

internal sealed class AppRoleConfiguration : IEntityTypeConfiguration<AppRole>
{
    public void Configure(EntityTypeBuilder<AppRole> b)
    {
        b.ToTable("roles");
        b.HasIndex(r => r.NormalizedName).HasDatabaseName("ix_roles_normalized_name").IsUnique();
        b.HasData(Roles.All.Select(r => new AppRole
        {
            Id = r.Id,
            Name = r.Name,
            NormalizedName = r.Name.ToUpperInvariant(),
            ConcurrencyStamp = r.Id.ToString(),
        }));
    }
}

internal sealed class AppUserRoleConfiguration : IEntityTypeConfiguration<AppUserRole>
{
    public void Configure(EntityTypeBuilder<AppUserRole> b) => b.ToTable("user_roles");
}

internal sealed class AppUserClaimConfiguration : IEntityTypeConfiguration<AppUserClaim>
{
    public void Configure(EntityTypeBuilder<AppUserClaim> b) => b.ToTable("user_claims");
}

internal sealed class AppUserLoginConfiguration : IEntityTypeConfiguration<AppUserLogin>
{
    public void Configure(EntityTypeBuilder<AppUserLogin> b) => b.ToTable("user_logins");
}

internal sealed class AppUserTokenConfiguration : IEntityTypeConfiguration<AppUserToken>
{
    public void Configure(EntityTypeBuilder<AppUserToken> b) => b.ToTable("user_tokens");
}

internal sealed class AppRoleClaimConfiguration : IEntityTypeConfiguration<AppRoleClaim>
{
    public void Configure(EntityTypeBuilder<AppRoleClaim> b) => b.ToTable("role_claims");
}
