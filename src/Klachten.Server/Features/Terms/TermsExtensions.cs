using Klachten.Server.Common;
using Klachten.Workflows.Terms;

namespace Klachten.Server.Features.Terms;

/// <summary>The legal calendar and term computation, and their preview endpoints.</summary>
internal static class TermsExtensions
{
    /// <summary>Binds <c>Klachten:Calendar</c> and registers one shared <see cref="LegalCalendar"/> and <see cref="TermCalculator"/>.</summary>
    public static IHostApplicationBuilder AddTerms(this IHostApplicationBuilder builder)
    {
        var options = builder.AddValidatedOptions<CalendarOptions>(CalendarOptions.SectionName);
        var calendar = new LegalCalendar(options.ToSettings());
        builder.Services.AddSingleton(calendar);
        builder.Services.AddSingleton(new TermCalculator(calendar));
        return builder;
    }

    /// <summary>Maps the terms endpoints on the <c>/api</c> group, which already requires a staff member.</summary>
    public static RouteGroupBuilder MapTerms(this RouteGroupBuilder api)
    {
        api.MapGet("/terms/preview", PreviewTerm.Handle);
        api.MapGet("/calendar/holidays", ListHolidays.Handle);
        return api;
    }
}
