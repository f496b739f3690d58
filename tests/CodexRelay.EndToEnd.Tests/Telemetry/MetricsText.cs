using System.Globalization;
using System.Text.RegularExpressions;

namespace CodexRelay.EndToEnd.Tests.Telemetry;

/// <summary>Reads Prometheus text: the value of a series whose labels include the given ones (0 when absent).</summary>
internal static partial class MetricsText
{
    public static double Value(string text, string name, params (string Label, string Value)[] labels)
    {
        var total = 0.0;
        foreach (Match line in Series().Matches(text))
        {
            if (line.Groups["name"].Value != name)
            {
                continue;
            }

            var set = line.Groups["labels"].Value;
            if (labels.All(l => set.Contains($"{l.Label}=\"{l.Value}\"", StringComparison.Ordinal)))
            {
                total += double.Parse(line.Groups["value"].Value, CultureInfo.InvariantCulture);
            }
        }

        return total;
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^}]*)\})? (?<value>[-+0-9.eE]+|NaN|\+Inf)( \d+)?$", RegexOptions.Multiline)]
    private static partial Regex Series();
}
