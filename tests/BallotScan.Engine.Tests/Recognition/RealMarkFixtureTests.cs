using System.Security.Cryptography;
using BallotScan.Engine.Layout;
using BallotScan.Engine.Recognition;
using BallotScan.Lab.Synthesis;

namespace BallotScan.Engine.Tests.Recognition;

/// <summary>
/// Every confident misreading of a real mark found in a leave-writers-out evaluation (calibration/real-marks/evaluate-folds.sh)
/// becomes a fixture: the sheet is made again from its corpus's options and must have the SHA-256 the evaluation read (so no
/// change to the generator or the pack can change what it guards; the pack and the ballot's layout of the run are pinned
/// beside the fixtures), then the box must be read right or sent to a person.
/// </summary>
public class RealMarkFixtureTests(ReaderFixture fixture) : IClassFixture<ReaderFixture>
{
    /// <summary>
    /// The real-mark pack the fixtures before 2026-12-04 were made with (the first 12 hex digits of its SHA-256), kept as it
    /// was in tests/fixtures/misreadings: the repacking that corrected the ellipses' axes changed which drawings stand for ○.
    /// </summary>
    private const string PinnedMarks = "2de39a2b695b";

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, (BallotLayout Layout, BallotReader Reader)> s_otherLayouts = new(StringComparer.Ordinal);

