namespace Klachten.Server.Tests.Timers;

/// <summary>The timer scale tests run alone, one after another, so their timings and rates are not shared with other tests.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimerScaleCollection
{
    public const string Name = "Timer scale";
}
