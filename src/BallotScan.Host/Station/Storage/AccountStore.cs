using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using BallotScan.Engine.Elections;
using static BallotScan.Host.Station.Storage.StationDatabase;

namespace BallotScan.Host.Station.Storage;

/// <summary>The accounts (账户) and their sign-in sessions, kept in the station's database: accounts are never deleted, only disabled.</summary>
internal sealed class AccountStore(StationStore store)
{
    public bool AddUser(string name, StationRole role, string passwordHash, StationStore.AuditRow? audit = null) =>
        store.Write((c, t) => Execute(c, t, "INSERT INTO users (name, role, password_hash, created_at) VALUES (@n, @r, @h, @at) ON CONFLICT (name) DO NOTHING",
            ("n", name), ("r", role.ToString()), ("h", passwordHash), ("at", Now())) == 1, audit);

    /// <summary>
    /// One account row. A role that is not a defined name (a row edited by hand) leaves the account listed but disabled:
    /// it cannot sign in, and nothing else stops.
    /// </summary>
    private static StationUser MapUser(DbDataReader r) => EnumNames.TryParse<StationRole>(r.GetString(1), out var role)
        ? new(r.GetString(0), role, r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3))
        : new(r.GetString(0), StationRole.Observer, r.GetString(2), $"unreadable role '{StationStore.Cut(r.GetString(1), 40)}'");

    public StationUser? User(string name)
    {
        using var c = store.Database.Open();
        return Query(c, "SELECT name, role, password_hash, disabled_at FROM users WHERE name = @n", MapUser, ("n", name)).FirstOrDefault();
    }

    public List<StationUser> Users()
    {
        using var c = store.Database.Open();
        return Query(c, "SELECT name, role, password_hash, disabled_at FROM users ORDER BY name", MapUser);
    }

    /// <summary>Sets a new password; false when there is no such account.</summary>
    public bool SetPassword(string name, string passwordHash, StationStore.AuditRow? audit = null) =>
        store.Write((c, t) => Execute(c, t, "UPDATE users SET password_hash = @h WHERE name = @n", ("h", passwordHash), ("n", name)) == 1, audit);

    /// <summary>Disables an account and ends its open sessions, in one transaction; false when there is no such account.</summary>
    public bool Disable(string name, StationStore.AuditRow? audit = null) => store.Write((c, t) =>
    {
        var done = Execute(c, t, "UPDATE users SET disabled_at = COALESCE(disabled_at, @at) WHERE name = @n", ("at", Now()), ("n", name)) == 1;
        Execute(c, t, "UPDATE sessions SET ended_at = @at WHERE user_name = @n AND ended_at IS NULL", ("at", Now()), ("n", name));
        return done;
    }, audit);

    /// <summary>Lets a disabled account sign in again; false when there is no such account.</summary>
    public bool Enable(string name, StationStore.AuditRow? audit = null) =>
        store.Write((c, t) => Execute(c, t, "UPDATE users SET disabled_at = NULL WHERE name = @n", ("n", name)) == 1, audit);

    /// <summary>
    /// Carries every account (as it stands: its role, password and whether disabled) and every open session into the store of
    /// the station's next round, in one transaction with <paramref name="audit"/> there: the same people sign in, and those
    /// signed in stay so.
    /// </summary>
    public void CarryInto(AccountStore next, StationStore.AuditRow audit)
    {
        ArgumentNullException.ThrowIfNull(next);
        List<(string Name, string Role, string Hash, string At, string? Disabled)> users;
        List<(string Id, string User, string Started)> sessions;
        using (var c = store.Database.Open())
        {
            users = Query(c, "SELECT name, role, password_hash, created_at, disabled_at FROM users ORDER BY name", r => (r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4)));
            sessions = Query(c, "SELECT id, user_name, started_at FROM sessions WHERE ended_at IS NULL", r => (r.GetString(0), r.GetString(1), r.GetString(2)));
        }

        next.Write((c, t) =>
        {
            foreach (var u in users)
            {
                Execute(c, t, "INSERT INTO users (name, role, password_hash, created_at, disabled_at) VALUES (@n, @r, @h, @at, @off)", ("n", u.Name), ("r", u.Role), ("h", u.Hash), ("at", u.At), ("off", u.Disabled));
            }

            foreach (var s in sessions)
            {
                Execute(c, t, "INSERT INTO sessions (id, user_name, started_at) VALUES (@id, @user, @at)", ("id", s.Id), ("user", s.User), ("at", s.Started));
            }

            return true;
        }, audit);
    }

    private void Write(Func<DbConnection, DbTransaction, bool> write, StationStore.AuditRow audit) => store.Write(write, audit);

    /// <summary>Starts a sign-in session; its id goes into the cookie.</summary>
    public string StartSession(string userName, StationStore.AuditRow? audit = null)
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        store.Write((c, t) => Execute(c, t, "INSERT INTO sessions (id, user_name, started_at) VALUES (@id, @user, @at)", ("id", id), ("user", userName), ("at", Now())) == 1, audit);
        return id;
    }

    /// <summary>Whether the session is open (started for this person, not ended).</summary>
    public bool SessionOpen(string id, string userName)
    {
        using var c = store.Database.Open();
        return Scalar(c, null, "SELECT COUNT(*) FROM sessions WHERE id = @id AND user_name = @user AND ended_at IS NULL", ("id", id), ("user", userName)) is { } n && Convert.ToInt64(n, CultureInfo.InvariantCulture) == 1;
    }

    public void EndSession(string id, StationStore.AuditRow? audit = null) =>
        store.Write((c, t) => Execute(c, t, "UPDATE sessions SET ended_at = @at WHERE id = @id AND ended_at IS NULL", ("id", id), ("at", Now())) >= 0, audit);
}
