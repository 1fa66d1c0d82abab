package dev.signoff.notify;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A person's own choice of {@link NotifyMode} (V19); without a row the configured default applies. */
@Entity
@Table(name = "notification_preference")
public class NotificationPreference extends PanacheEntityBase {

    /** The user id requests name them by (their assignee name), as the {@link Directory} knows them. */
    @Id
    @Column(name = "user_id")
    public String userId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public NotifyMode mode;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
