using System.ComponentModel.DataAnnotations;
using Klachten.Server.Features.HttpRequests;

namespace Klachten.Server.Tests.Hosting;

/// <summary>Klachten:Workflows:HttpRequests is checked at start-up: hosts without scheme or port, sane limits.</summary>
public sealed class WorkflowHttpRequestOptionsTests
{
    [Fact]
    public void Defaults_AreValid_AndAllowNoHost()
    {
        var options = new WorkflowHttpRequestOptions();

        Assert.Empty(Errors(options));
        Assert.Empty(options.AllowedHosts);
        Assert.Equal(TimeSpan.FromSeconds(30), options.Timeout);
    }

    [Theory]
    [InlineData("https://api.example.nl")]
    [InlineData("api.example.nl:443")]
    [InlineData("api.*.nl")]
    [InlineData(" ")]
    public void AllowedHosts_OtherThanAHostName_IsRefused(string host) =>
        Assert.Contains(nameof(WorkflowHttpRequestOptions.AllowedHosts), Errors(new WorkflowHttpRequestOptions { AllowedHosts = [host] }).SelectMany(e => e.MemberNames));

    [Fact]
    public void Timeout_OutOfRange_IsRefused() =>
        Assert.Contains(nameof(WorkflowHttpRequestOptions.Timeout), Errors(new WorkflowHttpRequestOptions { Timeout = TimeSpan.FromHours(1) }).SelectMany(e => e.MemberNames));

    private static List<ValidationResult> Errors(WorkflowHttpRequestOptions options) => [.. options.Validate(new ValidationContext(options))];
}
