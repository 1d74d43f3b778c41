namespace Schoolplein.Tenant.Web.ChildSwitch;

/// <summary>Resource anchor for the child switcher's texts.</summary>
public sealed class ChildSwitchText;
