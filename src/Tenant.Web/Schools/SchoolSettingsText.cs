namespace Schoolplein.Tenant.Web.Schools;

/// <summary>Resource anchor for the school's own settings page under Beheer.</summary>
public sealed class SchoolSettingsText;
