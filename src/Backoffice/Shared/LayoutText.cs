namespace Schoolplein.Backoffice.Shared;

/// <summary>Resource anchor for the layout (menu, skip link).</summary>
public sealed class LayoutText;
