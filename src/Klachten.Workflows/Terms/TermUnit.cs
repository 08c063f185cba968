namespace Klachten.Workflows.Terms;

/// <summary>The unit a term is expressed in.</summary>
public enum TermUnit
{
    /// <summary>Calendar days; a term that ends on a Saturday, Sunday or holiday runs on to the next working day.</summary>
    CalendarDays,

    /// <summary>Weeks of seven calendar days; a term that ends on a Saturday, Sunday or holiday runs on to the next working day.</summary>
    Weeks,

    /// <summary>Working days: Monday to Friday, minus holidays and configured closure days.</summary>
    WorkingDays,
}
