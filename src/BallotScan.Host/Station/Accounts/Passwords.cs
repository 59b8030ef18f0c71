using BallotScan.Host.Station.Storage;
using Microsoft.AspNetCore.Identity;

namespace BallotScan.Host.Station.Accounts;

/// <summary>Passwords, hashed with ASP.NET Core Identity's standard hasher (PBKDF2 with HMAC-SHA512, salted, 100,000 iterations).</summary>
internal static class Passwords
{
    private static readonly PasswordHasher<string> s_hasher = new();

    /// <summary>Shorter passwords are refused.</summary>
    public const int MinimumLength = 8;

    public static string Hash(string password) => s_hasher.HashPassword(string.Empty, password);

    public static bool Verify(StationUser user, string password) =>
        s_hasher.VerifyHashedPassword(string.Empty, user.PasswordHash, password) != PasswordVerificationResult.Failed;

    /// <summary>What is wrong with a new password, or null.</summary>
    public static string? Problem(string password) =>
        password.Length < MinimumLength ? $"A password needs at least {MinimumLength} characters." : null;
}