    /// <summary>The pack of that hash: a pinned one from the fixtures' folder, else calibration's own, which must have it.</summary>
    private static string MarksPack(string hash)
    {
        var pinned = RepositoryFiles.Path($"tests/fixtures/misreadings/real-marks-{hash}.bin.gz");
        if (File.Exists(pinned))
        {
            return pinned;
        }

        var current = RepositoryFiles.Path("calibration/real-marks/hand-drawn-shapes.bin.gz");
        Assert.StartsWith(hash, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(current))), StringComparison.Ordinal);
        return current;
    }

    [Theory]
    [InlineData(6303, "scanner", 1, 543, "member/4", "b0aaa01b4c807d7a95cf6a38f5fee6b17a81a27620dcecb1fd2ba4a3ddfaabcb", "an ℓ-like loop filed as an ellipse read as × at 0.977 (fold 1, 1-bit G4)")]
    [InlineData(6303, "scanner", 1, 661, "member/2", "a630d51658078c1106e0f19178350f63c978690fae562c866357f87d9ba6029a", "a ɤ-like loop filed as an ellipse read as × at 0.990 (fold 1, 1-bit G4)")]
    [InlineData(6303, "scanner", 1, 682, "member/3", "71e615080f2b3277659590fcbae28bca24e9a4ba663b71ceeabe2a882b758f18", "an α-like loop filed as an ellipse read as × at 0.986 (fold 1)")]
    [InlineData(6801, "scanner", 1, 138, "member/4", "d5db50c1f8f924ee02abff357e3d8ab61705a30d1c6ad0dd1cb124f6acfa16ce", "other.if5.0068.png by if5, a smiley face, read as Circle at 0.99944 by a fit without its writer (development run 6801); the inner-ink guard")]
    // The misreadings of the final runs (issue 17): held-out writers of the shipped classifier (fold 2, seeds 6403-6404 and
    // 6505-6506) and of the fits leaving folds 0 and 1 out (6501-6504). Those the shipped reader still counts wrongly are
    // below, in the known misreadings, each asserting today's reading so that the fix that mends it shows.
    [InlineData(6403, "scanner", 2, 50, "member/1", "daa31c617369ba8e277049f4948e989819e557d4c6d6ae2b6afcf3726751bbba", "an \"other\" drawing read as ○ at 0.99986; mended by the shape network's two keys (2026-12-04)")]
    [InlineData(6403, "scanner", 2, 300, "director/1", "91c656d51361bcd7982f67a6dc0e10cbf8c893df52c7fca5288310d59eb14260", "a rounded rectangle read as ○ at 0.995; mended by the shape network's two keys (2026-12-04)")]
    [InlineData(6404, "camera", 2, 304, "member/4", "d704c0b953947d5775955ab246fccd63bb04729f59e0e795ecfdcb46d04eb0aa", "a triangle read as ○ at 0.99927 on a camera photo; mended by the shape network's two keys (2026-12-04)")]
    [InlineData(6403, "scanner", 2, 146, "director/2", "cb85890c0e8ef878c2f3409c170b6885efd63bff23093886192dfa9405426cee", "other.u18.0056.png by u18, a person reads Other, read as Circle at 0.999907; mended by the shape network's two keys (2026-12-04)")]
    [InlineData(6403, "scanner", 2, 169, "member/4", "e0e1454420b5d99df19d04b0fb4a2690a25c2cf70064cbebcdad5cb59b795808", "other.u19.0040.png by u19, a person reads Other, read as Circle at 0.995778; mended by the shape network's two keys (2026-12-04)")]
    [InlineData(6403, "scanner", 2, 582, "member/3", "de890ae8c7022cebbebd3823d2779eab57f0bf1334a2491fd828ae014ffd3daa", "other.if8.0904.png by if8, a person reads Other, read as Circle at 0.999815; mended by the shape network's two keys (2026-12-04)")]
    [InlineData(6403, "scanner", 2, 697, "member/4", "c9219c3d43bf152f4bdee28bf47102c8ceee9114fa8449587a0350088ddf7479", "other.u04.0084.png by u04, a person reads Other, read as Circle at 0.994815; mended by the shape network's two keys (2026-12-04)")]
    [InlineData(6403, "scanner", 2, 729, "deputy/1", "3edf8b544b195b67908b69d3f6718b7b8337a9c7deef4cbe95605ecc79d0a3b7", "other.u04.0108.png by u04, a person reads Other, read as Circle at 0.996038; mended by the shape network's two keys (2026-12-04)")]
    [InlineData(6403, "scanner", 2, 780, "member/1", "7a11aeaf948031f595501377c2206d7c9aea43c87f19d8d0e602361b692b73d0", "rectangle.if8.1857.png by if8, a person reads Other, read as Circle at 0.997724; mended by the shape network's two keys (2026-12-04)")]
    [InlineData(6403, "scanner", 2, 782, "member/2", "952ee101d97791ffcc8ad8e3fe8cedaa1a8931495c62f63d6040109236bd75d0", "rectangle.if8.2077.png by if8, a person reads Other, read as Circle at 0.999295; mended by the shape network's two keys (2026-12-04)")]
    [InlineData(6403, "scanner", 2, 797, "member/4", "abf43e07dbc3500744efd81461c149720391ef37bb9c7d9eef42e6bf4b4e192d", "other.u04.0063.png by u04, a person reads Other, read as Circle at 0.99547; mended by the shape network's two keys (2026-12-04)")]
    [InlineData(6403, "scanner", 2, 825, "member/3", "8ff25a24f90c65d321200e4782941bb40683591b82d185fffef2af17801ecd34", "other.if8.0378.png by if8, a person reads Other, read as Circle at 0.999108; mended by the shape network's two keys (2026-12-04)")]
    [InlineData(6403, "scanner", 2, 829, "member/3", "6b460a077463e3eb5af2276d8d57268ff0d64bcb70ac8157764b13be91e8bc2e", "rectangle.if8.0477.png by if8, a person reads Other, read as Circle at 0.999669; mended by the shape network's two keys (2026-12-04)")]
    [InlineData(6403, "scanner", 2, 887, "director/1", "5bd4ad164ea16c1b656e797cc30e23aefa6a76f0face96dc46de83b60b62b106", "rectangle.if8.0221.png by if8, a person reads Other, read as Circle at 0.999954; mended by the shape network's two keys (2026-12-04)")]
    [InlineData(6403, "scanner", 2, 905, "member/2", "72df509b377e72df85d4d56cb8fea33a502ad03d252117c3661194a97585b9ab", "other.u19.0036.png by u19, a person reads Other, read as Circle at 0.995376; mended by the shape network's two keys (2026-12-04)")]
    [InlineData(6403, "scanner", 2, 937, "member/3", "ea49b3f90496e17ad537713bc6cbd2eaefd736d74c28cc22f61f1307d978b345", "rectangle.if8.1864.png by if8, a person reads Other, read as Circle at 0.998413; mended by the shape network's two keys (2026-12-04)")]
    [InlineData(6404, "camera", 2, 169, "member/1", "e72eaac1a7583aa5b3946da433a3e1381d82fba90500194c2d238776ad3e98dd", "other.if8.0904.png by if8, a person reads Other, read as Circle at 0.999386; mended by the shape network's two keys (2026-12-04)")]
    [InlineData(6404, "camera", 2, 372, "director/2", "ec7e59441ac5552d28ee07c0d600205a3dd1e99c85e19f6047b5841d94b2606f", "other.u10.0108.png by u10, a person reads Other, read as Circle at 0.999963; mended by the shape network's two keys (2026-12-04)")]
    [InlineData(6404, "camera", 2, 373, "deputy/1", "3dcf4cf1678c5ab40e18c0537f6c4c78fdfc5c6981c01436ba42c8417379b4dd", "rectangle.if8.0707.png by if8, a person reads Other, read as Circle at 0.994986; mended by the shape network's two keys (2026-12-04)")]
    [InlineData(6404, "camera", 2, 492, "member/1", "8ea43669867f59d2e2f14bd94fec2f378a5adf59dff8397a19c0b32066ebf36b", "rectangle.if8.0545.png by if8, a person reads Other, read as Circle at 0.99846; mended by the turn and inner-ink checks of the ○ guards")]
    [InlineData(6501, "scanner", 0, 286, "director/2", "c952e583aea8381775dc630d70b8f092e0f71bfcf57c6d439e11796aca05dde1", "other.u14.0531.png by u14, a person reads Other, read as Circle at 0.995094; mended by the shape network's two keys (2026-12-04)")]
    [InlineData(6501, "scanner", 0, 462, "member/3", "41562e991d78ed520f155bf7db635a902233fca8427b7f5d81c555cba619bc26", "other.u14.0674.png by u14, a person reads Other, read as Circle at 0.989885; mended by the shape network's two keys (2026-12-04)")]
    [InlineData(6501, "scanner", 0, 738, "member/4", "2b0812ddb41b305d2e08eda2fa6b2f166e80a5e4490d23c5a8e09c0a8a513a97", "other.u14.0388.png by u14, a person reads Other, read as Circle at 0.995947; mended by the shape network's two keys (2026-12-04)")]
    [InlineData(6502, "camera", 0, 100, "member/3", "9170aa8cefc35939daa3740be4f8911da3aa0304781885185d7dc711e1f87382", "other.il1.0020.png by il1, a person reads Other, read as Circle at 0.999696")]
    [InlineData(6502, "camera", 0, 302, "member/3", "36fd08f9979a7525cecb33fc136f3f78ba4371ad6652c1ce11f7b42db33c52fb", "rectangle.if3.0275.png by if3, a person reads Other, read as Circle at 0.990595; mended by the shape network's two keys (2026-12-04)")]
    [InlineData(6504, "camera", 1, 245, "director/1", "0f0c3d634e9db157662926a207cb3ece0a1c99c3e55499afa8f251ffa72928f5", "other.u03.0059.png by u03, a person reads Other, read as Circle at 0.999944; mended by the shape network's two keys (2026-12-04)")]
    [InlineData(6504, "camera", 1, 330, "member/1", "e9b9a5ccc0d47d8e48dcecb2746edc07b3cd8299b8db5e6463e6511346ab1c2c", "other.u08.0120.png by u08, a person reads Other, read as Circle at 0.999664; mended by the shape network's two keys (2026-12-04)")]
    [InlineData(6505, "scanner", 2, 70, "member/2", "afcd26742cec30c2b11d7259274374d8e50d8be761de9b80add70410c2eda49d", "other.u04.0112.png by u04, a person reads Other, read as Circle at 0.995154; mended by the shape network's two keys (2026-12-04)")]
    [InlineData(6505, "scanner", 2, 149, "member/4", "c795bd9b6368db8aeff204b7168a05c2ed28a19520a11c0595a0f0ded094c662", "other.if8.0273.png by if8, a person reads Other, read as Circle at 0.99998; mended by the shape network's two keys (2026-12-04)")]
    [InlineData(6505, "scanner", 2, 277, "member/4", "486edf806c5faf5a5c441a9558ecd7c26e1d85a03c6880e4bf4f896ee0f12cf8", "other.u04.0119.png by u04, a person reads Other, read as Circle at 0.998272; mended by the shape network's two keys (2026-12-04)")]
    [InlineData(6505, "scanner", 2, 300, "deputy/1", "b9eb95a04a39cb5080b653e8c0bd7ba5c4e814ee96518f8bf9cc9aafccadfe3b", "rectangle.if8.1348.png by if8, a person reads Other, read as Circle at 0.997281; mended by the shape network's two keys (2026-12-04)")]
    [InlineData(6505, "scanner", 2, 353, "director/1", "a630e1e7d159bb6cff360966d9aa5ee6c398c06f4abce3304cc28065878d27b9", "other.u04.0116.png by u04, a person reads Other, read as Circle at 0.995311; mended by the shape network's two keys (2026-12-04)")]
    [InlineData(6505, "scanner", 2, 394, "director/2", "2d024e7585077c61edbbefa417f55a94ea2c451df96a77a912f1b74c0713791d", "other.u19.0098.png by u19, a person reads Other, read as Circle at 0.999934; mended by the shape network's two keys (2026-12-04)")]
    [InlineData(6505, "scanner", 2, 418, "deputy/2", "2169acabc59f99c78ef7dd4072ce5711a2bb6487e89b2a08e4d1dd4592396bf0", "other.u04.0008.png by u04, a person reads Other, read as Circle at 0.999759; mended by the shape network's two keys (2026-12-04)")]
    [InlineData(6505, "scanner", 2, 543, "director/2", "03e44c7b2b51b0e794530107396f5ee4124c3529f0d67d024cbc476936cdb1e5", "other.u19.0098.png by u19, a person reads Other, read as Circle at 0.999944; mended by the shape network's two keys (2026-12-04)")]
    [InlineData(6505, "scanner", 2, 607, "member/4", "a568f987214adcd72da2a4abd9f4c993fa9c1271cda1321e872d302b1e7cb215", "rectangle.if8.0477.png by if8, a person reads Other, read as Circle at 0.999691; mended by the shape network's two keys (2026-12-04)")]
    [InlineData(6505, "scanner", 2, 653, "deputy/2", "a75855e069b6082ed1eabb402018fff735f3b597d48424800a610b359b1d2da7", "rectangle.if8.0158.png by if8, a person reads Other, read as Circle at 0.999451; mended by the shape network's two keys (2026-12-04)")]
    [InlineData(6505, "scanner", 2, 704, "deputy/2", "7bc9c567c4a90af791a1c5b6fde0bad825f955baac640ac293b3230657aea07d", "other.u19.0079.png by u19, a person reads Other, read as Circle at 0.996608; mended by the shape network's two keys (2026-12-04)")]
    [InlineData(6506, "camera", 2, 46, "director/1", "f590299c99341f8eb3338d9a20899189e15b247ba2691f94e116a31faaef3ab4", "other.u19.0046.png by u19, a person reads Other, read as Circle at 0.999638; mended by the shape network's two keys (2026-12-04)")]
    [InlineData(6506, "camera", 2, 85, "deputy/2", "95345a846be2f196b04856a396d60a2c614df15bde3fa581d43659076e0b211c", "other.u04.0092.png by u04, a person reads Other, read as Circle at 0.998554; mended by the shape network's two keys (2026-12-04)")]
    [InlineData(6506, "camera", 2, 86, "member/2", "544239e40dcac02e082a6c480b5080262207f9b8617fdfa43c065a25150c5fb9", "rectangle.if8.1378.png by if8, a person reads Other, read as Circle at 0.999754; mended by the shape network's two keys (2026-12-04)")]
    [InlineData(6506, "camera", 2, 95, "member/4", "89a39445f775890c932dce41e083787ae9e94f35c882dd730dd83e6df04704fa", "other.if8.0901.png by if8, a person reads Other, read as Circle at 0.996801; mended by the shape network's two keys (2026-12-04)")]
    [InlineData(6506, "camera", 2, 123, "member/3", "c96d592f9a46bb371467365ccbef3694980f10e1ca78e1aca57ab1aaba3c9406", "other.u04.0119.png by u04, a person reads Other, read as Circle at 0.9992; mended by the shape network's two keys (2026-12-04)")]
    [InlineData(6506, "camera", 2, 155, "deputy/2", "b4608cdddaeb5fffbdb442f63e80a90e0b03b66edc3fa70153eb2a09976af4ff", "other.u19.0056.png by u19, a person reads Other, read as Circle at 0.99973; mended by the shape network's two keys (2026-12-04)")]
    [InlineData(6506, "camera", 2, 186, "member/1", "ddbf791a04a0fe98e90de1fc8e0895bba29d1aa8e61e641adff8835975e8bf80", "other.u18.0047.png by u18, a person reads Other, read as Circle at 0.999715; mended by the shape network's two keys (2026-12-04)")]
    [InlineData(6506, "camera", 2, 198, "director/2", "b26daf217d52f58aa0c9b23028cb102d4612c9e70c9ae8f88ea76f3dd84cfdcc", "other.u18.0047.png by u18, a person reads Other, read as Circle at 0.99972; mended by the shape network's two keys (2026-12-04)")]
    [InlineData(6506, "camera", 2, 291, "member/4", "be7ef61c196624a94b910013f8707c7122407d216d2d19b213a0e5ebca4830de", "rectangle.if8.1348.png by if8, a person reads Other, read as Circle at 0.99851; mended by the shape network's two keys (2026-12-04)")]
    [InlineData(6506, "camera", 2, 305, "deputy/1", "d661741fd3fd89cd65dfadba7d3f51e93b4a695d028ca6fc45a274346d98d662", "other.u18.0047.png by u18, a person reads Other, read as Circle at 0.999783; mended by the shape network's two keys (2026-12-04)")]
    [InlineData(6506, "camera", 2, 344, "member/1", "aafc4d0b49e6c14b8dd98369aa1fcf217b3836add5326272b7154b3c394f8326", "other.u18.0152.png by u18, a person reads Other, read as Circle at 0.999159; mended by the shape network's two keys (2026-12-04)")]
    [InlineData(6601, "scanner", 2, 30, "member/4", "03e40cab0422a3274d73c131dbf8a3e344da98e6b5bfc957668b6020880bf59c", "other.if8.0659.png by if8, a person reads Other, read as Circle at 0.998852 (the review's fresh fold-2 run); mended by the shape network's two keys (2026-12-04)")]
    [InlineData(6601, "scanner", 2, 261, "member/2", "193797d7a19fd234636677464817fa3923c4fc3a2d6d66335bfffb1210f1a619", "rectangle.if8.1639.png by if8, a person reads Other, read as Circle at 0.999178 (the review's fresh fold-2 run); mended by the shape network's two keys (2026-12-04)")]
    [InlineData(6601, "scanner", 2, 283, "deputy/1", "47eb25a326adeb0a44e06c154e72dede9bbc32d3232a586833a15cd0167b3305", "rectangle.if8.0589.png by if8, a person reads Other, read as Circle at 0.995238 (the review's fresh fold-2 run); mended by the shape network's two keys (2026-12-04)")]
    [InlineData(6601, "scanner", 2, 313, "member/3", "1ca3fcf7e23a1e57095aaab827266c37a4942d9b33d574806d90f85ff1a3fe04", "other.u19.0096.png by u19, a person reads Other, read as Circle at 0.999848 (the review's fresh fold-2 run); mended by the shape network's two keys (2026-12-04)")]
    [InlineData(6601, "scanner", 2, 323, "director/2", "34b79639dd6304dc95d7c4701ff97cf6fd5f1f71dd4cd87368c0156b8863cc91", "other.u19.0063.png by u19, a person reads Other, read as Circle at 0.996921 (the review's fresh fold-2 run); mended by the turn and inner-ink checks of the ○ guards")]
    [InlineData(6601, "scanner", 2, 344, "director/2", "224b4675ee72e5fdcc1b4f7a4cd2c0d08d71d449c2b1ee4d1da21f087ebdc57a", "rectangle.if8.1857.png by if8, a person reads Other, read as Circle at 0.999354 (the review's fresh fold-2 run); mended by the shape network's two keys (2026-12-04)")]
    [InlineData(6601, "scanner", 2, 397, "member/4", "6ee3695170cfee8d49f5228fbd12f09f4088713857ac5ce96b75bfd0eaaf06de", "other.u10.0091.png by u10, a person reads Other, read as Circle at 0.999536 (the review's fresh fold-2 run); mended by the shape network's two keys (2026-12-04)")]
    [InlineData(6601, "scanner", 2, 403, "director/1", "29c11d54941b1b6d51c5a6fd3cabec034b65873c8de20c6f622578f3f8489c54", "rectangle.if8.1642.png by if8, a person reads Other, read as Circle at 0.999968 (the review's fresh fold-2 run); mended by the shape network's two keys (2026-12-04)")]
    [InlineData(6601, "scanner", 2, 505, "member/4", "b161689c13f6500069c67a82cb37fa2fb7789d089385bf443ad8c6b94a422651", "rectangle.if8.0742.png by if8, a person reads Other, read as Circle at 0.996447 (the review's fresh fold-2 run); mended by the shape network's two keys (2026-12-04)")]
    [InlineData(6601, "scanner", 2, 580, "director/1", "ac8591ae7e76954e02b22239b48ce287e8fc856c2fa73554a1750d4f18a728b2", "other.if8.0213.png by if8, a person reads Other, read as Circle at 0.996153 (the review's fresh fold-2 run); mended by the turn and inner-ink checks of the ○ guards")]
    // A fresh fold-2 run of 2026-12-03 (seeds 6911 scanner, 6912 camera), on the ballot as laid out that day (layout 0fb4cdb0c1a5).
    [InlineData(6911, "scanner", 2, 149, "member/1", "f4e7102ebe76f113bd2789586c3c38df2aa45ec496ac2c82fc1bb286938e6af8", "rectangle.if8.0486.png by if8, a person reads Other, read as Circle at 0.998114 (a fresh fold-2 run, 2026-12-03); mended by the shape network's two keys (2026-12-04)", "0fb4cdb0c1a5")]
    [InlineData(6911, "scanner", 2, 247, "member/3", "26728d159615c187f13ee31b3ed97596e1a7ab9b259c642af186ee003acce93f", "other.u04.0093.png by u04, a person reads Other, read as Circle at 0.99559 (a fresh fold-2 run, 2026-12-03); mended by the shape network's two keys (2026-12-04)", "0fb4cdb0c1a5")]
    [InlineData(6911, "scanner", 2, 411, "director/1", "5aca7cd14216980d9d2d8fc64a56bb943e335e38c1493956a1e731b4a4e2cb1d", "other.u18.0037.png by u18, a person reads Other, read as Circle at 0.999817 (a fresh fold-2 run, 2026-12-03); mended by the shape network's two keys (2026-12-04)", "0fb4cdb0c1a5")]
    [InlineData(6911, "scanner", 2, 453, "member/4", "92d2efca2264234fe3fdc76c41143b7ecb7ee9d3ba94d1b6ab3437803cb61026", "other.u10.0097.png by u10, a person reads Other, read as Circle at 0.999491 (a fresh fold-2 run, 2026-12-03); mended by the shape network's two keys (2026-12-04)", "0fb4cdb0c1a5")]
    [InlineData(6911, "scanner", 2, 470, "member/2", "66081e3e79b091fb439e0342680f97e7629810c81c7ff5af4d7b2285cfab691b", "rectangle.if8.1857.png by if8, a person reads Other, read as Circle at 0.998627 (a fresh fold-2 run, 2026-12-03); mended by the shape network's two keys (2026-12-04)", "0fb4cdb0c1a5")]
    [InlineData(6911, "scanner", 2, 484, "deputy/1", "6c010f92f7c6111b6f60911f30cc473a07dfab4121da5443eebdb301421253c6", "other.u19.0040.png by u19, a person reads Other, read as Circle at 0.999954 (a fresh fold-2 run, 2026-12-03); mended by the shape network's two keys (2026-12-04)", "0fb4cdb0c1a5")]
    [InlineData(6912, "camera", 2, 28, "director/2", "1fe741407d8bb990358790e8320443138c458ebd2d4871cbba6216d7a733811e", "other.u19.0050.png by u19, a person reads Other, read as Circle at 0.999954 (a fresh fold-2 run, 2026-12-03); mended by the shape network's two keys (2026-12-04)", "0fb4cdb0c1a5")]
    [InlineData(6912, "camera", 2, 41, "deputy/1", "f7d2bba687c2e8047226361d9fa540e2010d9bc195800a5c7a8b19218979e8da", "other.if8.0285.png by if8, a person reads Other, read as Circle at 0.997616 (a fresh fold-2 run, 2026-12-03); mended by the shape network's two keys (2026-12-04)", "0fb4cdb0c1a5")]
    [InlineData(6912, "camera", 2, 144, "member/4", "8bd86ff22831a7b587a3733ae88859ed5b4072ad29a0bc495c96ba6126dbd9d2", "other.u04.0118.png by u04, a person reads Other, read as Circle at 0.998803 (a fresh fold-2 run, 2026-12-03); mended by the shape network's two keys (2026-12-04)", "0fb4cdb0c1a5")]
    [InlineData(6912, "camera", 2, 172, "member/1", "ff0333e58e8f51f28fdd31d96450911ded34e218b168b71a210b3d6179bfc9ae", "other.if8.0927.png by if8, a person reads Other, read as Circle at 0.998077 (a fresh fold-2 run, 2026-12-03); mended by the shape network's two keys (2026-12-04)", "0fb4cdb0c1a5")]
    [InlineData(6912, "camera", 2, 235, "deputy/1", "50ac6a322416ea97b7cb3039f21667972150a50d2322a72f82afa19a33157057", "rectangle.if8.1849.png by if8, a person reads Other, read as Circle at 0.999972 (a fresh fold-2 run, 2026-12-03); mended by the shape network's two keys (2026-12-04)", "0fb4cdb0c1a5")]
    // A fresh fold-2 run of 2026-12-04 (seeds 6931 scanner, 6932 camera) on the corrected pack, read with the two keys'
    // odds summed, and by a network fitted on turned drawings too (tried, not shipped: calibration/README.md).
    [InlineData(6931, "scanner", 2, 146, "member/3", "f52547836bf88820cd5ced914c71a5eec6a60864e63f07966e7090894e732dcc", "rectangle.if8.1855.png by if8, a person reads Other, read as Circle at 0.991916 by a network fitted on turned drawings too (tried, not shipped, 2026-12-04)", "0fb4cdb0c1a5", "f8d92fa71f34")]
    [InlineData(6931, "scanner", 2, 403, "member/4", "bd6753b36a41b3324433f22dcbec156e32a5017d4e9dc90692bc0494b578d12f", "rectangle.if8.1639.png by if8, a person reads Other, read as Circle at 0.990727 on a 1-bit scan by a network fitted on turned drawings too (tried, not shipped, 2026-12-04)", "0fb4cdb0c1a5", "f8d92fa71f34")]
    public void A_real_mark_once_misread_is_now_right_or_sent_to_a_person(int seed, string conditions, int fold, int sheetIndex, string boxId, string sha256, string what, string? layout = null, string marks = PinnedMarks)
    {
        var (truth, position) = Read(seed, conditions, fold, sheetIndex, boxId, sha256, layout, marks);

        Assert.True(position.Band == DecisionBand.Review || position.Symbol == truth.Symbol,
            $"{what}: {truth.Source} by {truth.Writer}, truth {truth.Symbol}, read {position.Symbol} at {position.Confidence} with no review");
    }

    /// <summary>The sheet of a fixture made again (its SHA-256 checked), the truth of its box and the reader's reading of it.</summary>
    private (BoxTruth Truth, PositionReading Position) Read(int seed, string conditions, int fold, int sheetIndex, string boxId, string sha256, string? layout, string marks)
    {
        // The ballot as printed when the run was made: the layout file of its hash (tests/fixtures/misreadings); without one,
        // the layout most fixtures were made on (ReaderFixture.PinnedLayout).
        var (pinnedLayout, reader) = layout is null ? (fixture.PinnedLayout, fixture.PinnedReader) : s_otherLayouts.GetOrAdd(layout, hash =>
        {
            var other = LayoutJson.Load(RepositoryFiles.Path($"tests/fixtures/misreadings/layout-{hash}.json"));
            return (other, new BallotReader([other], MarkClassifier.Shipped));
        });
        var options = new SynthesisOptions
        {
            Seed = seed,
            Conditions = Enum.Parse<CaptureConditions>(conditions, ignoreCase: true),
            RealMarks = MarksPack(marks),
            RealMarkWriters = RealMarkFolds.WritersOf(fold),
            RealMarkRate = 0.8,
            OtherMarkRate = 0.25,
        };
        using var synthesizer = new BallotSynthesizer(fixture.Definition, options, pinnedLayout);
        var sheet = synthesizer.Generate(sheetIndex);
        Assert.Equal(sha256, Convert.ToHexStringLower(SHA256.HashData(sheet.Bytes)));
        var truth = sheet.Truth.Boxes.Single(b => b.BoxId == boxId);
        return (truth, reader.ReadFile(sheet.Bytes, sheet.Truth.File).Single().Positions.Single(p => p.BoxId == boxId));
    }

    /// <summary>
    /// The real marks today's reader still counts confidently against what a person reads (issue 37, open): each asserts the
    /// reading it gets today, the very symbol and no review, so that both show: the fix that mends one (read right, or sent to
    /// a person: this test then fails, and its case moves up among those mended) and a new break (read as something else).
    /// </summary>
    [Theory]
    [InlineData(6403, "scanner", 2, 262, "director/1", "1fdd2de6543390c3dd126ee85f3dc114b50e92077ab2a6d456a8012f74c962db", "other.u04.0044.png by u04, a person reads Other, read as Circle at 0.999909", "Circle")]
    [InlineData(6403, "scanner", 2, 372, "deputy/1", "177900c0855be8b35058be607d761d763bb03ec6cffcb5e0fd8fe641ab3a79d5", "other.if8.0928.png by if8, a person reads Other, read as Circle at 0.999936", "Circle")]
    [InlineData(6403, "scanner", 2, 406, "director/2", "27f8e058c6c16d3057811c58168f7e73098aaf2f6e68741a75d1b03b901c7c61", "rectangle.if8.1377.png by if8, a person reads Other, read as Circle at 0.997029", "Circle")]
    [InlineData(6403, "scanner", 2, 696, "director/1", "6c411916e53782507201d58ec8c2b0fbaa6b224a6519f382c1da748587730ea5", "other.u19.0094.png by u19, a person reads Other, read as Circle at 0.996817", "Circle")]
    [InlineData(6404, "camera", 2, 453, "director/2", "2d25466aab6f2bfb0b87e2721897faeb75a328cdb765d362d402b14053ae9498", "rectangle.if8.1482.png by if8, a person reads Other, read as Circle at 0.998277", "Circle")]
    [InlineData(6501, "scanner", 0, 589, "member/1", "4eb7c80cca35b87e88e7382032b38aaa073a9ee0eeec0fa1089876b83d6f9d41", "other.if3.0032.png by if3, a person reads Other, read as Cross at 0.999937", "Cross")]
    [InlineData(6503, "scanner", 1, 743, "director/2", "d6bbb04f3471776b5337c0b71c7b39013bdc7e92bc75fed30c1dc64c41990110", "ellipse.if5.0248.png by if5, a person reads Circle, read as Cross at 0.998862", "Cross")]
    [InlineData(6505, "scanner", 2, 523, "deputy/2", "e259fc1ae540951b0a9a9daa1a874d6f50f864db749ddc2d818069d04932c5ba", "rectangle.if8.0727.png by if8, a person reads Other, read as Circle at 0.998076", "Circle")]
    [InlineData(6505, "scanner", 2, 523, "member/4", "e259fc1ae540951b0a9a9daa1a874d6f50f864db749ddc2d818069d04932c5ba", "rectangle.if8.1854.png by if8, a person reads Other, read as Circle at 0.999993", "Circle")]
    [InlineData(6506, "camera", 2, 96, "director/1", "51e78544c46d463885d42e2d01c735951411d83db185fe51019f6db3e617ce7e", "other.if8.0647.png by if8, a person reads Other, read as Circle at 0.997479", "Circle")]
    [InlineData(6506, "camera", 2, 202, "member/2", "abc8c2dc83c3745960751abd28aeb3b3f750d1bbfaa8f079036ac10e5fae1fd7", "other.u19.0094.png by u19, a person reads Other, read as Circle at 0.998431", "Circle")]
    [InlineData(6506, "camera", 2, 393, "deputy/1", "cf83821c4c9a72dcdc555d87fec1ead9b67b861676d1fb5364fc35dd014d3de6", "other.if8.0147.png by if8, a person reads Other, read as Circle at 0.999246", "Circle")]
    [InlineData(6601, "scanner", 2, 555, "director/1", "5b9e625b26eb7274478bb39a3d0a5de7cce7ffbc2ad33c2efdb410b3518f52e6", "rectangle.if8.0434.png by if8, a person reads Other, read as Circle at 0.999418 (the review's fresh fold-2 run)", "Circle")]
    [InlineData(6911, "scanner", 2, 185, "member/1", "0cc991143a3a2288f7ce0b74f018d0f16ae4d530d8a068d02d416beb0516fbea", "rectangle.if8.1635.png by if8, a person reads Other, read as Circle at 0.995789 (a fresh fold-2 run, 2026-12-03)", "Circle", "0fb4cdb0c1a5")]
    [InlineData(6911, "scanner", 2, 286, "member/4", "26fff3ffa47acc59e70c11ebcfc80c621b39426507219bfdd04bfe7ebd395b29", "rectangle.if8.1637.png by if8, a person reads Other, read as Circle at 0.998602 (a fresh fold-2 run, 2026-12-03)", "Circle", "0fb4cdb0c1a5")]
    [InlineData(6911, "scanner", 2, 375, "deputy/2", "37610bec21ef290516f170e3b3c2b3b3e49840a7865ec40488161bc49f3e3d98", "rectangle.if8.0433.png by if8, a person reads Other, read as Circle at 0.996787 (a fresh fold-2 run, 2026-12-03)", "Circle", "0fb4cdb0c1a5")]
    [InlineData(6912, "camera", 2, 14, "deputy/1", "b99ed14a50a2f4245027c6de8d7775c7b2fcc7e9e7fc92c6ba129626788d8e73", "rectangle.if8.0728.png by if8, a person reads Other, read as Circle at 0.99545 (a fresh fold-2 run, 2026-12-03)", "Circle", "0fb4cdb0c1a5")]
    [InlineData(6921, "scanner", 2, 308, "member/1", "ed5a0d75554bd7f816e03545bee9a2191f4afc7bbd90fbb1f00def853b61b46b", "other.u19.0106.png by u19, a person reads Other, read as Circle at 0.999738 on a 1-bit scan (two keys, 2026-12-04)", "Circle", "0fb4cdb0c1a5")]
    [InlineData(6921, "scanner", 2, 418, "director/2", "e0fdb09ba5e1fdc68cc3565ca3966b9afb147cbda085d66a98b22490dfb092ed", "rectangle.if8.1863.png by if8, a person reads Other, read as Circle at 0.999832 on a 1-bit scan (two keys, 2026-12-04)", "Circle", "0fb4cdb0c1a5")]
    [InlineData(6921, "scanner", 2, 473, "deputy/1", "e82d089d662c9f067ecd89d7c34616b58259bb45ea1446422e1f2f25989401b6", "other.u04.0094.png by u04, a person reads Other, read as Circle at 0.99598 (two keys, 2026-12-04)", "Circle", "0fb4cdb0c1a5")]
    [InlineData(6922, "camera", 2, 10, "member/3", "21fb1a8b13791c1c12cacc61bf1bcaebc712e1e64b7533a97aaa59f2f0de2e22", "rectangle.if8.2058.png by if8 in pencil, a person reads Other, read as Circle at 0.999827 (two keys, 2026-12-04)", "Circle", "0fb4cdb0c1a5")]
    [InlineData(6922, "camera", 2, 77, "deputy/2", "c3b5ff70701cd44d4cbdbe18f575b021ea55fd26ffdefaaa961a288b5269a444", "other.if8.0147.png by if8, a person reads Other, read as Circle at 0.999252 (two keys, 2026-12-04)", "Circle", "0fb4cdb0c1a5")]
    [InlineData(6931, "scanner", 2, 4, "member/1", "663e61e08cd577397d883a1c4f2222e65f7de5ef6fba469e21432b93f07c441f", "rectangle.if8.1482.png by if8 (a diamond), a person reads Other, read as Circle at 0.994222 (two keys, 2026-12-04)", "Circle", "0fb4cdb0c1a5", "f8d92fa71f34")]
    [InlineData(6931, "scanner", 2, 45, "member/2", "a037179039cde661bcf1281041a7bd9dda34ef404bbe7982518c253271653bf3", "rectangle.if8.0727.png by if8 in pencil, a person reads Other, read as Circle at 0.99954 (two keys, 2026-12-04)", "Circle", "0fb4cdb0c1a5", "f8d92fa71f34")]
    [InlineData(6931, "scanner", 2, 121, "member/2", "770941202d035c5620ac0aadcfeda573c7ad4ebb5879cd411f48757c649d9294", "other.if8.0147.png by if8 (an octagon), a person reads Other, read as Circle at 0.998686 (two keys, 2026-12-04)", "Circle", "0fb4cdb0c1a5", "f8d92fa71f34")]
    [InlineData(6931, "scanner", 2, 255, "deputy/2", "53fcbf99ab8aa5c5bcf313f05380f1eba53369ab02bc5fb9428964c6513b65c4", "rectangle.if8.0728.png by if8, a person reads Other, read as Circle at 0.998244 (two keys, 2026-12-04)", "Circle", "0fb4cdb0c1a5", "f8d92fa71f34")]
    [InlineData(6931, "scanner", 2, 347, "member/4", "be24a0ce7a1ecbb03c8fa78b706014be935ccafdf442a6a95efbb6b77e2b3e80", "other.u19.0106.png by u19 (a broken hexagon), a person reads Other, read as Circle at 0.998379 (two keys, 2026-12-04)", "Circle", "0fb4cdb0c1a5", "f8d92fa71f34")]
    [InlineData(6931, "scanner", 2, 494, "member/1", "20d2e002f932e7f40503f0f387e347d4e7c74a50c0c4247dbcf5fef183258684", "other.u18.0020.png by u18 (a heart), a person reads Other, read as Circle at 0.999762 (two keys, 2026-12-04)", "Circle", "0fb4cdb0c1a5", "f8d92fa71f34")]
    [InlineData(6932, "camera", 2, 140, "deputy/1", "62f8c071758b526b8cb9653388f8ebb958b5e99670c0a72da6bb9fc79b2a16d3", "other.u18.0013.png by u18 (a heart), a person reads Other, read as Circle at 0.993312 (two keys, 2026-12-04)", "Circle", "0fb4cdb0c1a5", "f8d92fa71f34")]
    [InlineData(6932, "camera", 2, 218, "member/1", "29d22cb82167f722ad66c928e6ab03a6634896fe464344ef8b503ceb61c9e7ea", "triangle.if8.1165.png by if8 (a fish-like triangle whose sides cross), a person reads Other, read as Cross at 0.998076 (2026-12-04)", "Cross", "0fb4cdb0c1a5", "f8d92fa71f34")]
    [InlineData(6932, "camera", 2, 241, "deputy/1", "e442e90f3e9f7f4b6737aa256811d8dbcff23a1d594c2a2fcbc9cc047892655c", "other.u19.0107.png by u19 (a broken hexagon), a person reads Other, read as Circle at 0.995851 (two keys, 2026-12-04)", "Circle", "0fb4cdb0c1a5", "f8d92fa71f34")]
    [InlineData(6941, "scanner", 2, 119, "member/3", "a7a98d83b5a46a9d5532f441f130b6462d2e92f8e5332cee439c33817c9ca4ba", "other.if8.0494.png by if8 (a small crossed square on a long line), a person reads Other, read as Cross at 0.927189 (2026-12-04, fresh fold-2 round)", "Cross", "0fb4cdb0c1a5", "f8d92fa71f34")]
    [InlineData(6941, "scanner", 2, 293, "deputy/1", "ad64aa859b46f7ad42622dbba3ab2ee559ece56f58e3d530de723f1a5ecedf30", "rectangle.if8.1637.png by if8 (a rounded quadrilateral), a person reads Other, read as Circle at 0.999915 (two keys' odds, 2026-12-04)", "Circle", "0fb4cdb0c1a5", "f8d92fa71f34")]
    [InlineData(6941, "scanner", 2, 298, "director/2", "81b3dee0ff97389d5e4801062d83f6b9186175aa96c94490c9814c44c9d4ccd9", "rectangle.if8.1863.png by if8 (a rounded quadrilateral, 1-bit G4), a person reads Other, read as Circle at 0.992114 (two keys' odds, 2026-12-04)", "Circle", "0fb4cdb0c1a5", "f8d92fa71f34")]
    [InlineData(6941, "scanner", 2, 313, "director/2", "16eb56ace5e3e8d5d28a37c6a9f5917a36aad083e23f3aa8a30ea2fc4070dbbd", "rectangle.if8.1857.png by if8 (a slanted rounded quadrilateral), a person reads Other, read as Circle at 0.999616 (two keys' odds, 2026-12-04)", "Circle", "0fb4cdb0c1a5", "f8d92fa71f34")]
    [InlineData(6941, "scanner", 2, 355, "deputy/2", "3703cbfc162cb87e60e00d9dc6e82bcc1f67ab5f18dca0bae05ad544f8de23fd", "rectangle.if8.1635.png by if8 (a rounded quadrilateral), a person reads Other, read as Circle at 0.975269 (two keys' odds, 2026-12-04)", "Circle", "0fb4cdb0c1a5", "f8d92fa71f34")]
    [InlineData(6942, "camera", 2, 86, "director/1", "a24b740001ca63ab86ad0b389bf576209385de2640db55bc1a8c5762402e7793", "rectangle.if8.1377.png by if8 (a narrow rounded rectangle), a person reads Other, read as Circle at 0.999492 (two keys' odds, 2026-12-04)", "Circle", "0fb4cdb0c1a5", "f8d92fa71f34")]
    [InlineData(6942, "camera", 2, 160, "member/3", "81d6ef69a554b3adbe119c1c9c7004f5d6dda2c6191274a2841719c7d1040bb9", "rectangle.if8.1777.png by if8 (a rounded rectangle), a person reads Other, read as Circle at 0.977691 (two keys' odds, 2026-12-04)", "Circle", "0fb4cdb0c1a5", "f8d92fa71f34")]
    public void A_real_mark_still_misread_is_read_as_it_was(int seed, string conditions, int fold, int sheetIndex, string boxId, string sha256, string what, string readAs, string? layout = null, string marks = PinnedMarks)
    {
        var (truth, position) = Read(seed, conditions, fold, sheetIndex, boxId, sha256, layout, marks);

        Assert.NotEqual(truth.Symbol, position.Symbol);
        Assert.True(position.Band != DecisionBand.Review && position.Symbol.ToString() == readAs,
            $"{what}: {truth.Source} by {truth.Writer}, truth {truth.Symbol}, now read {position.Symbol} at {position.Confidence} ({position.Band}): mended? move it up");
    }
}
