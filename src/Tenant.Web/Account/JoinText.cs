using Microsoft.Extensions.Localization;
using Schoolplein.Platform.LinkCodes;

namespace Schoolplein.Tenant.Web.Account;

/// <summary>Resource anchor for joining with a koppelcode.</summary>
public sealed class JoinText;

public static class LinkCodeMessages
{
    /// <summary>One clear message per reason a code does not work.</summary>
    public static string For(IStringLocalizer<JoinText> text, LinkCodeCheck check) => check.Status switch
    {
        LinkCodeStatus.Expired => text["CodeExpired"],
        LinkCodeStatus.Revoked => text["CodeRevoked"],
        LinkCodeStatus.UsedUp => text["CodeUsedUp"],
        LinkCodeStatus.AlreadyLinked => text["CodeAlreadyLinked", check.ChildFirstName ?? ""],
        _ => text["CodeInvalid"],
    };
}
