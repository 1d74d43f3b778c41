using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Schoolplein.Platform.Identity;

/// <summary>Identity's messages in the user's language (Dutch by default), from IdentityText resources.</summary>
public sealed class LocalizedIdentityErrorDescriber(IStringLocalizer<IdentityText> text) : IdentityErrorDescriber
{
    private IdentityError Error(string code, params object[] args) => new() { Code = code, Description = text[code, args] };

    public IdentityError CommonPassword() => Error(nameof(CommonPassword));
    public override IdentityError DefaultError() => Error(nameof(DefaultError));
    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch));
    public override IdentityError InvalidToken() => Error(nameof(InvalidToken));
    public override IdentityError InvalidEmail(string? email) => Error(nameof(InvalidEmail));
    public override IdentityError InvalidUserName(string? userName) => Error(nameof(InvalidEmail));
    public override IdentityError DuplicateEmail(string email) => Error(nameof(DuplicateEmail));
    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateEmail));
    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), length);
    public override IdentityError UserLockoutNotEnabled() => Error(nameof(DefaultError));
    public override IdentityError ConcurrencyFailure() => Error(nameof(ConcurrencyFailure));
}

/// <summary>Resource anchor for Identity texts.</summary>
public sealed class IdentityText;
