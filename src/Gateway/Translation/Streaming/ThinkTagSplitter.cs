using System.Text;

namespace CodexRelay.Gateway.Translation.Streaming;

/// <summary>
/// Splits streamed content that opens with <c>&lt;think&gt;…&lt;/think&gt;</c> into reasoning and answer,
/// holding back only as many characters as could be a tag cut between two chunks.
/// </summary>
internal sealed class ThinkTagSplitter
{
    private const string Open = "<think>";
    private const string Close = "</think>";
    private readonly StringBuilder _pending = new();
    private Mode _mode = Mode.Undecided;

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
                    if (trimmed.Length < Open.Length && Open.StartsWith(trimmed, StringComparison.Ordinal))
                    {
                        return;
                    }

                    _mode = trimmed.StartsWith(Open, StringComparison.Ordinal) ? Mode.Thinking : Mode.Answer;
                    Reset(_mode == Mode.Thinking ? trimmed[Open.Length..] : text);
                    break;
                case Mode.Thinking:
                    var end = text.IndexOf(Close, StringComparison.Ordinal);
                    if (end >= 0)
                    {
                        Emit(output, true, text[..end]);
                        _mode = Mode.AnswerStart;
                        Reset(text[(end + Close.Length)..]);
                        break;
                    }

                    var keep = PartialTagLength(text);
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

    private static int PartialTagLength(string text)
    {
        for (var length = Math.Min(Close.Length - 1, text.Length); length > 0; length--)
        {
            if (text.AsSpan(text.Length - length).SequenceEqual(Close.AsSpan(0, length)))
            {
                return length;
            }
        }

        return 0;
    }
}
