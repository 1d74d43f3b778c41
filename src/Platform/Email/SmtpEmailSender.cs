using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Schoolplein.Platform.Email;

/// <summary>The boundary to the mail server; tests use a real SMTP server (smtp4dev), not a fake.</summary>
public interface IEmailSender
{
    Task SendAsync(MimeMessage message, CancellationToken ct);

    /// <summary>A session for sending a batch (one connection for many mails where the sender can).</summary>
    Task<IEmailSession> OpenSessionAsync(CancellationToken ct) => Task.FromResult<IEmailSession>(new PerMessageSession(this));

    private sealed class PerMessageSession(IEmailSender sender) : IEmailSession
    {
        public Task SendAsync(MimeMessage message, CancellationToken ct) => sender.SendAsync(message, ct);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

public interface IEmailSession : IAsyncDisposable
{
    Task SendAsync(MimeMessage message, CancellationToken ct);
}

public sealed class SmtpEmailSender(IOptions<EmailOptions> options) : IEmailSender
{
    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        await using var session = new SmtpSession(options.Value);
        await session.SendAsync(message, ct);
    }

    public Task<IEmailSession> OpenSessionAsync(CancellationToken ct) => Task.FromResult<IEmailSession>(new SmtpSession(options.Value));

    /// <summary>Connects on the first mail and keeps the connection; after a failure the next mail reconnects.</summary>
    private sealed class SmtpSession(EmailOptions settings) : IEmailSession
    {
        private SmtpClient? _client;

        public async Task SendAsync(MimeMessage message, CancellationToken ct)
        {
            try
            {
                var client = await ConnectedAsync(ct);
                await client.SendAsync(message, ct);
            }
            catch
            {
                Drop();
                throw;
            }
        }

        private async Task<SmtpClient> ConnectedAsync(CancellationToken ct)
        {
            if (_client is { IsConnected: true })
            {
                return _client;
            }
            Drop();
            var client = new SmtpClient { Timeout = (int)EmailRowDelivery.SendTimeout.TotalMilliseconds };
            _client = client;
            var security = Enum.TryParse<SecureSocketOptions>(settings.Security, ignoreCase: true, out var s) ? s : SecureSocketOptions.None;
            await client.ConnectAsync(settings.Host, settings.Port, security, ct);
            if (!string.IsNullOrEmpty(settings.UserName))
            {
                await client.AuthenticateAsync(settings.UserName, settings.Password ?? "", ct);
            }
            return client;
        }

        private void Drop()
        {
            _client?.Dispose();
            _client = null;
        }

        public async ValueTask DisposeAsync()
        {
            if (_client is { IsConnected: true } client)
            {
                try
                {
                    await client.DisconnectAsync(quit: true, CancellationToken.None);
                }
                catch (Exception ex) when (ex is IOException or SmtpProtocolException or System.Net.Sockets.SocketException)
                {
                    // The mails are sent; a failed QUIT changes nothing.
                }
            }
            Drop();
        }
    }
}
