using System.ComponentModel.DataAnnotations;

namespace Schoolplein.Platform.Forms;

public sealed class FormSubmissionOptions
{
    public const string SectionName = "Forms";

    /// <summary>How long a second submit of a form waits for the first one, still running, to finish.</summary>
    [Range(0, 60_000)]
    public int WaitMilliseconds { get; set; } = 5_000;

    [Range(10, 5_000)]
    public int PollMilliseconds { get; set; } = 100;

    /// <summary>How long a sent form is remembered (a back-button resubmit after that runs again).</summary>
    [Range(1, 24 * 30)]
    public int KeepHours { get; set; } = 24;
}
