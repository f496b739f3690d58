using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using CodexRelay.Gateway.Wire.Json;
using CodexRelay.Gateway.Wire.Responses;
using Xunit;

namespace CodexRelay.Tests.Wire;

/// <summary>
/// A body with escapes is parsed from its <see cref="EscapeMask"/>: the document must read exactly what a plain
/// <see cref="JsonDocument"/> of the body reads, and accept and refuse exactly the same bodies.
/// </summary>
public class RequestDocumentTests
{
    private static readonly JsonDocumentOptions PlainOptions = new() { MaxDepth = JsonNodes.MaxDepth };

    public static TheoryData<string> EscapedBodies => new()
    {
        """{"a":"line\none\nline two\n"}""",
        """{"a":"\n"}""",
        """{"a":"\\\\\\"}""",
        """{"a":"x\"quoted\" and \\\"both\\\""}""",
        """{"a":"\u00e9t\u00E9 \ud83d\ude00 \u0000 \/ \b\f\r\t"}""",
        """{"k\ney":"v\nv","k\"2":["\t","","\\",{"\u0041":"\u0042"}],"n":-1.5e3,"t":true,"f":false,"z":null}""",
        """["\n","\n\n","plain","\nstart","end\n","mid\ndle",""]""",
        """{"outer":{"inner":{"text":"a\nb","more":"c\nd"}},"list":[["\"" ,"\\"]]}""",
    };

    [Theory]
    [MemberData(nameof(EscapedBodies))]
    public void AnEscapedBody_ReadsAsThePlainDocumentReadsIt(string body) => AssertReadsAsPlain(Encoding.UTF8.GetBytes(body));

    /// <summary>Every request the real Codex CLI sent (the 20 KB developer prompt, tool schemas, tool outputs).</summary>
    [Fact]
    public void EveryCapturedCodexBody_ReadsAsThePlainDocumentReadsIt()
    {
        var files = Directory.EnumerateFiles(Fixtures.Path("codex_0_169_0"), "*.json", SearchOption.AllDirectories).ToList();
        Assert.True(files.Count >= 10, $"only {files.Count} captures found");
        foreach (var file in files)
        {
            AssertReadsAsPlain(File.ReadAllBytes(file));
        }
    }

    public static TheoryData<string> InvalidBodies => new()
    {
        """{"a":"bad \x escape"}""",
        """{"a":"short \u12"}""",
        """{"a":"short \u12G4"}""",
        """{"a":\n"b"}""",
        """{"a":"b"}\n""",
        """{"a":"x\nfals\u0065"} \\""",
        """["\n", tru\u0065]""",
        """{"a":"ends in a backslash\""",
        """{"a":"x\n""" + "\u0001" + "\"}",
        "{\"a\":\"x\\n\",\"b\":\"y\\n\"",
    };

    /// <summary>The mask never turns an invalid body valid, and the error is the plain reader's own.</summary>
    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public void AnInvalidBody_IsRefusedWithThePlainReadersError(string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var plain = Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(bytes, PlainOptions));
        Assert.False(RequestDocument.TryParse(bytes, out _, out var error));
        Assert.Equal("invalid_json", error!.Code);
        Assert.Equal($"The body is not valid JSON: {plain.Message}", error.Message);
    }

    /// <summary>Random edits of a Codex body that add backslashes, quotes and escapes: accepted exactly when a plain parse accepts, read the same when accepted.</summary>
    [Fact]
    public void RandomEditsOfACodexBody_AreAcceptedAndReadExactlyAsPlain()
    {
        var original = File.ReadAllBytes(Fixtures.Path("codex_0_169_0", "turn2.json"));
        var random = new Random(17);
        byte[][] inserts = ["\\"u8.ToArray(), "\""u8.ToArray(), "\\n"u8.ToArray(), "\\u00"u8.ToArray(), "\\\""u8.ToArray(), "\\\\"u8.ToArray(), "a"u8.ToArray()];
        var accepted = 0;
        for (var round = 0; round < 600; round++)
        {
            var body = original.ToList();
            for (var edit = random.Next(1, 4); edit > 0; edit--)
            {
                var at = random.Next(body.Count);
                if (random.Next(3) == 0)
                {
                    body.RemoveAt(at);
                }
                else
                {
                    body.InsertRange(at, inserts[random.Next(inserts.Length)]);
                }
            }

            var bytes = body.ToArray();
            bool plainAccepts;
            try
            {
                JsonDocument.Parse(bytes, PlainOptions).Dispose();
                plainAccepts = Utf8.IsValid(bytes); // a removed byte can split a character: refused before any parse
            }
            catch (JsonException)
            {
                plainAccepts = false;
            }

            var ours = RequestDocument.TryParse(bytes, out var document, out _);
            Assert.True(plainAccepts == ours, $"round {round}: plain {plainAccepts}, masked {ours}");
            if (ours)
            {
                document.Dispose();
                AssertReadsAsPlain(bytes);
                accepted++;
            }
        }

        Assert.True(accepted > 50, $"only {accepted} of the edited bodies were valid JSON: the test no longer compares reads");
    }

    private static void AssertReadsAsPlain(byte[] body)
    {
        using var plain = JsonDocument.Parse(body, PlainOptions);
        Assert.True(RequestDocument.TryParse(body, out var document, out var error), error?.Message);
        using (document)
        {
            AssertSame(plain.RootElement, document.RootElement, "$");
        }
    }

    private static void AssertSame(JsonElement expected, JsonElement actual, string path)
    {
        Assert.True(expected.ValueKind == actual.ValueKind, $"{path}: {expected.ValueKind} vs {actual.ValueKind}");
        Assert.True(expected.GetRawText() == actual.GetRawText(), $"{path}: raw text differs");
        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                var expectedProperties = expected.EnumerateObject().ToList();
                var actualProperties = actual.EnumerateObject().ToList();
                Assert.Equal(expectedProperties.Count, actualProperties.Count);
                for (var i = 0; i < expectedProperties.Count; i++)
                {
                    Assert.Equal(expectedProperties[i].Name, actualProperties[i].Name);
                    Assert.True(actualProperties[i].NameEquals(expectedProperties[i].Name), $"{path}: NameEquals {expectedProperties[i].Name}");
                    Assert.True(actual.TryGetProperty(expectedProperties[i].Name, out _), $"{path}: TryGetProperty {expectedProperties[i].Name}");
                    AssertSame(expectedProperties[i].Value, actualProperties[i].Value, $"{path}.{expectedProperties[i].Name}");
                }

                break;
            case JsonValueKind.Array:
                Assert.Equal(expected.GetArrayLength(), actual.GetArrayLength());
                var index = 0;
                foreach (var (e, a) in expected.EnumerateArray().Zip(actual.EnumerateArray()))
                {
                    AssertSame(e, a, $"{path}[{index++}]");
                }

                break;
            case JsonValueKind.String:
                var text = ReadString(expected);
                Assert.True(text == ReadString(actual), $"{path}: string differs");
                Assert.True(text is null || actual.ValueEquals(text), $"{path}: ValueEquals");
                break;
        }
    }

    /// <summary>The string, or null where the plain document cannot read it either (a lone surrogate escape).</summary>
    private static string? ReadString(JsonElement element)
    {
        try
        {
            return element.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
