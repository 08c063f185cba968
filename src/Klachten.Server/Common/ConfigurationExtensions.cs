using System.ComponentModel.DataAnnotations;

namespace Klachten.Server.Common;

internal static class ConfigurationExtensions
{
    /// <summary>Binds and validates a section now, so a wrong value stops start-up with a line naming the key.</summary>
    public static T GetValidated<T>(this IConfigurationSection section, string sectionName) where T : class, new()
    {
        T value;
        try
        {
            value = section.Get<T>() ?? new T();
        }
        catch (InvalidOperationException ex)
        {
            // The binder's message names the key and the value that failed to convert.
            throw new StartupException($"Invalid configuration: {ex.Message}");
        }

        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(value, new ValidationContext(value), results, validateAllProperties: true))
        {
            var result = results[0];
            var key = $"{sectionName}:{string.Join(",", result.MemberNames)}";
            throw new StartupException($"Invalid configuration {key}: {result.ErrorMessage}");
        }

        return value;
    }

    /// <summary>Registers a validated options instance for injection.</summary>
    public static T AddValidatedOptions<T>(this IHostApplicationBuilder builder, string sectionName) where T : class, new()
    {
        var value = builder.Configuration.GetSection(sectionName).GetValidated<T>(sectionName);
        builder.Services.AddOptions<T>().Bind(builder.Configuration.GetSection(sectionName));
        return value;
    }
}
