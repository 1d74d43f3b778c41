namespace Schoolplein.Tenant.Web.Billing;

/// <summary>Resource anchor for the school admin's billing page and banner.</summary>
public sealed class BillingText;
