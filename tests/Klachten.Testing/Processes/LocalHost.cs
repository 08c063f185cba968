using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Klachten.Testing.Processes;

/// <summary>What tests that run a host as a child process share: a free loopback port and a readiness probe.</summary>
public static class LocalHost
{
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>True when <c>/health/ready</c> answers 200; false while the host is starting or gone.</summary>
    public static async Task<bool> IsReadyAsync(HttpClient client)
    {
        try
        {
            using var response = await client.GetAsync("/health/ready");
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }
}

/// <summary>Everything a child process wrote (stdout and stderr), collected from its event threads, for failure messages.</summary>
public sealed class ProcessOutput
{
    private readonly StringBuilder _text = new();

    public void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_text)
        {
            _text.AppendLine(line);
        }
    }

    public override string ToString()
    {
        lock (_text)
        {
            return _text.ToString();
        }
    }
}
