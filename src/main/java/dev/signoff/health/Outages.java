package dev.signoff.health;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Tells a failure of the database itself (unreachable, restarting, out of connections or resources) from a failure
 * of one piece of work. A worker that meets the first should stop taking work until the database is back instead of
 * failing item after item; the second is the item's own. Looks through causes and suppressed exceptions, since
 * Hibernate, the pool and the transaction manager each wrap the driver's exception.
 */
public final class Outages {

    private Outages() {}

    /** True when {@code failure} says the database, not the statement, is the problem. */
    public static boolean isOutage(Throwable failure) {
        return outageCause(failure) != null;
    }

    /**
     * A short, secret-free description of the database failure behind {@code failure} (exception class and SQLState),
     * or null when it is not one.
     */
    public static String outageCause(Throwable failure) {
        Deque<Throwable> pending = new ArrayDeque<>();
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        if (failure == null) {
            return null;
        }
        pending.push(failure);
        while (!pending.isEmpty() && seen.size() < 50) {
            Throwable t = pending.pop();
            if (t == null || seen.put(t, Boolean.TRUE) != null) {
                continue;
            }
            if (t instanceof SQLException sql && isOutage(sql)) {
                return t.getClass().getSimpleName() + (sql.getSQLState() == null ? "" : " " + sql.getSQLState());
            }
            // ArrayDeque holds no nulls: the end of a cause chain is simply not pushed.
            if (t.getCause() != null) {
                pending.push(t.getCause());
            }
            for (Throwable suppressed : t.getSuppressed()) {
                pending.push(suppressed);
            }
        }
        return null;
    }

    private static boolean isOutage(SQLException sql) {
        if (sql instanceof SQLTransientException
                || sql instanceof SQLRecoverableException
                || sql instanceof SQLNonTransientConnectionException) {
            return true;
        }
        String state = sql.getSQLState();
        if (state == null) {
            // Agroal's pool says it has no connection to give only in words.
            String message = sql.getMessage() == null ? "" : sql.getMessage().toLowerCase(Locale.ROOT);
            return message.contains("acquisition timeout");
        }
        return state.startsWith("08") // connection exception: refused, broken, lost
                || state.startsWith("53") // insufficient resources: too many connections, disk full, out of memory
                || state.startsWith("57P") // admin or crash shutdown, cannot connect now (starting up)
                || state.startsWith("58") // system error (I/O) in the server
                || state.startsWith("40"); // transaction rollback: serialization failure or deadlock, transient
    }
}
