using System.Text;
using System.Text.Json;

namespace CodexRelay.Gateway.Translation.Streaming;

/// <summary>
/// The open text or reasoning item of a stream: its id and output index while it is open, the text streamed into it so
/// far, and the address its part events carry (item id, output index, and the part's index under the name its kind uses).
/// </summary>
internal sealed class StreamedItemText(JsonEncodedText partIndexName)
{
    private readonly StringBuilder _text = new();

    public string? Id { get; private set; }

    public int OutputIndex { get; private set; }

    public bool IsOpen => Id is not null;

    /// <summary>The whole text so far.</summary>
    public string Text => _text.ToString();

    public void Open(string id, int outputIndex)
    {
        Id = id;
        OutputIndex = outputIndex;
    }

    public void Append(string delta) => _text.Append(delta);

    public void Close()
    {
        Id = null;
        _text.Clear();
    }

    public void WriteAddress(Utf8JsonWriter writer)
    {
        writer.WriteString("item_id"u8, Id);
        writer.WriteNumber("output_index"u8, OutputIndex);
        writer.WriteNumber(partIndexName, 0);
    }
}
