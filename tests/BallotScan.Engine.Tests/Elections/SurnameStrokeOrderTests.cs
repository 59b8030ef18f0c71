using BallotScan.Engine.Elections;

namespace BallotScan.Engine.Tests.Elections;

public class SurnameStrokeOrderTests
{
    [Theory]
    [InlineData('丁', 2)]
    [InlineData('王', 4)]
    [InlineData('白', 5)]
    [InlineData('刘', 6)]
    [InlineData('李', 7)]
    [InlineData('张', 7)]
    [InlineData('欧', 8)]
    [InlineData('赵', 9)]
    [InlineData('黄', 11)]
    [InlineData('魏', 17)]
    public void Unihan_gives_the_simplified_stroke_count(char surname, int strokes) =>
        Assert.Equal(strokes, StrokeData.Debian.Count(surname));

    [Fact]
    public void Names_are_ordered_by_surname_strokes_then_the_following_characters()
    {
        string[] names = ["黄磊", "魏明", "丁一", "王芳", "欧阳明", "李娜", "赵六", "白雪", "周星", "张伟", "李红梅"];

        var ordered = names.Order(SurnameStrokeOrder.Debian).ToList();

        // 丁2 王4 白5 | 李7 (starts 横) before 张7 (starts 折); 李红梅 (红6) before 李娜 (娜9) | 欧8 (横) before 周8 (撇) | 赵9 黄11 魏17
        Assert.Equal(["丁一", "王芳", "白雪", "李红梅", "李娜", "张伟", "欧阳明", "周星", "赵六", "黄磊", "魏明"], ordered);
    }

    [Fact]
    public void Surnames_of_equal_count_follow_their_first_strokes_横竖撇点折()
    {
        // 李 吴 张 何 all have 7 strokes and start with 横, 竖, 折 and 撇.
        string[] names = ["张国庆", "何春生", "吴德明", "李红梅"];
        Assert.Equal(["李红梅", "吴德明", "何春生", "张国庆"], names.Order(SurnameStrokeOrder.Debian));
    }

    [Fact]
    public void A_full_stroke_tie_is_reported_as_a_warning()
    {
        // 土 and 士: both 3 strokes written 横竖横, so 李土生 and 李士生 cannot be ordered by strokes.
        var json = File.ReadAllText(RepositoryFiles.VillagersExample).Replace("刘玉兰", "李土生", StringComparison.Ordinal).Replace("何春生", "李士生", StringComparison.Ordinal);
        var problems = ElectionValidator.Validate(ElectionJson.Parse(json));
        var tie = Assert.Single(problems);
        Assert.Equal((DefinitionProblemCode.StrokeTie, ProblemSeverity.Warning), (tie.Code, tie.Severity));
    }
}
