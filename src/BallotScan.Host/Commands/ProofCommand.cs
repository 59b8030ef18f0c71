using System.CommandLine;

namespace BallotScan.Host.Commands;

/// <summary>`ballotscan ballot proof`: checks a printed ballot (its PDF, or a scan or photo of a print) against the definition.</summary>
internal static class ProofCommand
{
    public static Command Create()
    {
        var definition = new Argument<FileInfo>("definition") { Description = "The election definition (JSON)." };
        var input = new Argument<FileInfo>("print") { Description = "The ballot PDF, or a scan or photo of a printed blank ballot." };
        var command = new Command("proof", "Check that a printed ballot carries the right names, order and QR codes.") { definition, input };
        command.SetAction(_ => 2);
        return command;
    }
}
