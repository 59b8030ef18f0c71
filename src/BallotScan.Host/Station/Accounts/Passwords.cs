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

    /// <summary>A hash of no one's password: checked against for a name that has no account, so that it takes as long to refuse as a known one.</summary>
    private static readonly Lazy<string> s_dummy = new(() => s_hasher.HashPassword(string.Empty, Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16))));

    /// <summary>Longer passwords are not hashed (nor accepted).</summary>
    public const int MaximumLength = 256;

    /// <summary>Whether <paramref name="password"/> is the password of <paramref name="user"/>; for no user, the same work and false.</summary>
    public static bool Verify(StationUser? user, string password)
    {
        var cut = password.Length <= MaximumLength ? password : string.Empty;
        var matches = s_hasher.VerifyHashedPassword(string.Empty, user?.PasswordHash ?? s_dummy.Value, cut) != PasswordVerificationResult.Failed;
        return user is not null && matches && password.Length <= MaximumLength;
    }

    /// <summary>What is wrong with a new password, or null.</summary>
    public static string? Problem(string password) =>
        password.Length < MinimumLength ? $"A password needs at least {MinimumLength} characters."
        : password.Length > MaximumLength ? $"A password has at most {MaximumLength} characters." : null;
}
