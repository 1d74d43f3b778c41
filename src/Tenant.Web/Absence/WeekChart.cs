using System.Globalization;
using System.Net;
using System.Text;
using Schoolplein.Platform.Absence;

namespace Schoolplein.Tenant.Web.Absence;

/// <summary>An accessible bar chart of absences per week as inline SVG, rendered on the server (no script).</summary>
public static class WeekChart
{
    public static string Svg(IReadOnlyList<WeekCount> weeks, string title, Func<WeekCount, string> label)
    {
        const int width = 640, height = 220, left = 32, bottom = 40, top = 16;
        var max = Math.Max(1, weeks.Count == 0 ? 1 : weeks.Max(w => w.ChildDays));
        var slot = (width - left) / (double)Math.Max(1, weeks.Count);
        var scale = (height - bottom - top) / (double)max;
        var s = new StringBuilder();
        s.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-labelledby=\"chart-title\" xmlns=\"http://www.w3.org/2000/svg\">");
        s.Append("<title id=\"chart-title\">").Append(WebUtility.HtmlEncode(title)).Append("</title>");
        s.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" y1=\"{height - bottom}\" x2=\"{width}\" y2=\"{height - bottom}\" stroke=\"#8c959f\"/>");
        s.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 6}\" y=\"{top + 4}\" text-anchor=\"end\" font-size=\"11\" fill=\"#57606a\">{max}</text>");
        s.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 6}\" y=\"{height - bottom}\" text-anchor=\"end\" font-size=\"11\" fill=\"#57606a\">0</text>");
        for (var i = 0; i < weeks.Count; i++)
        {
            var w = weeks[i];
            var barHeight = w.ChildDays * scale;
            var x = left + i * slot + slot * 0.15;
            var y = height - bottom - barHeight;
            var text = WebUtility.HtmlEncode(label(w));
            s.Append(CultureInfo.InvariantCulture, $"<g><title>{text}: {w.ChildDays}</title>");
            s.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x:0.#}\" y=\"{y:0.#}\" width=\"{slot * 0.7:0.#}\" height=\"{barHeight:0.#}\" fill=\"var(--brand)\"/>");
            s.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + slot * 0.35:0.#}\" y=\"{y - 4:0.#}\" text-anchor=\"middle\" font-size=\"11\">{w.ChildDays}</text>");
            s.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + slot * 0.35:0.#}\" y=\"{height - bottom + 16}\" text-anchor=\"middle\" font-size=\"11\" fill=\"#57606a\">{text}</text></g>");
        }
        s.Append("</svg>");
        return s.ToString();
    }
}
