package dev.signoff.notify;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** Out of office (V19): from starts_at until ends_at, new tasks named for from_user also go to to_user. */
@Entity
@Table(name = "delegation")
public class Delegation extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "from_user", nullable = false)
    public String fromUser;

    @Column(name = "to_user", nullable = false)
    public String toUser;

    @Column(name = "starts_at", nullable = false)
    public Instant startsAt;

    @Column(name = "ends_at", nullable = false)
    public Instant endsAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    /** In force at this instant: started, not ended, not revoked. */
    public boolean activeAt(Instant at) {
        return revokedAt == null && !startsAt.isAfter(at) && endsAt.isAfter(at);
    }

    /** Still to come or in force: neither over nor revoked. */
    public boolean current(Instant at) {
        return revokedAt == null && endsAt.isAfter(at);
    }
}
