// Benchmark driver for ./bench.sh. Commands (options as --name value):
//   hash      --password P                      ASP.NET Core Identity hash of P (for the seed)
//   signin    --base URL --accounts FILE --out FILE --password P
//             FILE lines: host<TAB>email; writes host<TAB>cookie header, signed in through the real form
//   verify    --web URL --baseline URL --sessions FILE
//             FILE lines: host<TAB>web cookie<TAB>baseline cookie; both must show the same first page
//   openloop  --base URL --sessions FILE --rate R --seconds S
//             fixed request rate, latency from the intended send time (HdrHistogram)
//   fanout    --base URL --host H --admin EMAIL --password P --smtp-web URL --smtp-host H --smtp-port N
//             --db CONNSTRING --expect N [--push-log FILE]
//   bookings  --base URL --file FILE --password P [--ready-file F]     FILE lines: host<TAB>email<TAB>childId<TAB>slotId
// Output: key=value lines on stdout (read by bench.sh).
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using HdrHistogram;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.AspNetCore.Identity;
using MimeKit;
using Npgsql;
using Schoolplein.Bench;

var options = new Dictionary<string, string>(StringComparer.Ordinal);
for (var i = 1; i + 1 < args.Length; i += 2)
{
    options[args[i].TrimStart('-')] = args[i + 1];
}
string Opt(string name) => options.TryGetValue(name, out var v) ? v : throw new ArgumentException($"--{name} is required");

switch (args.Length > 0 ? args[0] : "")
{
    case "hash":
        Console.WriteLine(Commands.DeterministicHash(Opt("password")));
        return 0;
    case "signin":
        return await Commands.SignInAsync(Opt("base"), Opt("accounts"), Opt("out"), Opt("password"));
    case "verify":
        return await Commands.VerifyAsync(Opt("web"), Opt("baseline"), Opt("sessions"));
    case "openloop":
        return await Commands.OpenLoopAsync(Opt("base"), Opt("sessions"),
            double.Parse(Opt("rate"), CultureInfo.InvariantCulture), double.Parse(Opt("seconds"), CultureInfo.InvariantCulture));
    case "fanout":
        return await Commands.FanOutAsync(Opt("base"), Opt("host"), Opt("admin"), Opt("password"), Opt("smtp-web"), Opt("smtp-host"),
            int.Parse(Opt("smtp-port"), CultureInfo.InvariantCulture), Opt("db"), int.Parse(Opt("expect"), CultureInfo.InvariantCulture),
            options.GetValueOrDefault("push-log"));
    case "bookings":
        return await Commands.BookingsAsync(Opt("base"), Opt("file"), Opt("password"), options.GetValueOrDefault("ready-file"));
    default:
        Console.Error.WriteLine("usage: bench-tool hash|signin|verify|openloop|fanout|bookings [--option value ...]");
        return 2;
}

namespace Schoolplein.Bench
{
    /// <summary>One browser: a host name and its cookies (kept by hand: the container would mix schools on 127.0.0.1).</summary>
    internal sealed class Session(string host)
    {
        public string Host { get; } = host;
        public Dictionary<string, string> Cookies { get; } = new(StringComparer.Ordinal);

        public string CookieHeader => string.Join("; ", Cookies.Select(c => c.Key + "=" + c.Value));

        public void Take(HttpResponseMessage response)
        {
            if (!response.Headers.TryGetValues("Set-Cookie", out var values))
            {
                return;
            }
            foreach (var value in values)
            {
                var pair = value.Split(';', 2)[0];
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                if (eq > 0)
                {
                    Cookies[pair[..eq]] = pair[(eq + 1)..];
                }
            }
        }
    }

