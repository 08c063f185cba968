using Klachten.Server.Common;

namespace Klachten.Server.Runtime;

/// <summary>Wakes the timer loop early when a step created a timer due soon (another node learns it through NOTIFY).</summary>
internal sealed class TimerSignal : WakeSignal;

/// <summary>Wakes the HTTP request sender when a committed step queued a request on this node.</summary>
internal sealed class HttpRequestSignal : WakeSignal;
