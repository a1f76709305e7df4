using System.Text;

namespace OrleansPlatform.Workflows.Model;

/// <summary>Names of fields and actions in words, for labels the author did not write.</summary>
public static class FieldNames
{
    /// <summary>"next" becomes "Next", "productId" "Product id", "new-order" "New order".</summary>
    public static string Humanize(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var words = new StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (char.IsUpper(c) && words.Length > 0)
            {
                words.Append(' ').Append(char.ToLowerInvariant(c));
            }
            else
            {
                words.Append(c is '-' or '_' ? ' ' : c);
            }
        }

        return words.Length == 0 ? name : char.ToUpperInvariant(words[0]) + words.ToString(1, words.Length - 1);
    }
}
