using System.Text.Json.Nodes;

namespace Klachten.Workflows.Definitions;

/// <summary>A flowchart connection from an activity's outbound port to another activity's inbound port.</summary>
public sealed class ConnectionModel : ElsaJsonObject
{
    /// <summary>Where the connection starts: activity id and outcome port (e.g. <c>Done</c>).</summary>
    public ConnectionEndpoint? Source { get; set; }

    /// <summary>Where the connection ends: activity id and port <c>In</c>.</summary>
    public ConnectionEndpoint? Target { get; set; }

    /// <summary>Designer bend points.</summary>
    public JsonArray? Vertices { get; set; }

}

/// <summary>One end of a connection.</summary>
public sealed class ConnectionEndpoint : ElsaJsonObject
{
    /// <summary>The activity id (not the node id).</summary>
    public string? Activity { get; set; }

    /// <summary>The port name.</summary>
    public string? Port { get; set; }

}
