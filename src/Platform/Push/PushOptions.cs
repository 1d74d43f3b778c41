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
}

internal sealed class PushOptionsValidation(IHostEnvironment environment) : IValidateOptions<PushOptions>
{
    public ValidateOptionsResult Validate(string? name, PushOptions options) =>
        !environment.IsDevelopment() && !environment.IsEnvironment("Testing")
            && options.AllowInsecureEndpoints
            ? ValidateOptionsResult.Fail("Push:AllowInsecureEndpoints is for local test push services only.")
            : ValidateOptionsResult.Success;
}
