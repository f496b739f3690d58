using CodexRelay.Gateway.Telemetry;

namespace CodexRelay.Tests.Telemetry;

public sealed class LabelFolderTests
{
    [Fact]
    public void Fold_PastTheLimit_NewValuesBecomeOther_KnownOnesStay()
    {
        var folder = new LabelFolder(limit: 3);

        var first = Enumerable.Range(0, 3).Select(i => folder.Fold("model-" + i)).ToList();

        Assert.Equal(["model-0", "model-1", "model-2"], first);
        Assert.Equal(LabelFolder.Other, folder.Fold("model-3"));
        Assert.Equal(LabelFolder.Other, folder.Fold("random-" + Guid.NewGuid()));
        Assert.Equal("model-1", folder.Fold("model-1"));
    }

    [Fact]
    public void Fold_MissingValue_IsNone()
    {
        var folder = new LabelFolder();

        Assert.Equal(LabelFolder.None, folder.Fold(null));
        Assert.Equal(LabelFolder.None, folder.Fold(""));
        Assert.Equal(LabelFolder.DefaultLimit, folder.Limit);
    }
}
