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
        return Store.Accounts.StartSession(user.Name, new StationStore.AuditRow(user.Name, AuditEvent.Login, Web.Html.RoleName(StationContext.Chinese, user.Role.ToString())));
    }

    /// <summary>A person signed out: their session ends and the log says so, together.</summary>
    public void SignOut(string user, string? session)
    {
        var audit = new StationStore.AuditRow(user, AuditEvent.Logout, string.Empty);
        if (session is null)
        {
            Store.Audit(audit.Actor, audit.Event, audit.Detail);
        }
        else
        {
            Store.Accounts.EndSession(session, audit);
        }
    }

    /// <summary>A sign-in refused (a wrong password, or held back after too many): logged, nothing else changes.</summary>
    public void SignInRefused(string name, string address, bool heldBack) =>
        Store.Audit(name.Length == 0 ? "?" : name, heldBack ? AuditEvent.LoginHeldBack : AuditEvent.LoginFailed, address);

    /// <summary>Whether a session is open for this person (signing out ends it on the server, not only in the browser).</summary>
    public bool SessionOpen(string session, string user) => Store.Accounts.SessionOpen(session, user);

    /// <summary>Whether any account exists yet.</summary>
    public bool Any() => Store.Accounts.Users().Count > 0;
}
