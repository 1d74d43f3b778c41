using System.Net.Mail;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using Schoolplein.Platform.Profiles;

namespace Schoolplein.Tenant.Web.Account;

/// <summary>Name, e-mail and phone as a parent or staff member types them; validated into a clean <see cref="Person"/>.</summary>
public sealed class PersonInput
{
    public string? FirstName { get; set; }
    public string? LastNamePrefix { get; set; }
    public string? LastName { get; set; }
    public string? Email { get; set; }
    public string? Password { get; set; }
    public string? PhoneNumber { get; set; }

    public sealed record Person(string FirstName, string? LastNamePrefix, string LastName, string Email, string? PhoneNumber);

    /// <summary>Adds a clear message per problem to the model state; null when anything is wrong.</summary>
    public static Person? Validate(PersonInput input, ModelStateDictionary state, IStringLocalizer<JoinText> text, bool requirePassword, bool requireEmail = true)
    {
        var first = Clean(input.FirstName);
        var prefix = Clean(input.LastNamePrefix);
        var last = Clean(input.LastName);
        var email = Clean(input.Email);
        var phone = CleanPhone(input.PhoneNumber, out var phoneValid);
        if (first is null)
        {
            state.AddModelError("Input.FirstName", text["FirstNameRequired"]);
        }
        if (last is null)
        {
            state.AddModelError("Input.LastName", text["LastNameRequired"]);
        }
        if (first?.Length > 100 || prefix?.Length > 30 || last?.Length > 150)
        {
            state.AddModelError("Input.LastName", text["NameTooLong"]);
        }
        if (requireEmail && !IsEmail(email))
        {
            state.AddModelError("Input.Email", text["EmailRequired"]);
        }
        if (requirePassword && string.IsNullOrEmpty(input.Password))
        {
            state.AddModelError("Input.Password", text["PasswordRequired"]);
        }
        if (!phoneValid)
        {
            state.AddModelError("Input.PhoneNumber", text["PhoneInvalid"]);
        }
        return state.IsValid ? new Person(first!, prefix, last!, email ?? "", phone) : null;
    }

    public static bool IsEmail(string? email)
    {
        if (email is null || email.Length > 254 || email.Contains(' ') || !email.Contains('@'))
        {
            return false;
        }
        return MailAddress.TryCreate(email, out var parsed) && parsed.Address == email && parsed.Host.Contains('.');
    }

    /// <summary>A Dutch or international number, returned as E.164 ("+31612345678"). Empty is fine (null).</summary>
    public static string? CleanPhone(string? phone, out bool valid)
    {
        valid = PhoneNumberRules.TryNormalize(phone, out var e164);
        return e164;
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
