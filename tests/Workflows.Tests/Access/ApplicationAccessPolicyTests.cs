using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansPlatform.Workflows.Access;
using OrleansPlatform.Workflows.Applications.CatalogSearch;
using OrleansPlatform.Workflows.Applications.OrderEntry;
using OrleansPlatform.Workflows.Hosting;
using OrleansPlatform.Workflows.Model;

namespace OrleansPlatform.Workflows.Tests.Access;

public sealed class ApplicationAccessPolicyTests
{
    [Fact]
    public void Configured_rules_tighten_the_declared_access_and_never_loosen_it()
    {
        using var services = Services(new Dictionary<string, string?>
        {
            ["Applications:Access:catalog-search:Roles"] = "buyer, auditor,buyer",
            ["Applications:Access:order-entry:SignIn"] = "false",
            ["Applications:Access:order-entry:Roles"] = "",
        });
        var policy = services.GetRequiredService<IApplicationAccessPolicy>();

        var catalog = policy.AccessOf(CatalogSearchApplication.Create());
        Assert.True(catalog.RequiresSignIn);
        Assert.Equal(["buyer", "auditor"], catalog.Roles);
        Assert.False(catalog.Allows(null, []));
        Assert.False(catalog.Allows("ann", ["buyer"]));
        Assert.True(catalog.Allows("ann", ["auditor", "buyer"]));

        // order-entry declares SignedIn: "SignIn=false" and no roles leave it needing a signed-in user.
        var orders = policy.AccessOf(OrderEntryApplication.Create());
        Assert.True(orders.RequiresSignIn);
        Assert.Empty(orders.Roles);
    }

    [Fact]
    public void Without_rules_each_application_keeps_what_it_declares()
    {
        using var services = Services([]);
        var policy = services.GetRequiredService<IApplicationAccessPolicy>();

        Assert.Same(ApplicationAccess.Anonymous, policy.AccessOf(CatalogSearchApplication.Create()));
        Assert.Same(ApplicationAccess.SignedIn, policy.AccessOf(OrderEntryApplication.Create()));
    }

    [Fact]
    public void Tightened_adds_roles_to_declared_ones_and_keeps_sign_in()
    {
        var staff = ApplicationAccess.SignedInWithRoles("staff");

        Assert.Equal(["staff", "hr"], staff.Tightened(false, ["hr", "staff"]).Roles);
        Assert.Same(ApplicationAccess.SignedIn, ApplicationAccess.Anonymous.Tightened(true, []));
        Assert.Same(ApplicationAccess.Anonymous, ApplicationAccess.Anonymous.Tightened(false, []));
        Assert.Equal(["staff"], staff.Tightened(false, []).Roles);
    }

    [Fact]
    public void A_malformed_role_name_stops_start_up_with_the_setting_named()
    {
        using var services = Services(new Dictionary<string, string?> { ["Applications:Access:leave-request:Roles"] = "approver,head of hr" });

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ApplicationAccessOptions>>().Value);

        Assert.Contains("Applications:Access:leave-request:Roles names 'head of hr'", failure.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddWorkflows();
        return services.BuildServiceProvider();
    }
}
