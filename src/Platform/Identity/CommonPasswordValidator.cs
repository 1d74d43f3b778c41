using System.IO.Compression;
using Microsoft.AspNetCore.Identity;

namespace Schoolplein.Platform.Identity;

/// <summary>
/// Rejects passwords from a bundled list of about 49,000 common passwords (the zxcvbn-ts
/// list, MIT, plus Dutch additions). NIST 800-63B: length and a blocklist, no composition rules.
/// </summary>
public sealed class CommonPasswordValidator : IPasswordValidator<AppUser>
{
    private static readonly Lazy<HashSet<string>> Common = new(Load);

    public static int Count => Common.Value.Count;

    public static bool IsCommon(string password) => Common.Value.Contains(password.Trim().ToLowerInvariant());

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        if (password is null || !IsCommon(password))
        {
            return Task.FromResult(IdentityResult.Success);
        }
        var describer = manager.ErrorDescriber as LocalizedIdentityErrorDescriber;
        return Task.FromResult(IdentityResult.Failed(describer?.CommonPassword() ?? new IdentityError
        {
            Code = nameof(LocalizedIdentityErrorDescriber.CommonPassword),
            Description = "This password is too common.",
        }));
    }

    private static HashSet<string> Load()
    {
        using var stream = typeof(CommonPasswordValidator).Assembly
            .GetManifestResourceStream("Schoolplein.Platform.Identity.common-passwords.txt.gz")
            ?? throw new InvalidOperationException("The common password list is not embedded.");
        using var gzip = new GZipStream(stream, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && line[0] != '#')
            {
                set.Add(line);
            }
        }
        return set;
    }
}
