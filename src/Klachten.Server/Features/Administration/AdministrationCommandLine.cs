namespace Klachten.Server.Features.Administration;

/// <summary>One administration command as given on the command line: its name, its arguments and <c>--email</c>.</summary>
internal sealed record AdministrationCommand(string Name, IReadOnlyList<string> Arguments, string? Email)
{
    public string Argument(int index) => index < Arguments.Count ? Arguments[index] : string.Empty;

    public string? OptionalArgument(int index) => index < Arguments.Count ? Arguments[index] : null;
}

/// <summary>The parsed command line: a command, or what is wrong with it (exit code 2, with the usage text).</summary>
internal sealed record ParsedCommandLine(AdministrationCommand? Command, string? Problem);

/// <summary>
/// The server's administration commands (<c>--create-user</c> and the like): parsed before the host is built, so
/// wrong usage is answered without any database or certificate. Their arguments are not configuration: settings
/// come from the environment and appsettings, as for the server itself.
/// </summary>
internal static class AdministrationCommandLine
{
    public const string Help = "--help";

    private const string EmailOption = "--email";

    // Name, fewest and most arguments, whether --email is allowed.
    private static readonly Dictionary<string, (int Min, int Max, bool Email)> Commands = new(StringComparer.Ordinal)
    {
        ["--create-user"] = (2, 3, true),
        ["--set-roles"] = (2, 2, false),
        ["--disable-user"] = (1, 1, false),
        ["--enable-user"] = (1, 1, false),
        ["--create-api-key"] = (2, 2, false),
        ["--revoke-api-key"] = (2, 2, false),
        ["--list-users"] = (0, 0, false),
        ["--list-api-keys"] = (0, 1, false),
        [Help] = (0, 0, false),
    };

    public const string Usage = """
        Beheer zonder SQL (tegen de geconfigureerde database; migraties worden eerst toegepast):
          Klachten.Server --create-user <gebruiker> <rollen> [<naam>] [--email <adres>]
          Klachten.Server --set-roles <gebruiker> <rollen>
          Klachten.Server --disable-user <gebruiker>
          Klachten.Server --enable-user <gebruiker>
          Klachten.Server --create-api-key <gebruiker> <sleutelnaam>   (alleen de sleutel op stdout)
          Klachten.Server --revoke-api-key <gebruiker> <sleutelnaam>
          Klachten.Server --list-users
          Klachten.Server --list-api-keys [<gebruiker>]
        <rollen>: komma-gescheiden uit medewerker, leidinggevende, directeur, klachtencommissie, procesbeheerder,
        beheerder ("" voor geen). Exitcode 0: gelukt; 1: geweigerd (reden op stderr); 2: verkeerd gebruik.
        """;

    /// <summary>Whether the arguments name an administration command (anywhere, so a misplaced one is not ignored).</summary>
    public static bool IsCommandLine(IReadOnlyList<string> args) => args.Any(Commands.ContainsKey);

    public static ParsedCommandLine Parse(IReadOnlyList<string> args)
    {
        if (args.Count == 0 || !Commands.TryGetValue(args[0], out var shape))
        {
            return Wrong("Het commando hoort vooraan te staan, en er past er maar één.");
        }

        var name = args[0];
        var arguments = new List<string>();
        string? email = null;
        for (var i = 1; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == EmailOption && shape.Email)
            {
                if (email is not null || i + 1 >= args.Count)
                {
                    return Wrong($"{EmailOption} verwacht precies één adres.");
                }

                email = args[++i];
            }
            else if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                return Wrong($"Onbekende of hier niet toegestane optie: {arg}.");
            }
            else
            {
                arguments.Add(arg);
            }
        }

        if (arguments.Count < shape.Min || arguments.Count > shape.Max)
        {
            return Wrong($"{name} verwacht {Count(shape.Min, shape.Max)}, niet {arguments.Count}.");
        }

        return new ParsedCommandLine(new AdministrationCommand(name, arguments, email), null);
    }

    /// <summary>A comma-separated role list; blanks are dropped, so an empty text is no roles.</summary>
    public static IReadOnlyList<string> Roles(string text) =>
        [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static ParsedCommandLine Wrong(string problem) => new(null, problem);

    private static string Count(int min, int max) => (min, max) switch
    {
        (0, 0) => "geen argumenten",
        _ when min == max => $"{min} argument{(min == 1 ? string.Empty : "en")}",
        _ => $"{min} tot {max} argumenten",
    };
}
