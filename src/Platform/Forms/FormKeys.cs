using System.Buffers.Text;
using System.Security.Cryptography;

namespace Schoolplein.Platform.Forms;

/// <summary>The one-time key every rendered POST form carries, so the server can tell a repeat from a new form.</summary>
public static class FormKeys
{
    /// <summary>Name of the hidden field (like ASP.NET's own <c>__RequestVerificationToken</c>).</summary>
    public const string FieldName = "__FormKey";

    public const int MaxLength = 64;
    public const int MaxRedirectLength = 2000;

    /// <summary>128 random bits, URL-safe: guessing another form's key is not a practical attack.</summary>
    public static string New() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));

    /// <summary>A key of the shape <see cref="New"/> makes; anything else is not one of ours and is ignored.</summary>
    public static bool IsWellFormed(string? key) =>
        key is { Length: >= 16 and <= MaxLength } && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
