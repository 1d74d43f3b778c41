using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Schoolplein.Tenant.Web.Push;

/// <summary>
/// Issue 17: push permission is asked "after the parent did something that makes its value clear, not on load".
/// A parent who just sent a sick report, a leave request or a question is waiting for the school: the page that
/// confirms it (after the redirect) offers "Wil je een melding als de school antwoordt?" (Push/_PushOffer.cshtml,
/// rendered by the layout). The browser's permission prompt only appears when the parent taps that button (push.js).
/// </summary>
public static class PushOffer
{
    public const string Key = "PushOffer";

    /// <summary>Marks the next page (the confirmation after the redirect) to show the offer.</summary>
    public static void OfferOnNextPage(ITempDataDictionary tempData) => tempData[Key] = true;
}
