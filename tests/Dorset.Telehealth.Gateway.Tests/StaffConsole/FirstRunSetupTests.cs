using Dorset.Telehealth.TestSupport;
using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using Dorset.Telehealth.Gateway.Accounts;
using Dorset.Telehealth.Gateway.Alerts;
using Dorset.Telehealth.Gateway.StaffConsole;
using Dorset.Telehealth.Gateway.Storage;
using Dorset.Telehealth.Gateway.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace Dorset.Telehealth.Gateway.Tests.StaffConsole;

/// <summary>No default account: a first run without an admin offers a one-time setup page, reachable only with the token from the log.</summary>
public sealed class FirstRunSetupTests
{
    [Fact]
    public async Task WithoutAnAdmin_TheSetupPageNeedsTheToken_CreatesOneAdmin_AndIsThenGone()
    {
        await using var host = AlertHost.Start();
        string token = host.Host.Services.GetRequiredService<SetupToken>().Current!;
        using var browser = new ConsoleBrowser(host.Host);

        var without = await browser.GetAsync("/setup");
        var wrong = await browser.GetAsync("/setup?token=" + new string('0', token.Length));
        var mismatch = await browser.PostFormAsync("/setup?token=" + token, "/setup", new Dictionary<string, string>
        {
            ["token"] = token, ["name"] = "admin.a", ["password"] = "a long enough passphrase", ["confirm"] = "another passphrase",
        });
        var created = await browser.PostFormAsync("/setup?token=" + token, "/setup", new Dictionary<string, string>
        {
            ["token"] = token, ["name"] = "admin.a", ["password"] = "a long enough passphrase", ["confirm"] = "a long enough passphrase",
        });
        var again = await browser.GetAsync("/setup?token=" + token);

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (without.Status, wrong.Status));
        Assert.Contains("The two passwords differ.", mismatch.Html, StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.Redirect, "/login"), (created.Status, created.Location));
        Assert.Equal(HttpStatusCode.NotFound, again.Status);
        var users = host.Host.Services.GetRequiredService<HubUserStore>();
        Assert.Equal(HubRoles.Admin, Assert.Single(users.List()).Role);
        Assert.Equal(LoginResult.Succeeded, users.Verify("admin.a", "a long enough passphrase", AlertHost.FrameTime));
        Assert.Equal("setup", AuditLog.Read(host.Host.Services.GetRequiredService<GatewayDatabase>(), "user:admin.a", 10).Single(a => a.Action == "user.add").Actor);
    }

    [Fact]
    public async Task WithAnAdmin_ThereIsNoSetupToken()
    {
        using var dir = new TempDirectory();
        new HubUserStore(new GatewayDatabase(System.IO.Path.Combine(dir.Path, "gateway.db"))).Add("admin.a", HubRoles.Admin, "a long enough passphrase", "test", AlertHost.FrameTime);

        await using var host = AlertHost.Start(dataDir: dir.Path);

        Assert.Null(host.Host.Services.GetRequiredService<SetupToken>().Current);
        using var browser = new ConsoleBrowser(host.Host);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/setup?token=anything")).Status);
    }
}
