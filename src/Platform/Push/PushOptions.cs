using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Schoolplein.Platform.Push;

/// <summary>
/// VAPID keys (RFC 8292) and delivery settings. The defaults are a development key pair (public,
/// in this repository): production sets Push__VapidPublicKey and Push__VapidPrivateKey
/// (generate with `npx web-push generate-vapid-keys`); a warning is logged while it does not.
/// </summary>
public sealed class PushOptions
{
    public const string SectionName = "Push";
    internal const string DevelopmentPublicKey = "BHvG57Yxd94Pcgouv7hRkCD56bQQg1-cmL8wsChVI1eZ2vG1JSNKEtdyX-brv7zr-CzCCXJaB4_XZgKjyDwaSKo";
    internal const string DevelopmentPrivateKey = "nsQpe2np796OKx2F188v6ekK9eQPBxXfhnkULvuln9I";

    /// <summary>Uncompressed P-256 public key, base64url (what the browser gets as applicationServerKey).</summary>
    [Required]
    public string VapidPublicKey { get; set; } = DevelopmentPublicKey;

    /// <summary>The 32-byte private key, base64url.</summary>
    [Required]
    public string VapidPrivateKey { get; set; } = DevelopmentPrivateKey;

    /// <summary>Contact for the push services (mailto: or https:).</summary>
    [Required]
    public string Subject { get; set; } = "mailto:support@schoolplein.nl";

    /// <summary>How long a push service keeps an undelivered message (phone off).</summary>
    [Range(60, 2_419_200)]
    public int TimeToLiveSeconds { get; set; } = 86_400;

    [Range(60, 2_419_200)]
    public int UrgentTimeToLiveSeconds { get; set; } = 345_600;

    [Range(1, 50)]
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Accept http:// push endpoints (only for local test push services).</summary>
    public bool AllowInsecureEndpoints { get; set; }

    /// <summary>
    /// Hosts of the browsers' push services (a host matches an entry or ends in "." + entry;
    /// "*.notify.windows.com" reads as "notify.windows.com"). Endpoints elsewhere are refused.
    /// </summary>
    public string[] AllowedHostSuffixes { get; set; } =
    [
        "fcm.googleapis.com",          // Chrome, Edge on Android, Opera, Samsung Internet
        "android.googleapis.com",      // older Chrome subscriptions
        "updates.push.services.mozilla.com", // Firefox
        "*.notify.windows.com",        // Edge on Windows (WNS)
        "web.push.apple.com",          // Safari on macOS and iOS 16.4+
    ];

    /// <summary>More allowed hosts, exact addresses included: only for local test push services.</summary>
    public string[] ExtraAllowedHosts { get; set; } = [];

    /// <summary>Connect to push hosts that resolve to loopback or private addresses (only for local test push services).</summary>
    public bool AllowPrivateAddresses { get; set; }
}

internal sealed class PushOptionsValidation(IHostEnvironment environment) : IValidateOptions<PushOptions>
{
    public ValidateOptionsResult Validate(string? name, PushOptions options) =>
        !environment.IsDevelopment() && !environment.IsEnvironment("Testing")
            && (options.AllowInsecureEndpoints || options.AllowPrivateAddresses || options.ExtraAllowedHosts.Length > 0)
            ? ValidateOptionsResult.Fail("Push:AllowInsecureEndpoints, AllowPrivateAddresses and ExtraAllowedHosts are for local test push services only.")
            : ValidateOptionsResult.Success;
}
