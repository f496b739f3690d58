using System.Text;

namespace CodexRelay.Gateway.Translation.Streaming;

/// <summary>
/// Splits streamed content that opens with <c>&lt;think&gt;…&lt;/think&gt;</c> (or <c>&lt;thinking&gt;</c>,
/// Kimi's <c>◁think▷…◁/think▷</c>) into reasoning and answer, holding back only as many characters
/// as could be a tag cut between two chunks.
/// </summary>
internal sealed class ThinkTagSplitter
{
    private static readonly (string Open, string Close)[] Tags = [("<think>", "</think>"), ("<thinking>", "</thinking>"), ("◁think▷", "◁/think▷")];
    private readonly StringBuilder _pending = new();
    private Mode _mode = Mode.Undecided;
    private string _close = "";

    private enum Mode
    {
        Undecided,
        Thinking,
        AnswerStart,
        Answer,
    }

    public void Push(string delta, List<(bool Reasoning, string Text)> output)
    {
        _pending.Append(delta);
        while (_pending.Length > 0)
        {
            var text = _pending.ToString();
            switch (_mode)
            {
                case Mode.Undecided:
                    var trimmed = text.TrimStart();
                    if (Tags.Any(tag => trimmed.Length < tag.Open.Length && tag.Open.StartsWith(trimmed, StringComparison.Ordinal)))
                    {
                        return;
                    }

                    var opened = Tags.FirstOrDefault(tag => trimmed.StartsWith(tag.Open, StringComparison.Ordinal));
                    _mode = opened.Open is null ? Mode.Answer : Mode.Thinking;
                    _close = opened.Close ?? "";
                    Reset(opened.Open is null ? text : trimmed[opened.Open.Length..]);
                    break;
                case Mode.Thinking:
                    var end = text.IndexOf(_close, StringComparison.Ordinal);
                    if (end >= 0)
                    {
                        Emit(output, true, text[..end]);
                        _mode = Mode.AnswerStart;
                        Reset(text[(end + _close.Length)..]);
                        break;
                    }

                    var keep = PartialTagLength(text, _close);
                    Emit(output, true, text[..^keep]);
                    Reset(text[^keep..]);
                    return;
                case Mode.AnswerStart:
                    var answer = text.TrimStart();
                    if (answer.Length == 0)
                    {
                        Reset("");
                        return;
                    }

                    _mode = Mode.Answer;
                    Reset(answer);
                    break;
                default:
                    Emit(output, false, text);
                    Reset("");
                    return;
            }
        }
    }

    public void Flush(List<(bool Reasoning, string Text)> output)
    {
        Emit(output, _mode == Mode.Thinking, _mode == Mode.AnswerStart ? "" : _pending.ToString());
        _pending.Clear();
    }

    private void Reset(string text) => _pending.Clear().Append(text);

    private static void Emit(List<(bool Reasoning, string Text)> output, bool reasoning, string text)
    {
        if (text.Length > 0)
        {
            output.Add((reasoning, text));
        }
    }

    private static int PartialTagLength(string text, string close)
    {
        for (var length = Math.Min(close.Length - 1, text.Length); length > 0; length--)
        {
            if (text.AsSpan(text.Length - length).SequenceEqual(close.AsSpan(0, length)))
            {
                return length;
            }
        }

        return 0;
    }
}
