namespace Schoolplein.Tenant.Web.Schools.Branding;

/// <summary>Resource anchor for the school's look under Beheer and the welcome text it shows.</summary>
public sealed class BrandingText;
