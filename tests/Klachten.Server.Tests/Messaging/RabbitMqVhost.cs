using Klachten.Testing;

namespace Klachten.Server.Tests.Messaging;

/// <summary>
/// A virtual host of its own on the shared test broker (<c>KLACHTEN_TEST_RABBITMQ</c>), so no other test's consumer
/// ever sees these messages and every queue starts empty. It is made with <c>rabbitmqctl</c> on the broker's node:
/// <c>klachten-test-&lt;port&gt;@localhost</c> as <c>tests/infra/rabbitmq.sh</c> names it, or
/// <c>KLACHTEN_TEST_RABBITMQ_NODE</c> for a broker started otherwise.
/// </summary>
internal sealed class RabbitMqVhost : IAsyncDisposable
{
    public const string NodeVariable = "KLACHTEN_TEST_RABBITMQ_NODE";

    private RabbitMqVhost(string node, string name, Uri uri)
    {
        Node = node;
        Name = name;
        Uri = uri;
    }

    public string Node { get; }

    public string Name { get; }

    /// <summary>The broker URI with this virtual host as its path.</summary>
    public Uri Uri { get; }

    public static async Task<RabbitMqVhost> CreateOnSharedBrokerAsync(string prefix)
    {
        var broker = await RabbitMqServer.GetUriAsync();
        var node = Environment.GetEnvironmentVariable(NodeVariable) is { Length: > 0 } configured ? configured : $"klachten-test-{broker.Port}@localhost";
        return await CreateAsync(broker, node, prefix);
    }

    public static async Task<RabbitMqVhost> CreateAsync(Uri broker, string node, string prefix)
    {
        var name = $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];
        var user = Uri.UnescapeDataString(broker.UserInfo.Split(':')[0]) is { Length: > 0 } u ? u : "guest";
        try
        {
            await RabbitMqTools.CtlAsync(node, "add_vhost", name);
            await RabbitMqTools.CtlAsync(node, "set_permissions", "-p", name, user, ".*", ".*", ".*");
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
        {
            throw new InvalidOperationException(
                $"Could not create a virtual host on RabbitMQ node '{node}' (rabbitmqctl, as root): {ex.Message}. " +
                $"Set {NodeVariable} when the broker of {RabbitMqServer.EnvironmentVariable} was not started by tests/infra/rabbitmq.sh.", ex);
        }

        return new RabbitMqVhost(node, name, new UriBuilder(broker) { Path = "/" + name }.Uri);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await RabbitMqTools.CtlAsync(Node, "delete_vhost", Name);
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
        {
            // A vhost left behind costs nothing but a name; the broker is thrown away after the run.
        }
    }
}
