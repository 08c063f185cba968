using System.Text;
using MassTransit;

namespace Klachten.ServiceDefaults;

/// <summary>
/// Names each message type's exchange in kebab-case with a <c>klachten-</c> prefix (<c>klachten-send-letter</c>,
/// <c>klachten-send-letter-fault</c>) instead of MassTransit's <c>Namespace:Type</c>, so operators see one naming
/// scheme across queues and exchanges. The prefix keeps message exchanges apart from the exchanges MassTransit
/// creates per queue (<c>send-letter</c>), which carry the queue's name.
/// </summary>
public sealed class KebabCaseEntityNameFormatter : IEntityNameFormatter
{
    /// <summary>The prefix of every message exchange.</summary>
    public const string Prefix = "klachten-";

    /// <inheritdoc />
    public string FormatEntityName<T>() => Prefix + Format(typeof(T));

    /// <summary>Kebab-case name of a message type; <c>Fault&lt;SendLetter&gt;</c> becomes <c>send-letter-fault</c>.</summary>
    public static string Format(Type type)
    {
        if (type.IsGenericType)
        {
            var name = type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)];
            return string.Join("-", type.GetGenericArguments().Select(Format)) + "-" + Kebab(name);
        }

        return Kebab(type.Name);
    }

    private static string Kebab(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]) && char.IsUpper(name[i - 1]))))
                {
                    builder.Append('-');
                }

                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}

/// <summary>
/// <c>send-letter-error</c> and <c>send-letter-skipped</c> instead of MassTransit's <c>send-letter_error</c> and
/// <c>send-letter_skipped</c>: the same kebab-case as every other queue.
/// </summary>
public sealed class KebabCaseErrorQueueNameFormatter : IErrorQueueNameFormatter, IDeadLetterQueueNameFormatter
{
    /// <inheritdoc />
    public string FormatErrorQueueName(string queueName) => queueName + "-error";

    /// <inheritdoc />
    public string FormatDeadLetterQueueName(string queueName) => queueName + "-skipped";
}
