using System.Net;
using System.Threading.Tasks;
using Dorset.Telehealth.Gateway.StaffConsole;
using Microsoft.AspNetCore.Http;

namespace Dorset.Telehealth.Gateway.Tests.StaffConsole;

/// <summary>Console pages over plain HTTP answer only on the box itself; from the hub LAN they need HTTPS.</summary>
public sealed class ConsoleTransportGuardTests
{
    [Theory]
    [InlineData("192.168.1.20", false, "/login", false)]
    [InlineData("192.168.1.20", false, "/", false)]
    [InlineData("192.168.1.20", true, "/login", true)]
    [InlineData("127.0.0.1", false, "/login", true)]
    [InlineData("::1", false, "/", true)]
    [InlineData("192.168.1.20", false, "/health", true)]
    [InlineData("192.168.1.20", false, "/metrics", true)]
    [InlineData("192.168.1.20", false, "/api/alerts", false)]
    [InlineData("192.168.1.20", true, "/api/alerts", true)]
    public async Task ConsoleRequest_IsServedOnlyFromLoopbackOrOverHttps(string remote, bool https, string path, bool served)
    {
        bool passed = false;
        var guard = new ConsoleTransportGuard(_ => { passed = true; return Task.CompletedTask; });
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(remote);
        context.Request.IsHttps = https;
        context.Request.Path = path;

        await guard.InvokeAsync(context);

        Assert.Equal(served, passed);
        Assert.Equal(served ? StatusCodes.Status200OK : StatusCodes.Status403Forbidden, context.Response.StatusCode);
    }
}
