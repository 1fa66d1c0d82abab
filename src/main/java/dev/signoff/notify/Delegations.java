package dev.signoff.notify;

import dev.signoff.audit.AuditLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Out-of-office delegations: a reviewer hands the tasks named for them to a colleague for a period. While one is in
 * force, a new task that names the delegator also names the delegate ({@link DelegatedAssignees}), and the
 * delegator's new-task mails go to the delegate ({@link NewTaskNotices}). Started and revoked delegations are user
 * events in the audit trail.
 */
@ApplicationScoped
public class Delegations {

    /** Why a delegation was not accepted, in words for the settings form. */
    public static class Refused extends RuntimeException {
        public Refused(String message) {
            super(message);
        }
    }

    private final Directory directory;
    private final AuditLog audit;
    private final Clock clock;

    Delegations(Directory directory, AuditLog audit, Clock clock) {
        this.directory = directory;
        this.audit = audit;
        this.clock = clock;
    }

    /** The delegation in force for this user now, if any. */
    @Transactional
    public Optional<Delegation> active(String fromUser) {
        Instant now = clock.instant();
        return Delegation.<Delegation>find(
                        "fromUser = ?1 and revokedAt is null and startsAt <= ?2 and endsAt > ?2 order by startsAt",
                        fromUser,
                        now)
                .firstResultOptional();
    }

    /** Which of these users are away now (a delegation in force). */
    @Transactional
    public Set<String> away(Collection<String> users) {
        if (users.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(Delegation.<Delegation>list(
                        "fromUser in ?1 and revokedAt is null and startsAt <= ?2 and endsAt > ?2",
                        users,
                        clock.instant())
                .stream()
                .map(d -> d.fromUser)
                .toList());
    }

    /** This user's delegations that are in force or still to come, soonest first. */
    @Transactional
    public List<Delegation> current(String fromUser) {
        return Delegation.list(
                "fromUser = ?1 and revokedAt is null and endsAt > ?2 order by startsAt", fromUser, clock.instant());
    }

    /** Delegations others handed to this user that are in force or still to come. */
    @Transactional
    public List<Delegation> handedTo(String toUser) {
        return Delegation.list(
                "toUser = ?1 and revokedAt is null and endsAt > ?2 order by startsAt", toUser, clock.instant());
    }

    /**
     * Hands {@code fromUser}'s tasks to {@code toUser} from {@code startsAt} (null: now) until {@code endsAt}.
     *
     * @throws Refused to oneself, to someone the directory does not know, a period in the past or overlapping one of
     *     the user's other delegations
     */
    @Transactional
    public Delegation start(
            String actorId, String actorName, String fromUser, String toUser, Instant startsAt, Instant endsAt) {
        Instant now = clock.instant();
        String to = toUser == null ? "" : toUser.strip();
        if (to.isEmpty()) {
            throw new Refused("Name the colleague (their user id) who takes over your reviews.");
        }
        if (to.equals(fromUser)) {
            throw new Refused("You cannot delegate to yourself: name a colleague.");
        }
        if (directory.person(to).isEmpty()) {
            throw new Refused("Signoff does not know a user \"" + to + "\": check their user id.");
        }
        if (endsAt == null) {
            throw new Refused("Say until when you are away.");
        }
        Instant starts = startsAt == null ? now : startsAt;
        // The form has minutes; a start within the current minute is "now".
        if (starts.isBefore(now.truncatedTo(ChronoUnit.MINUTES))) {
            throw new Refused("The period starts in the past: start it now or later.");
        }
        if (starts.isBefore(now)) {
            starts = now;
        }
        if (!endsAt.isAfter(starts)) {
            throw new Refused(
                    endsAt.isAfter(now)
                            ? "The period ends before it starts."
                            : "The period is over already: choose an end in the future.");
        }
        if (Delegation.count(
                        "fromUser = ?1 and revokedAt is null and endsAt > ?2 and startsAt < ?3",
                        fromUser,
                        starts,
                        endsAt)
                > 0) {
            throw new Refused(
                    "You have a delegation in that period already: revoke it first or choose another period.");
        }
        Delegation d = new Delegation();
        d.id = UUID.randomUUID();
        d.fromUser = fromUser;
        d.toUser = to;
        d.startsAt = starts;
        d.endsAt = endsAt;
        d.createdAt = now;
        d.persist();
        audit.record(
                actorId,
                actorName,
                null,
                "DELEGATION_STARTED",
                fromUser + " to " + to + " from " + starts + " until " + endsAt);
        return d;
    }

    /** Ends one of the user's own delegations now; false when they have no such delegation in force or to come. */
    @Transactional
    public boolean revoke(String actorId, String actorName, String fromUser, UUID id) {
        Delegation d = Delegation.findById(id);
        Instant now = clock.instant();
        if (d == null || !d.fromUser.equals(fromUser) || !d.current(now)) {
            return false;
        }
        d.revokedAt = now;
        audit.record(actorId, actorName, null, "DELEGATION_REVOKED", fromUser + " to " + d.toUser + " revoked");
        return true;
    }
}
