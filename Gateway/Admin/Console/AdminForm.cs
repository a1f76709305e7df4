using System.Text.Encodings.Web;

namespace OrleansPlatform.Gateway.Admin.Console;

/// <summary>The anti-forgery field every console form carries.</summary>
/// <param name="FieldName">The form field's name.</param>
/// <param name="Token">The request token.</param>
internal sealed record AdminForm(string FieldName, string Token)
{
    /// <summary>The hidden input.</summary>
    public string Field() =>
        $"<input type=\"hidden\" name=\"{HtmlEncoder.Default.Encode(FieldName)}\" value=\"{HtmlEncoder.Default.Encode(Token)}\">";
}
