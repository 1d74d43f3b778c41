namespace Schoolplein.Tenant.Web.Account.Settings;

/// <summary>Resource anchor for the settings pages (name menu → Instellingen).</summary>
public sealed class SettingsText;
