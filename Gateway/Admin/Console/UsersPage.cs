using System.Text;
using OrleansPlatform.Gateway.Users;

namespace OrleansPlatform.Gateway.Admin.Console;

/// <summary><c>/admin/users</c>: the applications' users, with disable/enable and a roles form per user (never a password).</summary>
internal static class UsersPage
{
    public static string Render(IReadOnlyList<UserView> users, AdminForm form)
    {
        var html = new StringBuilder("<p class=\"muted\">Users of the applications that need a signed-in user (e.g. order-entry). Add one with <code>oplat users add NAME --password-stdin</code>.</p>");
        if (users.Count == 0)
        {
            return html.Append("<p class=\"muted\" id=\"no-users\">No user yet.</p>").ToString();
        }

        html.Append("<table id=\"users\"><thead><tr><th>User</th><th>State</th><th>Roles</th><th>Created</th><th></th></tr></thead><tbody>");
        foreach (var user in users)
        {
            var name = Uri.EscapeDataString(user.Name);
            var state = user.Disabled ? "disabled" : user.LockedOut ? "locked out until " + AdminHtml.Time(user.LockoutEnd) : "enabled";
            html.Append("<tr data-user=\"").Append(AdminHtml.E(user.Name)).Append("\"><td>").Append(AdminHtml.E(user.Name)).Append("</td><td class=\"state\">").Append(AdminHtml.E(state))
                .Append("</td><td><form method=\"post\" action=\"/admin/users/").Append(AdminHtml.E(name)).Append("/roles\" class=\"inline\">").Append(form.Field())
                .Append("<input name=\"roles\" aria-label=\"Roles of ").Append(AdminHtml.E(user.Name)).Append("\" value=\"").Append(AdminHtml.E(string.Join(',', user.Roles)))
                .Append("\" placeholder=\"none\"> <button type=\"submit\">Set roles</button></form></td><td>").Append(AdminHtml.Time(user.CreatedAt)).Append("</td><td>")
                .Append(user.Disabled
                    ? AdminHtml.Button(form, $"/admin/users/{name}/enable", "Enable")
                    : AdminHtml.Button(form, $"/admin/users/{name}/disable", "Disable"))
                .Append("</td></tr>");
        }

        return html.Append("</tbody></table>").ToString();
    }
}
