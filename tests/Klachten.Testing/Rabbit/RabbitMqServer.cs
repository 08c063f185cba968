namespace Klachten.Testing;

// The RabbitMQ broker for tests: KLACHTEN_TEST_RABBITMQ (./build.sh test sets it).
// A missing broker is a failure with a clear message, never a skip.
public static class RabbitMqServer
{
    public const string EnvironmentVariable = "KLACHTEN_TEST_RABBITMQ";

    private static readonly Lazy<Task<Uri>> Server = new(Resolve);

    public static Task<Uri> GetUriAsync() => Server.Value;

    private static Task<Uri> Resolve()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(configured))
        {
            return Task.FromException<Uri>(new InvalidOperationException(
                "RabbitMQ not available: set " + EnvironmentVariable + " (amqp://user:password@host:port/) or run ./build.sh test"));
        }

        return Uri.TryCreate(configured, UriKind.Absolute, out var uri) && uri.Scheme is "amqp" or "amqps"
            ? Task.FromResult(uri)
            : Task.FromException<Uri>(new InvalidOperationException(
                $"{EnvironmentVariable} is not an amqp:// URI: '{configured}'."));
    }
}
