using Klachten.Workflows.Runtime;

namespace Klachten.Workflows.Tests.Runtime;

/// <summary>Which hosts a workflow may send HTTP requests to (Klachten:Workflows:HttpRequests:AllowedHosts).</summary>
public sealed class HttpHostPolicyTests
{
    [Theory]
    [InlineData("https://api.example.nl/zaken", true)]
    [InlineData("http://API.Example.NL:8080/", true)]
    [InlineData("https://sub.diensten.example.org/", true)]
    [InlineData("https://diensten.example.org/", false)]
    [InlineData("https://example.nl/", false)]
    [InlineData("https://api.example.nl.evil.com/", false)]
    [InlineData("ftp://api.example.nl/", false)]
    public void Allows_ListedHostsAndSubdomainsOfAWildcard_Only(string url, bool allowed) =>
        Assert.Equal(allowed, new HttpHostPolicy(["api.example.nl", "*.diensten.example.org"]).Allows(new Uri(url)));

    [Fact]
    public void EmptyList_AllowsNothing_AndStarAllowsEveryHost()
    {
        Assert.False(new HttpHostPolicy([]).Allows(new Uri("https://api.example.nl/")));
        Assert.True(new HttpHostPolicy(["*"]).Allows(new Uri("https://api.example.nl/")));
    }
}