    internal static partial class Commands
    {
        /// <summary>
        /// An ASP.NET Core Identity V3 password hash (PBKDF2-HMAC-SHA512, 100,000 iterations) with a fixed
        /// salt, so the seed is the same on every run; checked against Identity's own verifier.
        /// </summary>
        public static string DeterministicHash(string password)
        {
            var salt = System.Security.Cryptography.SHA256.HashData("schoolplein-bench"u8)[..16];
            var subkey = System.Security.Cryptography.Rfc2898DeriveBytes.Pbkdf2(
                password, salt, 100_000, System.Security.Cryptography.HashAlgorithmName.SHA512, 32);
            var bytes = new byte[13 + salt.Length + subkey.Length];
            bytes[0] = 0x01;
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(1), 2);
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(5), 100_000);
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(9), (uint)salt.Length);
            salt.CopyTo(bytes, 13);
            subkey.CopyTo(bytes, 13 + salt.Length);
            var hash = Convert.ToBase64String(bytes);
            if (new PasswordHasher<object>().VerifyHashedPassword(new object(), hash, password) != PasswordVerificationResult.Success)
            {
                throw new InvalidOperationException("the hash does not verify");
            }
            return hash;
        }

        public static HttpClient Client(string baseUrl, int connections = 512) => new(new SocketsHttpHandler
        {
            UseCookies = false,
            AllowAutoRedirect = false,
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        })
        { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(120) };

        public static async Task<(HttpStatusCode Status, string Body, HttpResponseMessage Response)> SendAsync(
            HttpClient http, Session session, HttpMethod method, string path, HttpContent? content = null, string? cookie = null)
        {
            using var request = new HttpRequestMessage(method, path) { Content = content };
            request.Headers.Host = session.Host;
            var header = cookie ?? session.CookieHeader;
            if (header.Length > 0)
            {
                request.Headers.TryAddWithoutValidation("Cookie", header);
            }
            var response = await http.SendAsync(request);
            session.Take(response);
            var body = await response.Content.ReadAsStringAsync();
            return (response.StatusCode, body, response);
        }

        [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
        private static partial Regex TokenPattern();

        [GeneratedRegex("<article[^>]*\\bid=\"post-([0-9a-f-]{36})\"")]
        private static partial Regex PostIdPattern();

        public static string Token(string html) =>
            TokenPattern().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : throw new InvalidOperationException("no antiforgery token");

        public static async Task<Session> SignInAsync(HttpClient http, string host, string email, string password)
        {
            var session = new Session(host);
            var (_, page, _) = await SendAsync(http, session, HttpMethod.Get, "/Account/SignIn");
            var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = Token(page),
                ["Input.Email"] = email,
                ["Input.Password"] = password,
            });
            var (status, _, _) = await SendAsync(http, session, HttpMethod.Post, "/Account/SignIn", form);
            if (status != HttpStatusCode.Redirect || !session.Cookies.ContainsKey("schoolplein.auth"))
            {
                throw new InvalidOperationException($"sign-in of a parent at {host} answered {(int)status}");
            }
            return session;
        }

        public static async Task<int> SignInAsync(string baseUrl, string accountsFile, string outFile, string password)
        {
            using var http = Client(baseUrl);
            var accounts = File.ReadAllLines(accountsFile).Where(l => l.Length > 0).Select(l => l.Split('\t')).ToList();
            var sessions = new Session[accounts.Count];
            var watch = Stopwatch.StartNew();
            await Parallel.ForEachAsync(Enumerable.Range(0, accounts.Count), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, _) =>
                sessions[i] = await SignInAsync(http, accounts[i][0], accounts[i][1], password));
            await File.WriteAllLinesAsync(outFile, sessions.Select(s => s.Host + "\t" + s.CookieHeader));
            Console.WriteLine($"signin_count={sessions.Length}");
            Console.WriteLine($"signin_ms_each={watch.Elapsed.TotalMilliseconds * 4 / sessions.Length:F0}");
            return 0;
        }

        public static List<string> PostIds(string html) => PostIdPattern().Matches(html).Select(m => m.Groups[1].Value).ToList();

        public static async Task<int> VerifyAsync(string webUrl, string baselineUrl, string sessionsFile)
        {
            using var web = Client(webUrl);
            using var baseline = Client(baselineUrl);
            var lines = File.ReadAllLines(sessionsFile).Where(l => l.Length > 0).Select(l => l.Split('\t')).ToList();
            var failures = 0;
            var posts = 0;
            foreach (var line in lines)
            {
                var (s1, html1, _) = await SendAsync(web, new Session(line[0]), HttpMethod.Get, "/", cookie: line[1]);
                var (s2, html2, _) = await SendAsync(baseline, new Session(line[0]), HttpMethod.Get, "/", cookie: line[2]);
                var ids1 = PostIds(html1);
                var ids2 = PostIds(html2);
                posts += ids1.Count;
                if (s1 != HttpStatusCode.OK || s2 != HttpStatusCode.OK || ids1.Count == 0 || !ids1.SequenceEqual(ids2))
                {
                    failures++;
                    Console.Error.WriteLine($"differs at {line[0]}: web {(int)s1} [{string.Join(',', ids1.Take(4))}...] ({ids1.Count}) "
                        + $"baseline {(int)s2} [{string.Join(',', ids2.Take(4))}...] ({ids2.Count})");
                }
            }
            Console.WriteLine($"verify_sessions={lines.Count}");
            Console.WriteLine($"verify_failures={failures}");
            Console.WriteLine($"verify_posts_per_page={(lines.Count == 0 ? 0 : posts / lines.Count)}");
            return failures == 0 ? 0 : 1;
        }

        /// <summary>
        /// Open loop: request i is due at start + i/rate whatever happened before; its latency is
        /// measured from that intended moment, so a stall counts for every request it delays.
        /// </summary>
        public static async Task<int> OpenLoopAsync(string baseUrl, string sessionsFile, double rate, double seconds)
        {
            using var http = Client(baseUrl, 2048);
            var sessions = File.ReadAllLines(sessionsFile).Where(l => l.Length > 0).Select(l => l.Split('\t')).ToList();
            var histogram = new LongHistogram(TimeStamp.Minutes(10), 3);
            var gate = new object();
            long errors = 0, non200 = 0;
            var total = (long)(rate * seconds);
            var watch = Stopwatch.StartNew();
            var pending = new List<Task>((int)total);
            long next = 0;
            while (next < total)
            {
                var now = watch.ElapsedTicks;
                while (next < total && (long)(next * Stopwatch.Frequency / rate) <= now)
                {
                    var intended = (long)(next * Stopwatch.Frequency / rate);
                    var s = sessions[(int)(next % sessions.Count)];
                    pending.Add(Task.Run(async () =>
                    {
                        try
                        {
                            var (status, _, _) = await SendAsync(http, new Session(s[0]), HttpMethod.Get, "/", cookie: s[1]);
                            if (status != HttpStatusCode.OK)
                            {
                                Interlocked.Increment(ref non200);
                            }
                        }
                        catch (HttpRequestException)
                        {
                            Interlocked.Increment(ref errors);
                        }
                        catch (TaskCanceledException)
                        {
                            Interlocked.Increment(ref errors);
                        }
                        var latency = watch.ElapsedTicks - intended;
                        lock (gate)
                        {
                            histogram.RecordValue(latency);
                        }
                    }));
                    next++;
                }
                await Task.Delay(1);
            }
            await Task.WhenAll(pending);
            var elapsed = watch.Elapsed.TotalSeconds;
            double Ms(double percentile) => histogram.GetValueAtPercentile(percentile) * 1000.0 / Stopwatch.Frequency;
            Console.WriteLine(FormattableString.Invariant($"requests={histogram.TotalCount}"));
            Console.WriteLine(FormattableString.Invariant($"achieved_rps={histogram.TotalCount / elapsed:F1}"));
            Console.WriteLine(FormattableString.Invariant($"p50_ms={Ms(50):F1}"));
            Console.WriteLine(FormattableString.Invariant($"p95_ms={Ms(95):F1}"));
            Console.WriteLine(FormattableString.Invariant($"p99_ms={Ms(99):F1}"));
            Console.WriteLine(FormattableString.Invariant($"max_ms={histogram.GetMaxValue() * 1000.0 / Stopwatch.Frequency:F1}"));
            Console.WriteLine($"errors={errors}");
            Console.WriteLine($"non200={non200}");
            return 0;
        }

        private sealed record SmtpMessage(DateTimeOffset Received, string Subject);

        private static async Task<List<SmtpMessage>> MessagesAsync(HttpClient smtp)
        {
            using var doc = JsonDocument.Parse(await smtp.GetStringAsync("/api/messages?page=1&pageSize=100000"));
            var root = doc.RootElement;
            var list = root.ValueKind == JsonValueKind.Array ? root : root.GetProperty("results");
            return list.EnumerateArray()
                .Select(m => new SmtpMessage(m.GetProperty("receivedDate").GetDateTimeOffset(), m.GetProperty("subject").GetString() ?? ""))
                .ToList();
        }

        private static async Task<List<SmtpMessage>> WaitForAsync(HttpClient smtp, Func<SmtpMessage, bool> match, int expect, TimeSpan timeout)
        {
            var watch = Stopwatch.StartNew();
            while (true)
            {
                var found = (await MessagesAsync(smtp)).Where(match).ToList();
                if (found.Count >= expect || watch.Elapsed > timeout)
                {
                    return found;
                }
                await Task.Delay(500);
            }
        }

        private static async Task WaitForSentAsync(string db, string title, int expect, TimeSpan timeout)
        {
            var watch = Stopwatch.StartNew();
            await using var conn = new NpgsqlConnection(db);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand("SELECT count(*) FROM outbox_emails WHERE status = 'Sent' AND subject LIKE @t", conn);
            cmd.Parameters.AddWithValue("t", "%" + title + "%");
            while ((long)(await cmd.ExecuteScalarAsync())! < expect && watch.Elapsed < timeout)
            {
                await Task.Delay(250);
            }
        }

        /// <summary>The pushes to the subscribed parents (paths /p/...) the push service logged so far.</summary>
        private static List<JsonElement> ReadPushes(string file)
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            var found = new List<JsonElement>();
            while (reader.ReadLine() is { } line)
            {
                if (line.StartsWith("{\"path\":\"/p/", StringComparison.Ordinal) && line.EndsWith('}'))
                {
                    found.Add(JsonDocument.Parse(line).RootElement.Clone());
                }
            }
            return found;
        }

        /// <summary>
        /// An urgent school-wide message published through the real form, timed until smtp4dev
        /// accepted the last of its mails; then the same mails (read from the outbox) sent by a bare
        /// MailKit loop over one connection, timed the same way.
        /// </summary>
        public static async Task<int> FanOutAsync(string baseUrl, string host, string admin, string password, string smtpWeb,
            string smtpHost, int smtpPort, string db, int expect, string? pushLog)
        {
            using var http = Client(baseUrl);
            using var smtp = new HttpClient { BaseAddress = new Uri(smtpWeb), Timeout = TimeSpan.FromSeconds(60) };
            var session = await SignInAsync(http, host, admin, password);
            await smtp.DeleteAsync("/api/messages/*");
            var (_, page, _) = await SendAsync(http, session, HttpMethod.Get, "/nieuws/nieuw");
            var title = "Spoed bench " + Guid.NewGuid().ToString("N")[..8];
            var form = new MultipartFormDataContent
            {
                { new StringContent(Token(page)), "__RequestVerificationToken" },
                { new StringContent(title), "Form.Title" },
                { new StringContent("<p>De school is morgen om 12.00 uur uit wegens een stroomstoring. Haal uw kind op tijd op.</p>"), "Form.Body" },
                { new StringContent("true"), "Form.Urgent" },
                { new StringContent("true"), "Form.SchoolWide" },
                { new StringContent("true"), "Form.AllowLikes" },
            };
            var start = DateTimeOffset.UtcNow;
            var (status, _, response) = await SendAsync(http, session, HttpMethod.Post, "/nieuws/nieuw", form);
            var published = DateTimeOffset.UtcNow;
            if (status != HttpStatusCode.Redirect)
            {
                Console.Error.WriteLine($"publishing answered {(int)status}");
                return 1;
            }
            Console.WriteLine(FormattableString.Invariant($"publish_request_ms={(published - start).TotalMilliseconds:F0}"));
            // Wait on the outbox (cheap) rather than on smtp4dev's message list: listing 1,000 messages
            // every half second would compete with smtp4dev's own SMTP handling for the CPU.
            await WaitForSentAsync(db, title, expect, TimeSpan.FromMinutes(6));
            var mails = await WaitForAsync(smtp, m => m.Subject.Contains(title, StringComparison.Ordinal), expect, TimeSpan.FromSeconds(30));
            Console.WriteLine($"fanout_mails={mails.Count}");
            if (mails.Count > 0)
            {
                Console.WriteLine(FormattableString.Invariant($"fanout_mail_s={(mails.Max(m => m.Received) - start).TotalSeconds:F2}"));
            }
            if (pushLog is not null)
            {
                // The local push service (tests/Tenant.Web.Tests/Notifications/push-service.mjs) writes one
                // JSON line per push it received, with the instant and the decrypted payload: wait until
                // every subscribed parent's push is there, then time the last one from the form post.
                var watch = Stopwatch.StartNew();
                List<JsonElement> pushes;
                while ((pushes = ReadPushes(pushLog)).Count < expect && watch.Elapsed < TimeSpan.FromMinutes(3))
                {
                    await Task.Delay(250);
                }
                var delivered = pushes.Where(p => p.TryGetProperty("payload", out _)).ToList();
                Console.WriteLine($"fanout_push={delivered.Count}");
                if (delivered.Count > 0)
                {
                    var last = delivered.Max(p => p.GetProperty("at").GetDateTimeOffset());
                    Console.WriteLine(FormattableString.Invariant($"fanout_push_s={(last - start).TotalSeconds:F2}"));
                }
            }

            // The same mails, read from the outbox, over one SMTP connection.
            var outbox = new List<MimeMessage>();
            await using (var conn = new NpgsqlConnection(db))
            {
                await conn.OpenAsync();
                await using var cmd = new NpgsqlCommand(
                    "SELECT to_address, coalesce(to_name, ''), subject, html_body, text_body FROM outbox_emails WHERE subject LIKE @t ORDER BY created_at", conn);
                cmd.Parameters.AddWithValue("t", "%" + title + "%");
                await using var reader = await cmd.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    var message = new MimeMessage { Subject = reader.GetString(2) };
                    message.From.Add(new MailboxAddress("Schoolplein", "noreply@schoolplein.test"));
                    message.To.Add(new MailboxAddress(reader.GetString(1), reader.GetString(0)));
                    message.Body = new BodyBuilder { HtmlBody = reader.GetString(3), TextBody = reader.GetString(4) }.ToMessageBody();
                    outbox.Add(message);
                }
            }
            Console.WriteLine($"outbox_mails={outbox.Count}");
            await smtp.DeleteAsync("/api/messages/*");
            var loopStart = DateTimeOffset.UtcNow;
            var loop = Stopwatch.StartNew();
            using (var client = new SmtpClient())
            {
                await client.ConnectAsync(smtpHost, smtpPort, SecureSocketOptions.None);
                foreach (var message in outbox)
                {
                    await client.SendAsync(message);
                }
                await client.DisconnectAsync(true);
            }
            Console.WriteLine(FormattableString.Invariant($"mailkit_loop_send_s={loop.Elapsed.TotalSeconds:F2}"));
            var bare = await WaitForAsync(smtp, m => m.Subject.Contains(title, StringComparison.Ordinal), outbox.Count, TimeSpan.FromMinutes(2));
            if (bare.Count > 0)
            {
                Console.WriteLine(FormattableString.Invariant($"mailkit_loop_s={(bare.Max(m => m.Received) - loopStart).TotalSeconds:F2}"));
            }
            Console.WriteLine($"mailkit_loop_mails={bare.Count}");
            return 0;
        }

        /// <summary>Parents book at the same moment (one request each, released together); the database decides.</summary>
        public static async Task<int> BookingsAsync(string baseUrl, string file, string password, string? readyFile)
        {
            using var http = Client(baseUrl, 1024);
            var rows = File.ReadAllLines(file).Where(l => l.Length > 0).Select(l => l.Split('\t')).ToList();
            var prepared = new (Session Session, string Token, string Child, string Slot)[rows.Count];
            await Parallel.ForEachAsync(Enumerable.Range(0, rows.Count), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, _) =>
            {
                var session = await SignInAsync(http, rows[i][0], rows[i][1], password);
                var (status, page, _) = await SendAsync(http, session, HttpMethod.Get, "/gesprekken");
                if (status != HttpStatusCode.OK)
                {
                    throw new InvalidOperationException($"/gesprekken answered {(int)status}");
                }
                prepared[i] = (session, Token(page), rows[i][2], rows[i][3]);
            });
            // Open the connections first so the 200 requests leave together.
            await Task.WhenAll(prepared.Select(p => SendAsync(http, p.Session, HttpMethod.Get, "/health/live")));
            if (readyFile is not null)
            {
                // The bench starts a profiler now (after the sign-ins) and creates "<file>.go" when it listens.
                await File.WriteAllTextAsync(readyFile, "ready");
                var wait = Stopwatch.StartNew();
                while (!File.Exists(readyFile + ".go") && wait.Elapsed < TimeSpan.FromSeconds(30))
                {
                    await Task.Delay(50);
                }
            }
            var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var histogram = new LongHistogram(TimeStamp.Minutes(10), 3);
            int booked = 0, taken = 0, otherRefusal = 0, serverErrors = 0, transport = 0;
            var watch = Stopwatch.StartNew();
            var tasks = prepared.Select(async p =>
            {
                await go.Task;
                var begin = Stopwatch.GetTimestamp();
                try
                {
                    var form = new FormUrlEncodedContent(new Dictionary<string, string>
                    {
                        ["__RequestVerificationToken"] = p.Token, ["childId"] = p.Child, ["slotId"] = p.Slot,
                    });
                    var (status, body, _) = await SendAsync(http, p.Session, HttpMethod.Post, "/gesprekken?handler=Book", form);
                    if ((int)status >= 500)
                    {
                        Interlocked.Increment(ref serverErrors);
                    }
                    else if (body.Contains("Geboekt!", StringComparison.Ordinal))
                    {
                        Interlocked.Increment(ref booked);
                    }
                    else if (body.Contains("Net te laat", StringComparison.Ordinal))
                    {
                        Interlocked.Increment(ref taken);
                    }
                    else
                    {
                        Interlocked.Increment(ref otherRefusal);
                    }
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref transport);
                }
                lock (histogram)
                {
                    histogram.RecordValue(Stopwatch.GetTimestamp() - begin);
                }
            }).ToList();
            watch.Restart();
            go.SetResult();
            await Task.WhenAll(tasks);
            double Ms(double percentile) => histogram.GetValueAtPercentile(percentile) * 1000.0 / Stopwatch.Frequency;
            Console.WriteLine($"bookings_requests={rows.Count}");
            Console.WriteLine($"bookings_succeeded={booked}");
            Console.WriteLine($"bookings_slot_taken={taken}");
            Console.WriteLine($"bookings_other_refusals={otherRefusal}");
            Console.WriteLine($"bookings_server_errors={serverErrors}");
            Console.WriteLine($"bookings_transport_errors={transport}");
            Console.WriteLine(FormattableString.Invariant($"bookings_wall_ms={watch.Elapsed.TotalMilliseconds:F0}"));
            Console.WriteLine(FormattableString.Invariant($"bookings_p50_ms={Ms(50):F0}"));
            Console.WriteLine(FormattableString.Invariant($"bookings_p99_ms={Ms(99):F0}"));
            Console.WriteLine(FormattableString.Invariant($"bookings_max_ms={histogram.GetMaxValue() * 1000.0 / Stopwatch.Frequency:F0}"));
            return 0;
        }
    }
}
