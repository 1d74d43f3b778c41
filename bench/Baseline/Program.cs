// The benchmark's baseline: the first page of a parent's timeline (school-wide posts plus the
// posts of their current children's groups, pinned first, newest first, 15 posts) with one
// prepared Npgsql statement and hand-written HTML. What it leaves out on purpose: sign-in
// cryptography (the parent's id is a plain "uid" cookie), row-level security (it connects with
// a BYPASSRLS role and filters on tenant_id itself), layout, menus, localisation and antiforgery.
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Npgsql;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var connection = builder.Configuration["BASELINE_DB"] ?? throw new InvalidOperationException("BASELINE_DB is not set");
var dataSource = NpgsqlDataSource.Create(connection);
var tenants = new Dictionary<string, (Guid Id, string Name)>(StringComparer.OrdinalIgnoreCase);
await using (var cmd = dataSource.CreateCommand("SELECT slug, id, name FROM tenants"))
await using (var reader = await cmd.ExecuteReaderAsync())
{
    while (await reader.ReadAsync())
    {
        tenants[reader.GetString(0)] = (reader.GetGuid(1), reader.GetString(2));
    }
}
var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");
var dutch = CultureInfo.GetCultureInfo("nl-NL");

const string Sql = """
    SELECT p.id, p.title, p.body_html, p.urgent, p.pinned, p.published_at, p.allow_likes,
           u.first_name, u.last_name_prefix, u.last_name,
           (SELECT string_agg(gr.name, ', ' ORDER BY gr.sort_order, gr.name)
              FROM post_groups pg JOIN groups gr ON gr.id = pg.group_id
             WHERE pg.tenant_id = $1 AND pg.post_id = p.id) AS groups,
           (SELECT count(*) FROM post_likes l WHERE l.tenant_id = $1 AND l.post_id = p.id) AS likes,
           (NOT p.urgent OR EXISTS (SELECT 1 FROM urgent_read_receipts r
                                     WHERE r.tenant_id = $1 AND r.post_id = p.id AND r.user_id = $2)) AS read
      FROM posts p JOIN users u ON u.id = p.author_id
     WHERE p.tenant_id = $1 AND p.deleted_at IS NULL
       AND (NOT EXISTS (SELECT 1 FROM post_groups pg WHERE pg.tenant_id = $1 AND pg.post_id = p.id)
            OR EXISTS (SELECT 1 FROM post_groups pg
                         JOIN pupils k ON k.tenant_id = $1 AND k.group_id = pg.group_id AND k.archived_at IS NULL
                         JOIN guardianships g ON g.tenant_id = $1 AND g.pupil_id = k.id AND g.user_id = $2
                        WHERE pg.tenant_id = $1 AND pg.post_id = p.id))
     ORDER BY p.pinned DESC, p.published_at DESC, p.id DESC
     LIMIT 15
    """;

var app = builder.Build();
app.MapGet("/health", () => "ok");
app.MapGet("/", async (HttpContext http) =>
{
    var slug = http.Request.Host.Host.Split('.')[0];
    if (!tenants.TryGetValue(slug, out var tenant))
    {
        return Results.NotFound();
    }
    if (!Guid.TryParse(http.Request.Cookies["uid"], out var userId))
    {
        return Results.Redirect("/signin");
    }
    var html = new StringBuilder(32 * 1024);
    var enc = HtmlEncoder.Default;
    html.Append("<!doctype html><html lang=\"nl\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><title>")
        .Append(enc.Encode(tenant.Name)).Append("</title></head><body><main><h1>Nieuws</h1>");
    await using (var conn = await dataSource.OpenConnectionAsync(http.RequestAborted))
    await using (var cmd = new NpgsqlCommand(Sql, conn))
    {
        cmd.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = tenant.Id });
        cmd.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = userId });
        await cmd.PrepareAsync(http.RequestAborted);
        await using var reader = await cmd.ExecuteReaderAsync(http.RequestAborted);
        while (await reader.ReadAsync(http.RequestAborted))
        {
            var id = reader.GetGuid(0);
            var urgent = reader.GetBoolean(3);
            var read = reader.GetBoolean(12);
            var author = reader.IsDBNull(8)
                ? reader.GetString(7) + " " + reader.GetString(9)
                : reader.GetString(7) + " " + reader.GetString(8) + " " + reader.GetString(9);
            var when = TimeZoneInfo.ConvertTime(reader.GetFieldValue<DateTimeOffset>(5), zone);
            html.Append("<article class=\"card post\" id=\"post-").Append(id).Append("\"><h2><a href=\"/nieuws/").Append(id).Append("\">")
                .Append(enc.Encode(reader.GetString(1))).Append("</a></h2>");
            if (urgent && !read)
            {
                html.Append("<strong>Spoed, ongelezen</strong>");
            }
            else if (reader.GetBoolean(4))
            {
                html.Append("<span>Vastgezet</span>");
            }
            html.Append("<p>").Append(enc.Encode(author)).Append(" · ")
                .Append(enc.Encode(reader.IsDBNull(10) ? "Hele school" : reader.GetString(10))).Append(" · <time>")
                .Append(when.ToString("dddd d MMMM yyyy, HH:mm", dutch)).Append("</time></p>")
                .Append("<div>").Append(reader.GetString(2)).Append("</div>");
            if (reader.GetBoolean(6))
            {
                html.Append("<p>").Append(reader.GetInt64(11)).Append(" keer leuk gevonden</p>");
            }
            html.Append("</article>");
        }
    }
    html.Append("</main></body></html>");
    return Results.Content(html.ToString(), "text/html; charset=utf-8");
});
app.Run();
