namespace Schoolplein.Platform.Forms;

/// <summary>
/// A page that shows a refusal in place (a message above the form rather than a model-state
/// error). The double-submit guard reads <see cref="Error"/>: a page shown with an error is a
/// refused submit, so its form key is released and the corrected form may be sent again.
/// </summary>
public interface IShowsError
{
    string? Error { get; }
}
