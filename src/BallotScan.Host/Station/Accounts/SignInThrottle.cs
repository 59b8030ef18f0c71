using System.Threading.RateLimiting;

namespace BallotScan.Host.Station.Accounts;

/// <summary>
/// Holds back sign-in for a name after repeated wrong passwords (whoever sends them, from wherever): five wrong tries, then
/// one more every three minutes. The right password is refused too while a name is held back, so guessing gains nothing.
/// Addresses are limited separately by ASP.NET Core's rate limiter (<see cref="AddressPolicy"/>).
/// </summary>
internal sealed class SignInThrottle : IDisposable
{
    /// <summary>The rate-limiter policy of the sign-in form: per client address, thirty tries a minute.</summary>
    public const string AddressPolicy = "sign-in per address";

    public const int WrongTries = 5;

    public static readonly TimeSpan OneMoreAfter = TimeSpan.FromMinutes(3);

    private readonly PartitionedRateLimiter<string> _names = PartitionedRateLimiter.Create<string, string>(name =>
        RateLimitPartition.GetTokenBucketLimiter(name, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = WrongTries,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = OneMoreAfter,
            QueueLimit = 0,
            AutoReplenishment = true,
        }), StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether <paramref name="name"/> may try a password now.</summary>
    public bool MayTry(string name) => _names.GetStatistics(name)?.CurrentAvailablePermits is not <= 0;

    /// <summary>A wrong password for <paramref name="name"/>.</summary>
    public void Failed(string name)
    {
        using var lease = _names.AttemptAcquire(name);
    }

    public void Dispose() => _names.Dispose();
}
