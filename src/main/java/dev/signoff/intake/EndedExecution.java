package dev.signoff.intake;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * An execution Step Functions reported as ended, kept so that a review request arriving after the end event (the
 * two queues are independent) is cancelled on arrival. After a redrive and a second end it holds the latest end.
 */
@Entity
@Table(name = "ended_execution")
public class EndedExecution extends PanacheEntityBase {

    @Id
    @Column(name = "execution_arn")
    public String executionArn;

    @Column(nullable = false)
    public String status;

    @Column(name = "stop_date", nullable = false)
    public Instant stopDate;

    @Column(name = "event_id", nullable = false)
    public String eventId;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;
}
