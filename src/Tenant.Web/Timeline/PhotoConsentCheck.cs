using Schoolplein.Platform;
using Microsoft.FeatureManagement;
using Schoolplein.Platform.Consent;
using Schoolplein.Platform.Modules;
using Schoolplein.Platform.Timeline;
using Schoolplein.Platform.Localization;

namespace Schoolplein.Tenant.Web.Timeline;

/// <summary>Children of one group who may not appear in a photo on the portal.</summary>
public sealed record ConsentGroup(Guid GroupId, string GroupName, IReadOnlyList<string> Children);

/// <summary>
/// Before photos go out, the writer sees which children of the chosen groups have no consent
/// for photos on the portal (the consent feature's answer; never answered counts as no) and
/// confirms having checked the photos. Schools without the consent module track no consent
/// here, so nothing is asked.
/// </summary>
public sealed class PhotoConsentCheck(IPhotoConsent consent, IFeatureManager features)
{
    private const int NamesInMessage = 15;

    /// <summary>Per group (in the given order), the children without portal consent; groups without any are left out.</summary>
    public async Task<IReadOnlyList<ConsentGroup>> ForGroupsAsync(IReadOnlyList<(Guid Id, string Name)> groups, CancellationToken ct)
    {
        if (groups.Count == 0 || !await features.IsEnabledAsync(SchoolModules.Consent))
        {
            return [];
        }
        var pupils = await consent.PupilsWithoutPortalConsentAsync(groups.Select(g => g.Id), ct);
        return groups
            .Select(g => new ConsentGroup(g.Id, g.Name, pupils.Where(p => p.GroupId == g.Id).Select(p => p.Name).ToList()))
            .Where(g => g.Children.Count > 0)
            .ToList();
    }

    /// <summary>
    /// The problem to show when photos are added for <paramref name="chosen"/> groups that hold
    /// children without consent and the writer has not confirmed checking them; null otherwise.
    /// </summary>
    public static Problem? Check(IReadOnlyList<ConsentGroup> groups, IReadOnlyCollection<Guid> chosen, bool hasPhotos, bool confirmed)
    {
        if (!hasPhotos || confirmed)
        {
            return null;
        }
        var names = groups.Where(g => chosen.Contains(g.GroupId)).SelectMany(g => g.Children).Distinct().ToList();
        if (names.Count == 0)
        {
            return null;
        }
        var shown = string.Join(", ", names.Take(NamesInMessage));
        return names.Count > NamesInMessage
            ? new Problem(Plurals.Key("ErrorPhotoConsentMore", names.Count - NamesInMessage), shown, names.Count - NamesInMessage)
            : new Problem("ErrorPhotoConsent", shown);
    }
}

/// <summary>The consent panel of the compose and edit forms; <see cref="FollowsChoice"/>: script shows only the chosen groups.</summary>
public sealed record PhotoConsentView(IReadOnlyList<ConsentGroup> Groups, bool Confirmed, bool FollowsChoice);
