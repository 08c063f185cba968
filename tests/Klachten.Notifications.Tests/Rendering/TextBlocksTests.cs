using Klachten.Notifications.Rendering;

namespace Klachten.Notifications.Tests.Rendering;

public sealed class TextBlocksTests
{
    [Fact]
    public void Parse_HeadingsParagraphsAndLists_GivesBlocksInOrder()
    {
        var blocks = TextBlocks.Parse("# Onderwerp\n\nEerste regel\ngaat door.\n\n- een\n- twee\n  vervolg\n\n1. stap\n\n## Kop");

        Assert.Collection(blocks,
            b => Assert.Equal("Onderwerp", TextBlocks.PlainText(Assert.IsType<HeadingBlock>(b).Runs)),
            b => Assert.Equal("Eerste regel gaat door.", TextBlocks.PlainText(Assert.IsType<ParagraphBlock>(b).Runs)),
            b => Assert.Equal("een", TextBlocks.PlainText(Assert.IsType<ListItemBlock>(b).Runs)),
            b => Assert.Equal("twee vervolg", TextBlocks.PlainText(Assert.IsType<ListItemBlock>(b).Runs)),
            b => Assert.Equal("1.", Assert.IsType<ListItemBlock>(b).Marker),
            b => Assert.Equal(2, Assert.IsType<HeadingBlock>(b).Level));
    }

    [Fact]
    public void Inline_BoldSpan_IsItsOwnRun()
    {
        var runs = TextBlocks.Inline("kenmerk **K-2026-0007**.");

        Assert.Equal([new TextRun("kenmerk ", false), new TextRun("K-2026-0007", true), new TextRun(".", false)], runs);
    }

    [Fact]
    public void Inline_UnmatchedMarker_StaysText()
    {
        Assert.Equal("a ** b", TextBlocks.PlainText(TextBlocks.Inline("a ** b")));
    }
}
