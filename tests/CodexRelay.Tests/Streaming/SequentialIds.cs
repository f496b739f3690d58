using CodexRelay.Gateway.Translation.Streaming;

namespace CodexRelay.Tests.Streaming;

internal sealed class SequentialIds : IIdGenerator
{
    private int _next;

    public string NewId(string prefix) => prefix + (++_next).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
