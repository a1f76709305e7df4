using System.Globalization;

namespace OrleansPlatform.Workflows.Views;

/// <summary>
/// How a page shows a data property (<see cref="SessionView.Formats"/>): the data itself stays plain JSON for programs.
/// </summary>
public static class ViewFormats
{
    /// <summary>Not shown on the page (still in the data): ids and counts the page presents otherwise.</summary>
    public const string Hidden = "hidden";

    /// <summary>Running text (a description): shown as a paragraph, not as a bold value.</summary>
    public const string Prose = "prose";

    /// <summary>The prefix of a money format: <c>money:EUR</c> is a whole number of cents of euros.</summary>
    public const string MoneyPrefix = "money:";

    /// <summary>A money format for <paramref name="currency"/> (ISO 4217 code, amounts in its minor unit, 2 decimals).</summary>
    public static string Money(string currency) => MoneyPrefix + currency;

    /// <summary>
    /// <paramref name="minorUnits"/> of <paramref name="currency"/> as text, the same on every machine: the symbol for
    /// EUR, USD and GBP, else the code and a space, then the amount with a comma between thousands and a point before the
    /// 2 decimals (culture-invariant: "€1,234.50", "CHF 12.00").
    /// </summary>
    public static string FormatMoney(long minorUnits, string currency)
    {
        ArgumentNullException.ThrowIfNull(currency);
        var amount = (minorUnits / 100m).ToString("#,##0.00", CultureInfo.InvariantCulture);
        var sign = amount.StartsWith('-') ? "-" : string.Empty;
        amount = amount.TrimStart('-');
        var symbol = currency switch
        {
            "EUR" => "€",
            "USD" => "$",
            "GBP" => "£",
            _ => currency + " ",
        };
        return sign + symbol + amount;
    }
}
