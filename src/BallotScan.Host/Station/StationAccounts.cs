using BallotScan.Host.Station.Storage;

namespace BallotScan.Host.Station;

/// <summary>Accounts and sessions (账户与登录): who signs in and out, and the refusals, each with its audit row.</summary>
internal sealed class StationAccounts(StationContext context) : StationTask(context)
{
    public StationUser? User(string name) => Store.Accounts.User(name);

    /// <summary>A person signed in: their session starts and the log says so, together.</summary>
    public string SignIn(StationUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Store.Accounts.StartSession(user.Name, AuditFacts.Row(user.Name, AuditEvent.Login, new SignedIn(user.Role)));
    }

    /// <summary>A person signed out: their session ends and the log says so, together.</summary>
    public void SignOut(string user, string? session)
    {
        var audit = AuditFacts.Row(user, AuditEvent.Logout, null);
        if (session is null)
        {
            Store.Audit(audit);
        }
        else
        {
            Store.Accounts.EndSession(session, audit);
        }
    }

    /// <summary>A sign-in refused (a wrong password, or held back after too many): logged, nothing else changes.</summary>
    public void SignInRefused(string name, string address, bool heldBack) =>
        Store.Audit(AuditFacts.Row(name.Length == 0 ? "?" : name, heldBack ? AuditEvent.LoginHeldBack : AuditEvent.LoginFailed, new SignInRefused(address)));

    /// <summary>Whether a session is open for this person (signing out ends it on the server, not only in the browser).</summary>
    public bool SessionOpen(string session, string user) => Store.Accounts.SessionOpen(session, user);

    /// <summary>Whether any account exists yet.</summary>
    public bool Any() => Store.Accounts.Users().Count > 0;
}
