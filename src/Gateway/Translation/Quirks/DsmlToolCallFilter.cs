using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CodexRelay.Gateway.Translation.Quirks;

/// <summary>
/// Quirk <c>dsml_heal</c>: DeepSeek V3.2/V4 sometimes writes its tool calls into the text as DSML markup
/// (<c>&lt;｜DSML｜invoke name="…"&gt;&lt;｜DSML｜parameter name="…" string="true"&gt;…</c>, with the bars as
/// <c>｜</c>, <c>｜｜</c>, <c>‖</c> or <c>|</c>). Text before the markup passes through; the markup is held back,
/// even when a marker is cut between chunks, and parsed into real tool calls at the end.
/// </summary>
internal sealed partial class DsmlToolCallFilter
{
    private static readonly string[] MarkerStarts = ["<｜DSML｜", "<｜｜DSML｜｜", "<‖DSML‖", "<|DSML|", "</｜DSML｜", "</｜｜DSML｜｜", "</‖DSML‖", "</|DSML|"];
    private readonly StringBuilder _pending = new();
    private readonly StringBuilder _markup = new();

    public bool SawMarkup => _markup.Length > 0;

    public void Push(string delta, List<string> text)
    {
        if (SawMarkup)
        {
            _markup.Append(delta);
            return;
        }

        // Every marker starts with '<': text without one, and nothing held back, is plain text (the common case, once
        // per streamed text delta, so it allocates nothing).
        if (_pending.Length == 0 && !delta.Contains('<', StringComparison.Ordinal))
        {
            Emit(text, delta);
            return;
        }

        _pending.Append(delta);
        var buffered = _pending.ToString();
        var start = FirstMarkerStart(buffered);
        if (start >= 0)
        {
            Emit(text, buffered[..start]);
            _markup.Append(buffered[start..]);
            _pending.Clear();
            return;
        }

        var keep = PossibleMarkerPrefixLength(buffered);
        Emit(text, buffered[..^keep]);
        _pending.Clear().Append(buffered[^keep..]);
    }

    /// <summary>Releases held text and returns the calls found in the markup (name, JSON arguments).</summary>
    public List<(string Name, string Arguments)> Flush(List<string> text)
    {
        Emit(text, _pending.ToString());
        _pending.Clear();
        var calls = new List<(string, string)>();
        foreach (Match invoke in InvokePattern().Matches(_markup.ToString()))
        {
            var arguments = new JsonObject();
            foreach (Match parameter in ParameterPattern().Matches(invoke.Groups["body"].Value))
            {
                var value = parameter.Groups["value"].Value;
                arguments[parameter.Groups["name"].Value] = parameter.Groups["string"].Value == "false" ? ParseOrString(value) : value;
            }

            calls.Add((invoke.Groups["name"].Value, arguments.ToJsonString()));
        }

        return calls;
    }

    private static JsonNode? ParseOrString(string value)
    {
        try
        {
            return JsonNode.Parse(value);
        }
        catch (JsonException)
        {
            return value;
        }
    }

    private static int FirstMarkerStart(string text)
    {
        var first = -1;
        foreach (var marker in MarkerStarts)
        {
            var at = text.IndexOf(marker, StringComparison.Ordinal);
            if (at >= 0 && (first < 0 || at < first))
            {
                first = at;
            }
        }

        return first;
    }

    private static int PossibleMarkerPrefixLength(string text)
    {
        var longest = 0;
        foreach (var marker in MarkerStarts)
        {
            for (var length = Math.Min(marker.Length - 1, text.Length); length > longest; length--)
            {
                if (text.AsSpan(text.Length - length).SequenceEqual(marker.AsSpan(0, length)))
                {
                    longest = length;
                    break;
                }
            }
        }

        return longest;
    }

    private static void Emit(List<string> text, string value)
    {
        if (value.Length > 0)
        {
            text.Add(value);
        }
    }

    [GeneratedRegex("""<[｜‖|]{1,2}DSML[｜‖|]{1,2}invoke\s+name="(?<name>[^"]+)"\s*>(?<body>.*?)</[｜‖|]{1,2}DSML[｜‖|]{1,2}invoke>""", RegexOptions.Singleline)]
    private static partial Regex InvokePattern();

    [GeneratedRegex("""<[｜‖|]{1,2}DSML[｜‖|]{1,2}parameter\s+name="(?<name>[^"]+)"(?:\s+string="(?<string>true|false)")?\s*>(?<value>.*?)</[｜‖|]{1,2}DSML[｜‖|]{1,2}parameter>""", RegexOptions.Singleline)]
    private static partial Regex ParameterPattern();
}
