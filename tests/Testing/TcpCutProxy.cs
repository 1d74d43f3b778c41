using System.Net;
using System.Net.Sockets;

namespace Schoolplein.Testing;

/// <summary>
/// A TCP proxy standing for the network in front of a server (smtp4dev in the mail outage test,
/// PostgreSQL in the restart test). smtp4dev answers 250 before it has stored
/// a message (it stores from a queue), so killing it loses mail it already accepted — no real mail
/// server does that. The proxy makes the outage the way a real server fails: on <see cref="CutAsync"/>
/// nothing more reaches the server, replies to what it already received still come back for a
/// moment, then every connection is closed and new ones are refused until <see cref="Open"/>.
/// </summary>
public sealed class TcpCutProxy(int targetPort) : IAsyncDisposable
{
    private readonly object _gate = new();
    private readonly List<Connection> _connections = [];
    private TcpListener? _listener;

    public int Port { get; } = ProcessRunner.FreePort();

    public void Open()
    {
        var listener = new TcpListener(IPAddress.Loopback, Port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        _listener = listener;
        _ = AcceptAsync(listener);
    }

    public async Task CutAsync(TimeSpan replyGrace)
    {
        List<Connection> open;
        lock (_gate)
        {
            _listener?.Stop();
            _listener = null;
            open = [.. _connections];
            _connections.Clear();
            foreach (var connection in open)
            {
                connection.Cut = true;
            }
        }
        await Task.Delay(replyGrace);
        foreach (var connection in open)
        {
            connection.Close();
        }
    }

    private async Task AcceptAsync(TcpListener listener)
    {
        while (true)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync();
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                return;
            }
            var server = new TcpClient();
            try
            {
                await server.ConnectAsync(IPAddress.Loopback, targetPort);
            }
            catch (SocketException)
            {
                client.Dispose();
                server.Dispose();
                continue;
            }
            var connection = new Connection(client, server);
            lock (_gate)
            {
                if (_listener != listener)
                {
                    connection.Close();
                    return;
                }
                _connections.Add(connection);
            }
            _ = connection.PumpAsync(client.GetStream(), server.GetStream(), toServer: true);
            _ = connection.PumpAsync(server.GetStream(), client.GetStream(), toServer: false);
        }
    }

    private sealed class Connection(TcpClient client, TcpClient server)
    {
        public volatile bool Cut;

        public async Task PumpAsync(NetworkStream from, NetworkStream to, bool toServer)
        {
            var buffer = new byte[16 * 1024];
            try
            {
                int read;
                while ((read = await from.ReadAsync(buffer)) > 0)
                {
                    if (toServer && Cut)
                    {
                        return;
                    }
                    await to.WriteAsync(buffer.AsMemory(0, read));
                }
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException or SocketException)
            {
            }
            finally
            {
                if (!Cut)
                {
                    Close();
                }
            }
        }

        public void Close()
        {
            client.Dispose();
            server.Dispose();
        }
    }

    public ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            _listener?.Stop();
            foreach (var connection in _connections)
            {
                connection.Close();
            }
            _connections.Clear();
        }
        return ValueTask.CompletedTask;
    }
}
