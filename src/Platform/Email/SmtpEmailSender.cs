using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Schoolplein.Platform.Email;

/// <summary>The boundary to the mail server; tests use a real SMTP server (smtp4dev), not a fake.</summary>
public interface IEmailSender
{
    Task SendAsync(MimeMessage message, CancellationToken ct);

    /// <summary>One connection for several messages (a batch). By default each message goes on its own.</summary>
    Task<IEmailConnection> ConnectAsync(CancellationToken ct) => Task.FromResult<IEmailConnection>(new EachOnItsOwn(this));

    private sealed class EachOnItsOwn(IEmailSender sender) : IEmailConnection
    {
        public Task SendAsync(MimeMessage message, CancellationToken ct) => sender.SendAsync(message, ct);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

/// <summary>An open connection to the mail server; disposing it says goodbye.</summary>
public interface IEmailConnection : IAsyncDisposable
{
    Task SendAsync(MimeMessage message, CancellationToken ct);
}

public sealed class SmtpEmailSender(IOptions<EmailOptions> options) : IEmailSender
{
    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        await using var connection = await ConnectAsync(ct);
        await connection.SendAsync(message, ct);
    }

    public async Task<IEmailConnection> ConnectAsync(CancellationToken ct)
    {
        var settings = options.Value;
        var client = new SmtpClient { Timeout = 30_000 };
        try
        {
            var security = Enum.TryParse<SecureSocketOptions>(settings.Security, ignoreCase: true, out var s) ? s : SecureSocketOptions.None;
            await client.ConnectAsync(settings.Host, settings.Port, security, ct);
            if (!string.IsNullOrEmpty(settings.UserName))
            {
                await client.AuthenticateAsync(settings.UserName, settings.Password ?? "", ct);
            }
            return new Connection(client);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private sealed class Connection(SmtpClient client) : IEmailConnection
    {
        public Task SendAsync(MimeMessage message, CancellationToken ct) => client.SendAsync(message, ct);

        public async ValueTask DisposeAsync()
        {
            try
            {
                if (client.IsConnected)
                {
                    await client.DisconnectAsync(quit: true);
                }
            }
            catch (Exception ex) when (ex is IOException or MailKit.ProtocolException or SmtpCommandException)
            {
                // The mail was accepted before; a failed goodbye changes nothing.
            }
            finally
            {
                client.Dispose();
            }
        }
    }
}
