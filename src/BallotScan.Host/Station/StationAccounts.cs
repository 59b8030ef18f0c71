using BallotScan.Host.Station.Storage;

namespace BallotScan.Host.Station;

/// <summary>
/// Accounts and sessions (账户与登录) over one store: who signs in and out, and the refusals, each with its audit row. The
/// counting station's and the township station's sign-in pages both use it.
/// </summary>
internal class SignInAccounts(StationStore store)
{
    public StationUser? User(string name) => store.Accounts.User(name);

    /// <summary>A person signed in: their session starts and the log says so, together.</summary>
    public string SignIn(StationUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return store.Accounts.StartSession(user.Name, AuditFacts.Row(user.Name, AuditEvent.Login, new SignedIn(user.Role)));
    }

    /// <summary>A person signed out: their session ends and the log says so, together.</summary>
    public void SignOut(string user, string? session)
    {
        var audit = AuditFacts.Row(user, AuditEvent.Logout, null);
        if (session is null)
        {
            store.Audit(audit);
        }
        else
        {
            store.Accounts.EndSession(session, audit);
        }
    }

    /// <summary>A sign-in refused (a wrong password, or held back after too many): logged, nothing else changes.</summary>
    public void SignInRefused(string name, string address, bool heldBack) =>
        store.Audit(AuditFacts.Row(name.Length == 0 ? "?" : name, heldBack ? AuditEvent.LoginHeldBack : AuditEvent.LoginFailed, new SignInRefused(address)));

    /// <summary>Whether a session is open for this person (signing out ends it on the server, not only in the browser).</summary>
    public bool SessionOpen(string session, string user) => store.Accounts.SessionOpen(session, user);

    /// <summary>Whether any account exists yet.</summary>
    public bool Any() => store.Accounts.Users().Count > 0;
}

/// <summary>The accounts of one round of the counting station (carried into each 另行选举's round).</summary>
internal sealed class StationAccounts(StationContext context) : SignInAccounts(context.Store);
